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

  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key === 'Escape') quickExit(event);
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
    document.title = t.title;
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

  /** Phone numbers in answers become tappable. (Web Chat's sanitiser keeps tel: links, not sms:.) */
  const numberPatterns = config.numbers.links
    .filter(function (link) {
      return link.href.startsWith('tel:');
    })
    .map(function (link) {
      // Not inside a word, a longer number, a URL or a link already made (Web Chat may render twice).
      return { pattern: new RegExp('(^|[^\\w/.:+\\[-])(' + escapeRegExp(link.number) + ')(?![\\w-]|\\]\\()', 'g'), href: link.href };
    });

  function linkNumbers(markdown) {
    return numberPatterns.reduce(function (text, n) {
      return text.replace(n.pattern, function (_m, before, number) {
        return before + '[' + number + '](' + n.href + ')';
      });
    }, markdown);
  }

  function renderMarkdown(markdown) {
    const rest = Array.prototype.slice.call(arguments, 1);
    return window.WebChat.renderMarkdown.apply(null, [linkNumbers(markdown)].concat(rest));
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

  /** The page follows the bot's language: someone who writes in Spanish gets the Spanish help bar. */
  function storeMiddleware() {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          const activity = action.payload.activity;
          const trace = reachTrace(activity);
          const fromBot = activity.from && (activity.from.role === 'bot' || activity.from.id !== chat.userId);
          if (fromBot && trace && trace.locale !== chat.locale) {
            setTimeout(function () {
              setLanguage(trace.locale, false);
            }, 0);
          }
        }
        return next(action);
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

  async function start() {
    if (!window.WebChat || !window.React) return showUnavailable();
    try {
      // A token for one new conversation. In production the server gets it from Azure with the secret,
      // which never reaches this page.
      const response = await fetch(config.tokenUrl, {
        method: 'POST',
        credentials: 'omit',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      if (!response.ok) return showUnavailable();
      const session = await response.json();
      chat.userId = session.userId;
      chat.store = window.WebChat.createStore({}, storeMiddleware);
      chat.directLine = window.WebChat.createDirectLine({
        token: session.token,
        domain: session.domain,
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
  start();
})();
