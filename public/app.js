/*
 * Reach website chat: the help bar, Quick exit, the language switch, and the chat itself (a transcript,
 * suggested topics and a message box) on Direct Line (public/directline.js), answers rendered by
 * public/markdown.js. Plain browser JavaScript, no build step, no framework: the chat is usable as soon as
 * these few kilobytes arrive. Nothing here writes to localStorage, sessionStorage or cookies.
 */
/* global window, document, fetch, setTimeout, clearTimeout */
'use strict';

(function () {
  const config = JSON.parse(document.getElementById('reach-config').textContent);
  const chat = { locale: config.locale, userId: undefined, connection: undefined };
  const $ = function (id) {
    return document.getElementById(id);
  };
  const el = {
    transcript: $('transcript'),
    messages: $('messages'),
    typing: $('typing'),
    suggestions: $('suggestions'),
    form: $('send-form'),
    box: $('message'),
    announce: $('announce'),
    status: $('status'),
  };

  // --- Quick exit. Wired first, so it works even when the chat does not load.

  function quickExit(event) {
    if (event) event.preventDefault();
    try {
      if (chat.connection) chat.connection.end();
    } catch {
      // leaving matters more than closing the connection politely
    }
    // replace(), not assign(): the chat's entry in the history is overwritten, so Back cannot return to it.
    try {
      window.top.location.replace(config.quickExit);
    } catch {
      // Embedded in another site, which may refuse a frame to move its top page without a click.
      window.location.replace(config.quickExit);
    }
    document.title = '';
    document.body.replaceChildren();
  }

  /** Two presses of Esc this close together leave, wherever the focus is. */
  const DOUBLE_ESC_MS = 1000;
  let lastEscape = 0;

  // Esc leaves at once, except in the message box: there it clears what was written, and a second Esc
  // right after leaves.
  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key !== 'Escape' || event.isComposing) return;
      const now = Date.now();
      const again = now - lastEscape < DOUBLE_ESC_MS;
      lastEscape = now;
      if (event.target !== el.box || again) return quickExit(event);
      event.preventDefault();
      el.box.value = '';
    },
    true,
  );
  $('quick-exit').addEventListener('click', quickExit);

  // --- Page strings, both languages, from locales/ via the server.

  function strings() {
    return config.strings[chat.locale];
  }

  /** A string whose {{emergency}}, {{call}} and {{text}} become tel:/sms: links (numbers from contacts.yaml). */
  function linked(template) {
    const fragment = document.createDocumentFragment();
    for (const part of template.split(/(\{\{\w+\}\})/)) {
      const key = (/^\{\{(emergency|call|text)\}\}$/.exec(part) || [])[1];
      if (!key) {
        fragment.append(part);
        continue;
      }
      const link = document.createElement('a');
      link.href = config.numbers[key].href;
      link.textContent = config.numbers[key].number;
      fragment.append(link);
    }
    return fragment;
  }

  function applyStrings() {
    const t = strings();
    document.documentElement.lang = chat.locale;
    // The same neutral title (PAGE_TITLE) in both languages: tabs and history say nothing of the topic.
    document.title = config.title;
    document.querySelectorAll('[data-t]').forEach(function (node) {
      node.textContent = t[node.dataset.t];
    });
    document.querySelectorAll('[data-html]').forEach(function (node) {
      node.replaceChildren(linked(t[node.dataset.html]));
    });
    document.querySelectorAll('[data-t-label]').forEach(function (node) {
      node.setAttribute('aria-label', t[node.dataset.tLabel]);
    });
    document.querySelectorAll('[data-t-placeholder]').forEach(function (node) {
      node.setAttribute('placeholder', t[node.dataset.tPlaceholder]);
    });
    document.querySelectorAll('.language').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.locale === chat.locale));
    });
  }

  /** Change the page's language; with `tellBot`, also tell the bot, the way a person would. */
  function setLanguage(locale, tellBot) {
    if ((locale !== 'en' && locale !== 'es') || locale === chat.locale) return;
    chat.locale = locale;
    applyStrings();
    if (tellBot)
      send({ text: locale === 'es' ? 'español' : 'english' }, locale === 'es' ? 'español' : 'english');
  }

  document.querySelectorAll('.language').forEach(function (button) {
    button.addEventListener('click', function () {
      setLanguage(button.dataset.locale, true);
    });
  });

  // --- The transcript: a list of messages, the bot's rendered from Markdown, the person's as plain text.

  const renderMarkdown = window.ReachMarkdown.create(config.numbers.links);

  function reachTrace(activity) {
    return (activity && activity.channelData && activity.channelData.reach) || undefined;
  }

  /** One message in the transcript; who said it is read out before it, not shown. */
  function addMessage(fromBot, fill) {
    const item = document.createElement('li');
    item.className = fromBot ? 'message from-bot' : 'message from-user';
    const who = document.createElement('span');
    who.className = 'visually-hidden';
    who.dataset.t = fromBot ? 'botSaid' : 'youSaid';
    who.textContent = strings()[who.dataset.t];
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    fill(bubble);
    item.append(who, bubble);
    el.messages.append(item);
    return item;
  }

  /** The bot's message; the handoff (911 first, then the hotline) is set apart and labelled. */
  function addBotMessage(activity) {
    const trace = reachTrace(activity);
    const item = addMessage(true, function (bubble) {
      // renderMarkdown escapes every character before it adds its few tags: nothing from the bot is markup.
      bubble.innerHTML = renderMarkdown(activity.text);
    });
    if (trace && trace.kind === 'handoff') {
      item.classList.add('reach-handoff');
      const label = document.createElement('p');
      label.className = 'reach-handoff-label';
      label.dataset.t = 'important';
      label.textContent = strings().important;
      item.insertBefore(label, item.querySelector('.bubble'));
    }
    return item;
  }

  /** How long the typing indicator stays without a message (Bot Framework channels use a few seconds). */
  const TYPING_MS = 20_000;

  function showTyping(on) {
    clearTimeout(showTyping.timer);
    el.typing.hidden = !on;
    if (on) reveal(null);
    // A turn that never answers (the server failed) does not leave the indicator up for good.
    if (on) showTyping.timer = setTimeout(showTyping, TYPING_MS, false);
  }

  /** Scroll so the first new message starts in view: a long answer is read from its start. */
  function reveal(first) {
    const box = el.transcript;
    const bottom = box.scrollHeight - box.clientHeight;
    const top = first ? first.offsetTop - box.offsetTop - 8 : bottom;
    box.scrollTop = Math.max(0, Math.min(bottom, top));
  }

  /** Suggested topics as buttons that wrap, for the latest message only; each sends its value. */
  function showSuggestions(activity) {
    const actions = (activity && activity.suggestedActions && activity.suggestedActions.actions) || [];
    const to = activity && activity.suggestedActions && activity.suggestedActions.to;
    const forMe = !to || to.length === 0 || to.indexOf(chat.userId) !== -1;
    const buttons = forMe
      ? actions
          .filter(function (a) {
            return a && typeof a.title === 'string' && /^(imBack|messageBack|postBack)$/.test(a.type);
          })
          .map(function (action) {
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'suggestion';
            button.textContent = action.title;
            button.addEventListener('click', function () {
              pick(action);
            });
            return button;
          })
      : [];
    el.suggestions.replaceChildren.apply(el.suggestions, buttons);
    el.suggestions.hidden = buttons.length === 0;
  }

  /** A tapped suggestion, sent as Web Chat sends it: imBack says its value, messageBack its text and value. */
  function pick(action) {
    const focusBack = el.suggestions.contains(document.activeElement);
    if (action.type === 'messageBack') {
      send({ text: action.text, value: action.value }, action.displayText || action.text || action.title);
    } else if (action.type === 'imBack') {
      send({ text: String(action.value) }, String(action.value));
    } else {
      send({ text: typeof action.value === 'string' ? action.value : undefined, value: action.value }, null);
    }
    // The buttons go; the focus goes to the message box rather than to nowhere.
    if (focusBack) el.box.focus();
  }

  /** After the bot's "erased" notice, the screen forgets too: everything before the notice goes. */
  function clearTranscript(keep) {
    Array.from(el.messages.children).forEach(function (item) {
      if (item !== keep) item.remove();
    });
    el.announce.replaceChildren();
  }

  /** A batch of activities from Direct Line: the bot's messages and typing; the person's own echoes are skipped. */
  function receive(activities) {
    let first = null;
    const spoken = [];
    for (const activity of activities) {
      const fromBot = activity.from && activity.from.id !== chat.userId && activity.from.role !== 'user';
      if (!fromBot) continue;
      if (activity.type === 'typing') {
        showTyping(true);
        continue;
      }
      if (activity.type !== 'message') continue;
      showTyping(false);
      hideStatus();
      const trace = reachTrace(activity);
      // The page follows the bot's language: someone who writes in Spanish gets the Spanish page.
      if (trace && trace.locale !== chat.locale) setLanguage(trace.locale, false);
      let item = null;
      if (typeof activity.text === 'string' && activity.text.trim()) {
        item = addBotMessage(activity);
        first = first || item;
        spoken.push(item.querySelector('.bubble').innerText);
      }
      showSuggestions(activity);
      if (item && trace && trace.kind === 'notice' && config.deleted.indexOf(activity.text) !== -1) {
        clearTranscript(item);
        first = item;
        spoken.splice(0, spoken.length - 1);
      }
    }
    if (spoken.length) {
      // Screen readers hear each new answer once, politely, without moving the focus.
      el.announce.replaceChildren.apply(
        el.announce,
        spoken.map(function (text) {
          const p = document.createElement('p');
          p.textContent = text;
          return p;
        }),
      );
    }
    if (first) reveal(first);
  }

  // --- Sending.

  function activityLocale() {
    return chat.locale === 'es' ? 'es-ES' : 'en-US';
  }

  /** Post what the person sent; `shown` (the text on screen) is null for a hidden postBack. */
  function send(fields, shown) {
    const item = shown === null ? null : addMessage(false, (bubble) => (bubble.textContent = shown));
    showSuggestions(null);
    reveal(null);
    const activity = Object.assign(
      { type: 'message', locale: activityLocale(), textFormat: 'plain' },
      fields,
    );
    ready
      .then(function (connection) {
        if (!connection) throw new Error('unavailable');
        return connection.post(activity);
      })
      .catch(function () {
        if (item) notSent(item, fields, shown);
      });
  }

  /** A message that did not go: said so beside it, with a button to send it again. */
  function notSent(item, fields, shown) {
    item.classList.add('failed');
    const note = document.createElement('p');
    note.className = 'not-sent';
    const text = document.createElement('span');
    text.textContent = strings().notSent + ' ';
    const again = document.createElement('button');
    again.type = 'button';
    again.textContent = strings().retry;
    again.addEventListener('click', function () {
      item.remove();
      send(fields, shown);
      el.box.focus();
    });
    note.append(text, again);
    item.append(note);
  }

  el.form.addEventListener('submit', function (event) {
    event.preventDefault();
    const text = el.box.value.trim();
    if (!text) return;
    el.box.value = '';
    send({ text: text }, text);
    el.box.focus();
  });
  // Enter sends; Shift+Enter starts a new line.
  el.box.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    el.form.requestSubmit();
  });

  // --- Connecting.

  function hideStatus() {
    el.status.hidden = true;
  }

  function showUnavailable() {
    el.status.hidden = false;
    el.status.dataset.html = 'unavailable';
    delete el.status.dataset.t;
    el.status.replaceChildren(linked(strings().unavailable));
  }

  /**
   * A token for one new conversation, from the page's own server (in production it gets one from Azure
   * with the secret, which never reaches this page), then the conversation itself.
   */
  const ready = fetch(config.tokenUrl, {
    method: 'POST',
    credentials: 'omit',
    cache: 'no-store',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (granted) {
      if (!granted) return null;
      chat.userId = granted.userId;
      return window.ReachDirectLine.connect({
        token: granted.token,
        domain: granted.domain,
        userId: granted.userId,
        // The bot greets in this language as soon as the conversation starts.
        locale: activityLocale(),
        onActivities: receive,
        onState: function (state) {
          el.transcript.dataset.connection = state;
          if (state === 'ended') showUnavailable();
        },
      });
    })
    .catch(function () {
      return null;
    })
    .then(function (connection) {
      chat.connection = connection || undefined;
      if (!connection) showUnavailable();
      return connection;
    });

  applyStrings();
})();
