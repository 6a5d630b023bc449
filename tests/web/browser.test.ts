import { mkdirSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import { startServer } from '../helpers/server';
import {
  accessibilityProblems,
  ARTIFACTS,
  browseIn,
  chromiumSuite,
  closeClean,
  messageBox,
  QUICK_EXIT_URL,
  describeInBrowser,
  nextBotMessage,
  send,
  suggestedAction,
  userMessages,
  waitInPage,
  type Browsing,
} from './browser';

/** Text as written in locales/ and knowledge/, whatever typographic quotes or zero-width spaces a renderer adds. */
function typographic(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\u200b/g, '');
}

describeInBrowser('website chat in a real browser (Chromium)', () => {
  const suite = chromiumSuite();
  let b: Browsing;
  const title = (id: string, locale: 'en' | 'es'): string => suite.server.app.knowledge.current().base.entries.find((e) => e.id === id)![locale].title;

  beforeAll(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  // One Chromium for the suite; each test gets a fresh context (its own storage, cookies and cache).
  beforeEach(async () => {
    b = await browseIn(suite.browser, suite.server.url, { width: 390, height: 844 });
  });
  // The page asked for nothing outside the bot server, and its CSP refused nothing it needs.
  afterEach(async () => {
    await closeClean(b, (e) => /Content Security Policy|Refused to/i.test(e));
  });

  async function openChat(query = ''): Promise<string> {
    await b.page.goto(`${suite.server.url}/${query}`);
    return nextBotMessage(b.page, 0);
  }

  test('the greeting appears without typing, and a tapped suggested action gets its answer', async () => {
    const greeting = await openChat();
    expect(greeting).toMatch(/warning signs, your rights/);
    expect(await b.page.locator('#help-bar').innerText()).toMatch(/^In danger\? Call 911\. Hotline: call 1-888-373-7888 or text 233733$/);

    await suggestedAction(b.page, en.menu.signs).click();
    const answer = await nextBotMessage(b.page, 1);
    expect(answer.startsWith(title('signs.general', 'en'))).toBe(true);
    expect(await userMessages(b.page).last().innerText()).toBe(en.menu.signs);
  });

  test('"hola, necesito ayuda" gets a Spanish reply, and the page follows into Spanish', async () => {
    await openChat();
    await send(b.page, 'hola, necesito ayuda');
    const reply = await nextBotMessage(b.page, 1);
    expect(reply).toMatch(/\b(de|la|para|llame|usted|puede)\b/);
    await waitInPage(b.page, "document.documentElement.lang === 'es'");
    expect(await b.page.locator('#help-bar').innerText()).toMatch(/^¿Está en peligro\? Llame al 911\./);
    expect(await b.page.locator('#quick-exit').innerText()).toBe(es.page.quickExit);
  });

  test('a danger message gets the handoff, set apart, with 911 first and tappable', async () => {
    await openChat();
    await send(b.page, 'he locked me in and took my phone');
    const handoff = b.page.locator('.reach-handoff');
    await handoff.waitFor();
    expect(await handoff.locator('.reach-handoff-label').innerText()).toMatch(new RegExp(`^${en.page.important}$`, 'i'));
    const body = typographic(await handoff.locator('.bubble').innerText());
    expect(body.split('\n')[0]).toMatch(/^If you are in danger right now, call 911\.$/);
    expect(body.indexOf('911')).toBeLessThan(body.indexOf('1-888-373-7888'));
    expect(await handoff.locator('a[href="tel:911"]').count()).toBe(1);
    expect(await handoff.locator('a[href="tel:+18883737888"]').count()).toBe(1);
  });

  test('the language switch changes the page and the bot replies in that language', async () => {
    await openChat();
    await b.page.getByRole('button', { name: 'Español' }).click();
    expect(await b.page.evaluate('document.documentElement.lang')).toBe('es');
    expect(await b.page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');
    expect(await b.page.locator('#quick-exit').innerText()).toBe(es.page.quickExit);
    expect(await b.page.title()).toBe('Chat'); // neutral in both languages (PAGE_TITLE)
    expect(await messageBox(b.page).getAttribute('placeholder')).toBe(es.page.placeholder);
    expect(typographic(await nextBotMessage(b.page, 1))).toContain(es.language.switched);
    expect(await userMessages(b.page).last().innerText()).toBe('español');

    await suggestedAction(b.page, es.menu.signs).click();
    expect((await nextBotMessage(b.page, 2)).startsWith(title('signs.general', 'es'))).toBe(true);

    await b.page.getByRole('button', { name: 'English' }).click();
    expect(typographic(await nextBotMessage(b.page, 3))).toContain(en.language.switched);
    expect(await b.page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await b.page.locator('#quick-exit').innerText()).toBe(en.page.quickExit);
  });

  test('Quick exit leaves at once, and Back does not return to the chat', async () => {
    const before = `${suite.server.url}/healthz`;
    await b.page.goto(before);
    await openChat();
    await b.page.getByRole('button', { name: en.page.quickExit }).click();
    await b.page.waitForURL(QUICK_EXIT_URL);
    await b.page.goBack();
    expect(b.page.url()).toBe(before);
  });

  test('the Esc key is a quick exit too (pressed twice while in the message box)', async () => {
    await b.page.goto(`${suite.server.url}/healthz`);
    await openChat();
    await messageBox(b.page).click();
    await b.page.keyboard.press('Escape');
    await b.page.keyboard.press('Escape');
    await b.page.waitForURL(QUICK_EXIT_URL);
    await b.page.goBack();
    expect(b.page.url()).not.toBe(`${suite.server.url}/`);
  });

  test('embedded in the organisation\'s site (FRAME_ANCESTORS), the chat works and Quick exit leaves the whole page', async () => {
    // The organisation's site: another origin, served on loopback (Chromium refuses to let a page from
    // nowhere frame a loopback address).
    let chatUrl = '';
    const site = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><title>Example</title><h1>Example</h1>
        <iframe src="${chatUrl}/?lang=es" title="Chat" style="width:380px;height:700px;border:0"></iframe></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const embedded = await startServer({ KNOWLEDGE_RELOAD: 'off', FRAME_ANCESTORS: `'self' ${siteUrl}` });
    chatUrl = embedded.url;
    try {
      b.allow(siteUrl);
      b.allow(embedded.url);
      await b.page.goto(`${siteUrl}/`);
      const frame = b.page.frameLocator('iframe');
      await frame.locator('#messages .from-bot .bubble').first().waitFor();
      await frame.getByRole('button', { name: es.page.quickExit }).click();
      await b.page.waitForURL(QUICK_EXIT_URL);
    } finally {
      // The browser keeps its connections open; end them so the servers can close.
      site.closeAllConnections();
      embedded.app.server.server.closeAllConnections();
      await embedded.close();
      await new Promise((resolve) => site.close(resolve));
    }
  });

  test('after a conversation, the browser holds nothing of it: no storage, no cookies', async () => {
    await openChat();
    await send(b.page, 'my boss took my passport');
    await nextBotMessage(b.page, 1);
    const stored = await b.page.evaluate(`(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    }))()`);
    expect(stored).toEqual({ local: 0, session: 0, cookie: '', databases: 0, caches: 0 });
    expect(await b.context.cookies()).toEqual([]);
  });

  test('no serious or critical accessibility problems, in either language', async () => {
    await openChat();
    expect(await accessibilityProblems(b)).toEqual([]);
    await b.page.getByRole('button', { name: 'Español' }).click();
    await nextBotMessage(b.page, 1);
    expect(await accessibilityProblems(b)).toEqual([]);
  });

  test('screenshots of the page in each language (test artifacts)', async () => {
    for (const locale of ['en', 'es'] as const) {
      await openChat(`?lang=${locale}`);
      await suggestedAction(b.page, (locale === 'en' ? en : es).menu.signs).waitFor();
      // The "Connecting…" line goes once the greeting is there.
      await b.page.locator('#status').waitFor({ state: 'hidden' });
      const file = path.join(ARTIFACTS, `website-chat-${locale}.png`);
      await b.page.screenshot({ path: file });
      expect(statSync(file).size).toBeGreaterThan(10_000);
    }
  });
});
