/*
 * Reach website chat: the help bar, Quick exit, the language switch, and Web Chat on Direct Line.
 * Plain browser JavaScript, no build step. Nothing here writes to localStorage, sessionStorage or cookies.
 */
/* global window, document, fetch, setTimeout */
'use strict';

(function () {
  const config = JSON.parse(document.getElementById('reach-config').textContent);
  // Web Chat injects its styles at run time; the page's CSP admits them by this per-request nonce.
  const nonce = document.currentScript ? document.currentScript.nonce : undefined;
  const chat = { locale: config.locale, userId: undefined, directLine: undefined, store: undefined };

  // --- Quick exit. Wired first, so it works even when the chat does not load.

  function quickExit(event) {
    if (event) event.preventDefault();
    try {
      if (chat.directLine) chat.directLine.end();
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

  /** Web Chat's message box, if that is where the key was pressed. */
  function messageBox(target) {
    return target && target.closest && target.closest('#webchat') && /^(TEXTAREA|INPUT)$/.test(target.tagName) ? target : null;
  }

  // Esc leaves at once, except inside the chat: there the widget keeps the key (in the message box it
  // clears what was written), and a second Esc right after leaves.
  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key !== 'Escape' || event.isComposing) return;
      const now = Date.now();
      const again = now - lastEscape < DOUBLE_ESC_MS;
      lastEscape = now;
      const inChat = event.target && event.target.closest && event.target.closest('#webchat');
      if (!inChat || again) return quickExit(event);
      const box = messageBox(event.target);
      if (box && box.value && chat.store) {
        event.preventDefault();
        chat.store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX', payload: { text: '' } });
      }
    },
    true,
  );
  document.getElementById('quick-exit').addEventListener('click', quickExit);

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
    document.querySelectorAll('[data-t]').forEach(function (el) {
      el.textContent = t[el.dataset.t];
    });
    document.querySelectorAll('[data-html]').forEach(function (el) {
      el.replaceChildren(linked(t[el.dataset.html]));
    });
    document.querySelectorAll('[data-t-label]').forEach(function (el) {
      el.setAttribute('aria-label', t[el.dataset.tLabel]);
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
    renderChat();
    if (tellBot && chat.store) {
      chat.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: locale === 'es' ? 'español' : 'english' } });
    }
  }

  document.querySelectorAll('.language').forEach(function (button) {
    button.addEventListener('click', function () {
      setLanguage(button.dataset.locale, true);
    });
  });

  // --- Web Chat.

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    });
  }

  // --- Answers as written. The page renders the bot's markdown itself (Web Chat's minimal bundle has no
  // renderer): a small, strict subset, every character escaped first, so nothing in an answer becomes HTML.

  const SAFE_HREF = /^(https?:\/\/|tel:|sms:|mailto:)/i;

  function link(href, html) {
    if (!SAFE_HREF.test(href)) return html;
    const external = /^https?:/i.test(href) ? ' target="_blank" rel="noopener noreferrer"' : '';
    return '<a href="' + escapeHtml(href) + '"' + external + '>' + html + '</a>';
  }

  /** Inline rules, tried at every position; the earliest match wins. `lead` is a character kept before it. */
  const INLINE = [
    {
      pattern: /\[([^\]\n]+)\]\(\s*([^\s()]+)\s*\)/,
      render: function (m) {
        return link(m[2], inline(m[1], true));
      },
    },
    {
      pattern: /\bhttps?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/,
      render: function (m, inLink) {
        return inLink ? escapeHtml(m[0]) : link(m[0], escapeHtml(m[0]));
      },
    },
    {
      pattern: /\*\*(?=\S)([^*\n]*?\S)\*\*|__(?=\S)([^_\n]*?\S)__/,
      render: function (m, inLink) {
        return '<strong>' + inline(m[1] || m[2], inLink) + '</strong>';
      },
    },
    {
      pattern: /(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])|(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/,
      lead: true,
      render: function (m, inLink) {
        return '<em>' + inline(m[2] || m[4], inLink) + '</em>';
      },
    },
    {
      pattern: /`([^`\n]+)`/,
      render: function (m) {
        return '<code>' + escapeHtml(m[1]) + '</code>';
      },
    },
  ].concat(
    // Every number in an answer (contacts.yaml) is tappable: tel: to call, sms: (with its keyword) to text.
    config.numbers.links.map(function (n) {
      return {
        pattern: new RegExp('(^|[^\\w/.:+-])(' + escapeRegExp(n.number) + ')(?![\\w-])'),
        lead: true,
        render: function (m, inLink) {
          return inLink ? escapeHtml(m[2]) : link(n.href, escapeHtml(m[2]));
        },
      };
    }),
  );

  function inline(text, inLink) {
    let best = null;
    for (const rule of INLINE) {
      const m = rule.pattern.exec(text);
      if (!m) continue;
      const lead = rule.lead ? (m[1] !== undefined ? m[1] : m[3] || '').length : 0;
      const start = m.index + lead;
      if (!best || start < best.start) best = { m: m, rule: rule, start: start };
    }
    if (!best) return escapeHtml(text);
    const end = best.m.index + best.m[0].length;
    return escapeHtml(text.slice(0, best.start)) + best.rule.render(best.m, inLink) + inline(text.slice(end), inLink);
  }

  const LIST_ITEM = /^\s{0,3}([-*+]|(\d{1,9})[.)])\s+(.*)$/;
  const HEADING = /^\s{0,3}#{1,6}\s+(.*?)[\s#]*$/;

  /**
   * Paragraphs, bullet and numbered lists, headings (as bold lines), and line breaks as written. A list
   * ends at the first line that is not an item or indented under one, so a paragraph written right after
   * a list (without a blank line) stays a paragraph instead of joining the last bullet.
   */
  function markdownToHtml(markdown) {
    const out = [];
    let paragraph = [];
    let list = null;
    const closeParagraph = function () {
      if (paragraph.length) out.push('<p>' + paragraph.map((l) => inline(l)).join('<br>') + '</p>');
      paragraph = [];
    };
    const closeList = function () {
      if (!list) return;
      const open = list.ordered ? (list.start !== 1 ? '<ol start="' + list.start + '">' : '<ol>') : '<ul>';
      const items = list.items.map((lines) => '<li>' + lines.map((l) => inline(l)).join('<br>') + '</li>');
      out.push(open + items.join('') + (list.ordered ? '</ol>' : '</ul>'));
      list = null;
    };
    for (const line of String(markdown).replace(/\r\n?/g, '\n').split('\n')) {
      if (!line.trim()) {
        closeParagraph();
        closeList();
        continue;
      }
      const item = LIST_ITEM.exec(line);
      if (item) {
        closeParagraph();
        const ordered = item[2] !== undefined;
        if (list && list.ordered !== ordered) closeList();
        if (!list) list = { ordered: ordered, start: ordered ? Number(item[2]) : 1, items: [] };
        list.items.push([item[3]]);
        continue;
      }
      if (list && /^\s{2,}\S/.test(line)) {
        list.items[list.items.length - 1].push(line.trim());
        continue;
      }
      closeList();
      const heading = HEADING.exec(line);
      if (heading) {
        closeParagraph();
        out.push('<p><strong>' + inline(heading[1]) + '</strong></p>');
        continue;
      }
      paragraph.push(line.trim());
    }
    closeParagraph();
    closeList();
    return '<div class="reach-md">' + out.join('') + '</div>';
  }

  function renderMarkdown(markdown) {
    return markdownToHtml(markdown);
  }

  function reachTrace(activity) {
    return (activity && activity.channelData && activity.channelData.reach) || undefined;
  }

  /** The handoff (911 first, then the hotline) is set apart and labelled, so it cannot be missed. */
  function activityMiddleware() {
    return function (next) {
      return function () {
        const render = next.apply(null, arguments);
        const card = arguments[0];
        const trace = reachTrace(card && card.activity);
        if (!render || !trace || trace.kind !== 'handoff') return render;
        return function () {
          const h = window.React.createElement;
          return h(
            'div',
            { className: 'reach-handoff' },
            h('p', { className: 'reach-handoff-label' }, strings().important),
            render.apply(null, arguments),
          );
        };
      };
    };
  }

  /** After the bot's "erased" notice, the screen forgets too: everything before the notice goes. */
  function clearTranscript(store, keepId) {
    store.getState().activities.forEach(function (activity) {
      if (activity.id && activity.id !== keepId) {
        store.dispatch({ type: 'DIRECT_LINE/DELETE_ACTIVITY', payload: { activityID: activity.id } });
      }
    });
  }

  /**
   * The page follows the bot's language (someone who writes in Spanish gets the Spanish help bar), and
   * "delete" / "borrar" clears the transcript once the bot confirms it erased its memory.
   */
  function storeMiddleware(store) {
    return function (next) {
      return function (action) {
        const result = next(action);
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          const activity = action.payload.activity;
          const trace = reachTrace(activity);
          const fromBot = activity.from && (activity.from.role === 'bot' || activity.from.id !== chat.userId);
          if (fromBot && trace && trace.locale !== chat.locale) {
            setTimeout(function () {
              setLanguage(trace.locale, false);
            }, 0);
          }
          if (fromBot && trace && trace.kind === 'notice' && config.deleted.indexOf(activity.text) !== -1) {
            setTimeout(function () {
              clearTranscript(store, activity.id);
            }, 0);
          }
        }
        return result;
      };
    };
  }

  const styleOptions = {
    accent: '#0b4f8a',
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    rootHeight: '100%',
    rootWidth: '100%',
    backgroundColor: '#ffffff',
    bubbleBackground: '#eef2f6',
    bubbleBorderRadius: 12,
    bubbleBorderWidth: 0,
    bubbleFromUserBackground: '#0b4f8a',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 12,
    bubbleFromUserBorderWidth: 0,
    bubbleMaxWidth: 640,
    bubbleMinHeight: 0,
    hideUploadButton: true,
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 8,
    suggestedActionHeight: 44,
    timestampColor: '#4a5560',
    subtle: '#4a5560',
  };

  function renderChat() {
    if (!chat.directLine) return;
    window.WebChat.renderWebChat(
      {
        directLine: chat.directLine,
        store: chat.store,
        // The id the token was issued for: the bot addresses its suggested actions to it.
        userID: chat.userId,
        locale: chat.locale === 'es' ? 'es-ES' : 'en-US',
        nonce: nonce,
        styleOptions: styleOptions,
        activityMiddleware: activityMiddleware,
        renderMarkdown: renderMarkdown,
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: strings().placeholder },
      },
      document.getElementById('webchat'),
    );
  }

  function showUnavailable() {
    const status = document.getElementById('status');
    if (!status) return;
    status.dataset.html = 'unavailable';
    delete status.dataset.t;
    status.replaceChildren(linked(strings().unavailable));
  }

  /**
   * A token for one new conversation, asked for at once: on a slow phone the request travels while Web
   * Chat is still downloading. In production the server gets it from Azure with the secret, which never
   * reaches this page.
   */
  const session = fetch(config.tokenUrl, {
    method: 'POST',
    credentials: 'omit',
    cache: 'no-store',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  }).then(function (response) {
    return response.ok ? response.json() : null;
  });
  session.catch(function () {
    // handled in start()
  });

  async function start() {
    if (!window.WebChat || !window.React) return showUnavailable();
    try {
      const granted = await session;
      if (!granted) return showUnavailable();
      chat.userId = granted.userId;
      chat.store = window.WebChat.createStore({}, storeMiddleware);
      chat.directLine = window.WebChat.createDirectLine({
        token: granted.token,
        domain: granted.domain,
        webSocket: config.webSocket,
        // The bot greets in this language as soon as the conversation starts.
        conversationStartProperties: { locale: chat.locale === 'es' ? 'es-ES' : 'en-US' },
      });
      renderChat();
    } catch {
      showUnavailable();
    }
  }

  applyStrings();
  // This script runs before Web Chat (the scripts are deferred, in order): start once they have all run.
  let started = false;
  function startOnce() {
    if (started) return;
    started = true;
    start();
  }
  document.addEventListener('DOMContentLoaded', startOnce);
  window.addEventListener('load', startOnce);
})();
