import type { WebSocketRoute } from 'playwright-core';
import en from '../../locales/en.json';
import {
  botMessages,
  browseIn,
  describeInBrowser,
  tabTo,
  until,
  chromiumSuite,
  closeClean,
  messageBox,
  nextBotMessage,
  send,
  userMessages,
  waitInPage,
  type Browsing,
} from './browser';

/** The conversation's activity stream (the built-in Direct Line's streamUrl). */
const STREAM = /\/v3\/directline\/conversations\/[^/]+\/stream/;

interface Frame {
  activities?: { type: string; from?: { role?: string } }[];
}

/** Whether a frame from the stream carries a message from the bot. */
function hasBotMessage(data: string | Buffer): boolean {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  if (!text.trim()) return false;
  return ((JSON.parse(text) as Frame).activities ?? []).some(
    (a) => a.type === 'message' && a.from?.role === 'bot',
  );
}

describeInBrowser(
  "the page's own chat client: typing, suggestions by keyboard, the stream and its fallback (one Chromium)",
  () => {
    const suite = chromiumSuite();
    let b: Browsing;

    beforeEach(async () => {
      b = await browseIn(suite.browser, suite.server.url, { width: 390, height: 844 });
    });
    afterEach(async () => {
      await closeClean(b);
    });

    test('while the bot works, "Reach is writing…" shows; its answer replaces it', async () => {
      // The stream as the server sends it, except that the bot's answers wait until the test lets them go.
      let hold = false;
      const held: (() => void)[] = [];
      await b.context.routeWebSocket(STREAM, (ws) => {
        const upstream = ws.connectToServer();
        upstream.onMessage((data) => {
          if (hold && hasBotMessage(data)) held.push(() => ws.send(data));
          else ws.send(data);
        });
      });
      await b.page.goto(`${suite.server.url}/`);
      await nextBotMessage(b.page, 0);
      const typing = b.page.locator('#typing');
      expect(await typing.isVisible()).toBe(false);

      hold = true;
      await send(b.page, 'what is a t visa');
      await typing.waitFor({ state: 'visible' });
      expect(await typing.innerText()).toBe(en.page.typing);
      expect(await until(() => held.length > 0)).toBe(true);
      expect(await botMessages(b.page).count()).toBe(1);

      hold = false;
      held.forEach((release) => release());
      await nextBotMessage(b.page, 1);
      expect(await typing.isVisible()).toBe(false);
    });

    test('suggested topics are buttons reached by Tab; Space picks one, its answer comes, and the focus is back in the message box', async () => {
      await b.page.goto(`${suite.server.url}/`);
      await nextBotMessage(b.page, 0);
      await b.page.locator('#quick-exit').focus();
      expect(await tabTo(b, '#suggestions button')).toBe(true);
      const picked = (await b.page.evaluate('document.activeElement.textContent')) as string;
      expect(await b.page.evaluate('document.activeElement.tagName')).toBe('BUTTON');
      await b.page.keyboard.press('Space');
      await nextBotMessage(b.page, 1);
      expect(await userMessages(b.page).last().innerText()).toBe(picked);
      expect(await b.page.evaluate("document.activeElement === document.getElementById('message')")).toBe(
        true,
      );
      // The person can write straight away.
      await b.page.keyboard.type('thanks');
      expect(await messageBox(b.page).inputValue()).toBe('thanks');
    });

    test('after sending, the box is empty and keeps the focus; Shift+Enter writes a new line instead of sending', async () => {
      await b.page.goto(`${suite.server.url}/`);
      await nextBotMessage(b.page, 0);
      const box = messageBox(b.page);
      await box.click();
      await b.page.keyboard.type('what is');
      await b.page.keyboard.press('Shift+Enter');
      await b.page.keyboard.type('a t visa');
      expect(await box.inputValue()).toBe('what is\na t visa');
      expect(await userMessages(b.page).count()).toBe(0);
      await b.page.keyboard.press('Enter');
      await nextBotMessage(b.page, 1);
      expect(await userMessages(b.page).last().innerText()).toBe('what is\na t visa');
      expect(await box.inputValue()).toBe('');
      expect(await b.page.evaluate("document.activeElement === document.getElementById('message')")).toBe(
        true,
      );
    });

    test('when the stream is lost, the page opens a new one and the conversation goes on over it', async () => {
      const sockets: WebSocketRoute[] = [];
      let answersOnSecond = 0;
      await b.context.routeWebSocket(STREAM, (ws) => {
        sockets.push(ws);
        const upstream = ws.connectToServer();
        const index = sockets.length;
        upstream.onMessage((data) => {
          if (index === 2 && hasBotMessage(data)) answersOnSecond += 1;
          ws.send(data);
        });
      });
      await b.page.goto(`${suite.server.url}/`);
      await nextBotMessage(b.page, 0);
      expect(sockets).toHaveLength(1);

      await sockets[0]!.close({ code: 4000, reason: 'lost' });
      expect(await until(() => sockets.length === 2)).toBe(true);
      await waitInPage(b.page, "document.getElementById('transcript').dataset.connection === 'online'");
      await send(b.page, 'what is a t visa');
      expect(await nextBotMessage(b.page, 1)).toMatch(/T visa/i);
      expect(answersOnSecond).toBeGreaterThan(0);
    });

    test('when no stream can be had, the page polls: the greeting and every answer still arrive, in order', async () => {
      let attempts = 0;
      await b.context.routeWebSocket(STREAM, async (ws) => {
        attempts += 1;
        await ws.close({ code: 4000, reason: 'no streams here' });
      });
      const polls: string[] = [];
      b.page.on('request', (r) => {
        if (/\/activities\?watermark=/.test(r.url())) polls.push(r.url());
      });
      await b.page.goto(`${suite.server.url}/`);
      await nextBotMessage(b.page, 0);
      await send(b.page, 'what is a t visa');
      const first = await nextBotMessage(b.page, 1);
      await send(b.page, 'signs of debt bondage');
      const second = await nextBotMessage(b.page, 2);
      expect(first).toMatch(/T visa/i);
      expect(second).toMatch(/debt/i);
      expect(await userMessages(b.page).allInnerTexts()).toEqual([
        'what is a t visa',
        'signs of debt bondage',
      ]);
      expect(polls.length).toBeGreaterThan(0);
      expect(attempts).toBeGreaterThan(0);
      expect(await b.page.evaluate("document.getElementById('transcript').dataset.connection")).toBe(
        'polling',
      );
    });
  },
);
