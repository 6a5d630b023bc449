import en from '../../locales/en.json';
import {
  accessibilityProblems,
  botMessages,
  browseIn,
  describeInBrowser,
  chromiumSuite,
  closeClean,
  tabTo,
  until,
  nextBotMessage,
  QUICK_EXIT_URL,
  userMessages,
  waitInPage,
  type Browsing,
} from './browser';

/** Small screens people read the chat on: a small phone, a laptop at 200 % zoom, a phone with its keyboard up. */
const SCREENS = [
  { name: 'small phone', width: 320, height: 568, lang: 'en', question: 'signs of debt bondage' },
  { name: 'laptop at 200 % zoom', width: 640, height: 360, lang: 'en', question: 'signs of debt bondage' },
  // Spanish: the longer help bar.
  { name: 'phone with the keyboard up, in Spanish', width: 390, height: 480, lang: 'es', question: 'senales de servidumbre por deuda' },
] as const;

/** Enough of an answer to read a few lines of it. */
const READABLE_PX = 120;

/**
 * The latest answer, scrolled into view as a person would, and how much of it they can see: the part
 * inside the transcript, inside the window, and not under the pinned help bar.
 */
async function visibleAnswerHeight(b: Browsing): Promise<number> {
  await botMessages(b.page).last().scrollIntoViewIfNeeded();
  return (await b.page.evaluate(`(() => {
    const bubbles = document.querySelectorAll('#messages .from-bot .bubble');
    const answer = bubbles[bubbles.length - 1].getBoundingClientRect();
    const transcript = document.querySelector('#transcript').getBoundingClientRect();
    const header = document.querySelector('.top');
    const pinned = getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
    const top = Math.max(answer.top, transcript.top, 0, pinned);
    const bottom = Math.min(answer.bottom, transcript.bottom, window.innerHeight);
    return Math.max(0, bottom - top);
  })()`)) as number;
}

const MESSAGE_BOX = '#message';
const SUGGESTION = '#suggestions button';

