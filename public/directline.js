/*
 * Reach's own Direct Line 3.0 client for the chat page: start the conversation the page's token names,
 * post the person's activities, and receive the bot's over the conversation's WebSocket stream, falling
 * back to polling `GET …/activities?watermark=` while the stream is down. The same calls work with Azure's
 * Direct Line and the bot's built-in one (src/server/directline/). Plain browser JavaScript, no build step;
 * it keeps nothing anywhere but in memory.
 */
/* global window, fetch, setTimeout, clearTimeout, setInterval, clearInterval, WebSocket, URL */
'use strict';

(function () {
  /** The client's timings, named in one place. */
  const DIRECT_LINE = Object.freeze({
    /** Polling interval while the stream is down: the one Web Chat's client (directlinejs) uses. */
    pollMs: 1000,
    /**
     * A new token every 15 minutes, as directlinejs does: the built-in Direct Line's tokens live 30
     * minutes and Azure's an hour, so one failed refresh still leaves time for the next.
     */
    refreshMs: 15 * 60_000,
    /** Waits before each new try at the stream after it closes; past the last, the page stays on polling. */
    reconnectMs: [500, 2000, 5000, 15_000],
    /** A stream that stayed open this long was healthy: its closing starts the retries afresh. */
    healthyMs: 60_000,
  });

  /** Direct Line answers that mean the conversation is over (expired token, forgotten conversation). */
  function over(status) {
    return status === 401 || status === 403 || status === 404;
  }

  /** The later of two watermarks (numeric in both Direct Lines); a stream and a poll may cross. */
  function later(a, b) {
    if (b === undefined || b === null || b === '') return a;
    if (a === undefined || a === '') return String(b);
    return Number(b) > Number(a) ? String(b) : a;
  }

  /**
   * Open the conversation and keep receiving its activities.
   *
   * options: `token`, `domain` (the Direct Line base URL), `userId` (the id the token was issued for),
   * `locale` (the bot greets in it), `onActivities(list)` for every batch received, and `onState(state)`
   * with 'online' (streaming), 'polling' (stream down, polling) or 'ended' (the conversation is over).
   * Resolves to `{ post(activity), end() }` once the conversation has started; rejects if it cannot.
   */
  async function connect(options) {
    let token = options.token;
    let conversationId = '';
    let watermark = '';
    let socket = null;
    let pollTimer = null;
    let retryTimer = null;
    let retries = 0;
    let ended = false;
    const seen = new Set();

    function request(method, path, body) {
      return fetch(options.domain + path, {
        method: method,
        credentials: 'omit',
        cache: 'no-store',
        headers:
          body === undefined
            ? { Authorization: 'Bearer ' + token }
            : { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    }

    function end(state) {
      if (ended) return;
      ended = true;
      clearTimeout(pollTimer);
      clearTimeout(retryTimer);
      clearInterval(refreshTimer);
      if (socket) socket.close();
      socket = null;
      if (state) options.onState(state);
    }

    /** A batch from the stream or a poll: each activity once, in order, whichever brought it first. */
    function receive(batch) {
      watermark = later(watermark, batch.watermark);
      const fresh = (batch.activities || []).filter(function (activity) {
        if (!activity || (activity.id && seen.has(activity.id))) return false;
        if (activity.id) seen.add(activity.id);
        return true;
      });
      if (fresh.length) options.onActivities(fresh);
    }

    // --- Polling: only while the stream is down.

    function poll() {
      pollTimer = null;
      if (ended || (socket && socket.readyState === WebSocket.OPEN)) return;
      request(
        'GET',
        '/conversations/' +
          encodeURIComponent(conversationId) +
          '/activities?watermark=' +
          encodeURIComponent(watermark),
      )
        .then(function (response) {
          if (over(response.status)) return end('ended');
          return response.ok ? response.json().then(receive) : undefined;
        })
        .catch(function () {
          // Offline for a moment: the next poll tries again.
        })
        .then(function () {
          if (!ended && !pollTimer && !(socket && socket.readyState === WebSocket.OPEN))
            pollTimer = setTimeout(poll, DIRECT_LINE.pollMs);
        });
    }

    function startPolling() {
      if (ended || pollTimer) return;
      options.onState('polling');
      pollTimer = setTimeout(poll, 0);
    }

    function stopPolling() {
      clearTimeout(pollTimer);
      pollTimer = null;
    }

    // --- The stream.

    function openStream(url) {
      if (ended) return;
      const address = new URL(url, window.location.href);
      if (watermark !== '') address.searchParams.set('watermark', watermark);
      address.protocol =
        address.protocol === 'https:' ? 'wss:' : address.protocol === 'http:' ? 'ws:' : address.protocol;
      let ws;
      try {
        ws = new WebSocket(address.href);
      } catch {
        return streamDown();
      }
      socket = ws;
      let openedAt = 0;
      ws.onopen = function () {
        openedAt = Date.now();
        stopPolling();
        options.onState('online');
      };
      ws.onmessage = function (event) {
        // Empty messages are the service's keep-alives.
        if (typeof event.data !== 'string' || !event.data.trim()) return;
        try {
          receive(JSON.parse(event.data));
        } catch {
          // Not a batch of activities: nothing to show.
        }
      };
      ws.onclose = function () {
        if (socket !== ws) return;
        socket = null;
        if (openedAt && Date.now() - openedAt >= DIRECT_LINE.healthyMs) retries = 0;
        streamDown();
      };
    }

    /** The stream closed or never opened: poll at once, and try the stream again after a while. */
    function streamDown() {
      if (ended) return;
      startPolling();
      if (retries >= DIRECT_LINE.reconnectMs.length) return; // it keeps failing: polling for good
      const wait = DIRECT_LINE.reconnectMs[retries];
      retries += 1;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(reconnect, wait);
    }

    /** Direct Line's reconnect: a fresh stream URL (with the current token) for the same conversation. */
    function reconnect() {
      if (ended) return;
      request(
        'GET',
        '/conversations/' +
          encodeURIComponent(conversationId) +
          '?watermark=' +
          encodeURIComponent(watermark),
      )
        .then(function (response) {
          if (over(response.status)) return end('ended');
          if (!response.ok) return streamDown();
          return response.json().then(function (body) {
            if (body && typeof body.streamUrl === 'string') openStream(body.streamUrl);
            else streamDown();
          });
        })
        .catch(function () {
          streamDown();
        });
    }

    // --- The token, renewed before it expires.

    const refreshTimer = setInterval(function () {
      request('POST', '/tokens/refresh', {})
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (body) {
          if (body && typeof body.token === 'string') token = body.token;
        })
        .catch(function () {
          // The next refresh tries again; the token is still valid for a while.
        });
    }, DIRECT_LINE.refreshMs);

    // --- Start: the bot greets as soon as the person has joined, in the page's language.

    let started;
    try {
      const response = await request('POST', '/conversations', {
        user: { id: options.userId },
        locale: options.locale,
      });
      if (!response.ok) throw new Error('Direct Line answered ' + response.status);
      started = await response.json();
    } catch (error) {
      end();
      throw error;
    }
    conversationId = started.conversationId;
    if (typeof started.token === 'string') token = started.token;
    if (typeof started.streamUrl === 'string') openStream(started.streamUrl);
    else startPolling();

    return {
      /** Post one activity from the person; resolves to its id, rejects if it was not delivered. */
      post: function (activity) {
        if (ended) return Promise.reject(new Error('conversation over'));
        const body = Object.assign({ from: { id: options.userId, role: 'user' } }, activity);
        return request(
          'POST',
          '/conversations/' + encodeURIComponent(conversationId) + '/activities',
          body,
        ).then(function (response) {
          if (over(response.status)) end('ended');
          if (!response.ok) throw new Error('Direct Line answered ' + response.status);
          return response.json().then(function (reply) {
            return reply && reply.id;
          });
        });
      },
      end: function () {
        end();
      },
    };
  }

  window.ReachDirectLine = Object.freeze({ connect: connect, DIRECT_LINE: DIRECT_LINE });
})();