describeInBrowser('website chat on small screens, by keyboard (one Chromium)', () => {
  const suite = chromiumSuite();
  let b: Browsing;

  afterEach(async () => {
    await closeClean(b);
  });

  test.each(SCREENS)('$name ($width×$height): the latest answer is readable, nothing is cut off, Quick exit stays in sight, axe is clean', async (screen) => {
    b = await browseIn(suite.browser, suite.server.url, { width: screen.width, height: screen.height });
    await b.page.goto(`${suite.server.url}/?lang=${screen.lang}`);
    await nextBotMessage(b.page, 0);
    const box = b.page.locator(MESSAGE_BOX);
    await box.fill(screen.question);
    await box.press('Enter');
    await nextBotMessage(b.page, 1);
    expect(await b.page.evaluate('document.documentElement.lang')).toBe(screen.lang);

    expect(await visibleAnswerHeight(b)).toBeGreaterThanOrEqual(READABLE_PX);
    // The transcript keeps at least half the screen.
    const chat = await b.page.locator('.chat-area').boundingBox();
    expect(chat!.height).toBeGreaterThanOrEqual(screen.height / 2);
    // Quick exit is on screen while the answer is read.
    const exit = await b.page.locator('#quick-exit').boundingBox();
    expect(exit!.y).toBeGreaterThanOrEqual(0);
    expect(exit!.y + exit!.height).toBeLessThanOrEqual(screen.height);
    // No sideways scrolling (reflow), and no suggested action cut short: their words wrap.
    expect(await b.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const cut = (await b.page.evaluate(`[...document.querySelectorAll('#suggestions button')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent)`)) as string[];
    expect(cut).toEqual([]);
    expect(await accessibilityProblems(b)).toEqual([]);
  });

  test('answers render as written: the paragraph after a list is not inside its last bullet, and numbers are tappable', async () => {
    b = await browseIn(suite.browser, suite.server.url, { width: 390, height: 844 });
    await b.page.goto(`${suite.server.url}/`);
    await nextBotMessage(b.page, 0);
    const box = b.page.locator(MESSAGE_BOX);
    await box.fill('signs of debt bondage');
    await box.press('Enter');
    await nextBotMessage(b.page, 1);
    const answer = botMessages(b.page).last();
    // signs.debt-bondage: five bullets, then "You have a right…" on the next line, without a blank line.
    expect(await answer.locator('li').count()).toBe(5);
    expect(await answer.locator('li', { hasText: 'You have a right' }).count()).toBe(0);
    expect(await answer.locator('p', { hasText: 'You have a right' }).count()).toBe(1);
    expect(await answer.locator('li p').count()).toBe(0);
    // The hotline's numbers inside the answer: call and text, as in the help bar.
    expect(await answer.locator('a[href="tel:+18883737888"]').count()).toBe(1);
    expect(await answer.locator('a[href="sms:233733"]').count()).toBe(1);
    expect(await answer.locator('strong', { hasText: 'National Human Trafficking Hotline' }).count()).toBe(1);
  });

  test('a whole conversation by keyboard only: type, send, pick a suggestion, clear the box with Esc, leave with Esc twice', async () => {
    b = await browseIn(suite.browser, suite.server.url, { width: 390, height: 844 });
    await b.page.goto(`${suite.server.url}/`);
    await nextBotMessage(b.page, 0);

    expect(await tabTo(b, MESSAGE_BOX)).toBe(true);
    await b.page.keyboard.type('what is a t visa');
    await b.page.keyboard.press('Enter');
    await nextBotMessage(b.page, 1);
    expect(await userMessages(b.page).last().innerText()).toBe('what is a t visa');

    expect(await tabTo(b, SUGGESTION, true)).toBe(true);
    const picked = (await b.page.evaluate('document.activeElement.textContent')) as string;
    await b.page.keyboard.press('Enter');
    await nextBotMessage(b.page, 2);
    expect(await userMessages(b.page).last().innerText()).toBe(picked.trim());

    // Esc in the message box clears what was written, and the page stays.
    expect(await tabTo(b, MESSAGE_BOX)).toBe(true);
    await b.page.keyboard.type('something I do not want to send');
    await b.page.keyboard.press('Escape');
    expect(await b.page.locator(MESSAGE_BOX).inputValue()).toBe('');
    expect(b.page.url()).toBe(`${suite.server.url}/`);
    // Esc twice leaves at once.
    await b.page.keyboard.press('Escape');
    await b.page.keyboard.press('Escape');
    await b.page.waitForURL(QUICK_EXIT_URL);
  });

  test('Esc outside the chat is a quick exit', async () => {
    b = await browseIn(suite.browser, suite.server.url, { width: 390, height: 844 });
    await b.page.goto(`${suite.server.url}/`);
    await nextBotMessage(b.page, 0);
    await b.page.locator('.language[data-locale="es"]').focus();
    await b.page.keyboard.press('Escape');
    await b.page.waitForURL(QUICK_EXIT_URL);
  });

  test('the help bar and its numbers need no script; on a slow phone they paint before the chat\'s script has arrived, and the chat waits on nothing but its own few files and Direct Line', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 320, height: 568 }, javaScriptEnabled: false });
    b = { ...(await browseIn(suite.browser, suite.server.url, { width: 320, height: 568 })) };
    try {
      const page = await context.newPage();
      await page.goto(`${suite.server.url}/`);
      expect(await page.locator('#help-bar a[href="tel:911"]').isVisible()).toBe(true);
      expect(await page.locator('#help-bar a[href="tel:+18883737888"]').isVisible()).toBe(true);
      expect(await page.locator('#help-bar a[href="sms:233733"]').isVisible()).toBe(true);
    } finally {
      await context.close();
    }

    // DevTools' Fast 3G as Lighthouse applies it, and a 4x slower CPU (the times are in npm run bench:web).
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: 188_744, uploadThroughput: 86_400 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await b.page.addInitScript(`new MutationObserver(() => {
      if (window.__greeting === undefined && document.querySelector('#messages .from-bot')) window.__greeting = performance.now();
    }).observe(document, { subtree: true, childList: true });`);
    // The chat's scripts are held back until the help bar has painted: if it needed them, it never would.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await b.page.route(/\/static\/[\w.-]+\.js/, async (route) => {
      await held;
      await route.continue();
    });
    await b.page.goto(`${suite.server.url}/`, { waitUntil: 'commit' });
    await waitInPage(b.page, "performance.getEntriesByName('first-contentful-paint').length > 0", 30_000);
    expect(await b.page.locator('#help-bar a[href="tel:911"]').isVisible()).toBe(true);
    release();
    await botMessages(b.page).first().waitFor({ timeout: 60_000 });
    const { greeting, resources } = (await b.page.evaluate(`({
      greeting: window.__greeting,
      resources: performance.getEntriesByType('resource').map((r) => ({ path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd })),
    })`)) as { greeting: number; resources: { path: string; start: number; end: number }[] };
    const scripts = resources.filter((r) => r.path.endsWith('.js'));
    expect(scripts.map((r) => r.path).sort()).toEqual(['/static/app.js', '/static/directline.js', '/static/markdown.js']);
    // Between the page and the greeting: the chat's three files (fetched side by side, not one after
    // another), the token and the conversation's start; nothing else is on the way.
    const beforeGreeting = resources.filter((r) => r.start < greeting).map((r) => r.path);
    expect(beforeGreeting.filter((p) => p !== '/static/icon.svg').sort()).toEqual(
      ['/api/directline/token', '/static/app.js', '/static/directline.js', '/static/markdown.js', '/v3/directline/conversations'].sort(),
    );
    expect(Math.max(...scripts.map((r) => r.start))).toBeLessThan(Math.min(...scripts.map((r) => r.end)));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  });

  test('"delete" erases the conversation from the screen too, leaving only the confirmation', async () => {
    b = await browseIn(suite.browser, suite.server.url, { width: 390, height: 844 });
    await b.page.goto(`${suite.server.url}/`);
    await nextBotMessage(b.page, 0);
    const box = b.page.locator(MESSAGE_BOX);
    await box.fill('my boss took my passport');
    await box.press('Enter');
    await nextBotMessage(b.page, 1);
    await box.fill('delete');
    await box.press('Enter');
    expect(await until(async () => (await userMessages(b.page).count()) === 0)).toBe(true);
    expect(await userMessages(b.page).count()).toBe(0);
    expect(await botMessages(b.page).count()).toBe(1);
    expect((await botMessages(b.page).first().innerText()).replace(/[\u2018\u2019]/g, "'")).toContain(en.privacy.deleted.slice(0, 20));
    // Nor is anything left in the screen-reader announcements.
    expect(await until(async () => !((await b.page.evaluate('document.body.innerText')) as string).includes('passport'))).toBe(true);
  });
});
