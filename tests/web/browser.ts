import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { startServer, type Running } from '../helpers/server';

/** Where Quick exit goes by default (QUICK_EXIT_URL). */
export const QUICK_EXIT_URL = loadConfig({}).QUICK_EXIT_URL;

/** Debian's Chromium (`apt-get install chromium`); .ci/run installs it when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where screenshots go (git-ignored; CI keeps the folder as an artifact). */
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');

/**
 * Run the browser tests, or skip them out loud. In CI they always run, so a missing Chromium fails there
 * instead of passing quietly; on a developer's machine without Chromium they are skipped with a banner.
 */
export function browserTestsRun(): boolean {
  if (existsSync(CHROMIUM) || process.env.CI) return true;
  const bar = '!'.repeat(78);
  const banner = [
    '',
    bar,
    `!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}.`,
    '!! The website chat was NOT tested in a browser. Install it with:',
    '!!     apt-get update && apt-get install -y chromium',
    '!! (CI installs it and never skips these tests.)',
    bar,
    '',
  ].join('\n');
  process.stderr.write(`${banner}\n`);
  console.warn(banner);
  return false;
}

export interface Browsing {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the page tried to make anywhere but the bot server (blocked). */
  readonly external: string[];
  /** Console errors and uncaught exceptions in the page. */
  readonly errors: string[];
  /** Let the page reach another server of ours (on loopback). */
  allow(origin: string): void;
  /** Answer a URL with this HTML, locally (a stand-in for the organisation's site). */
  serve(url: string, html: string): void;
  close(): Promise<void>;
}

/** The stand-in for the Quick exit site: tests never leave this machine. */
const NEUTRAL_PAGE = '<!doctype html><html lang="en"><title>Weather</title><p>Weather</p></html>';

/** One Chromium for a whole suite; each test opens its own context in it (see `browseIn`). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Block every request outside the bot server (the Quick exit site is answered locally); collect errors. */
async function guard(context: BrowserContext, serverUrl: string): Promise<Omit<Browsing, 'close'>> {
  const external: string[] = [];
  const errors: string[] = [];
  const allowed = [`${serverUrl}/`];
  const served = new Map([[QUICK_EXIT_URL, NEUTRAL_PAGE]]);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((origin) => url.startsWith(origin))) return route.continue();
    const html = served.get(url);
    if (html !== undefined) return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    external,
    errors,
    allow: (origin) => allowed.push(`${origin}/`),
    serve: (url, html) => served.set(url, html),
  };
}

/** A fresh context (its own storage) in a shared browser, at a given screen size. */
export async function browseIn(browser: Browser, serverUrl: string, viewport: { width: number; height: number }): Promise<Browsing> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const browsing = await guard(context, serverUrl);
  return { ...browsing, close: () => context.close() };
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA). */
export async function accessibilityProblems(b: Browsing): Promise<string[]> {
  await b.page.evaluate(AXE);
  const found = (await b.page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`)) as {
    id: string;
    impact: string;
    where: string[];
  }[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.where.join(', ')}`);
}

/** The bot's messages in the transcript. */
export function botMessages(page: Page) {
  return page.locator('#messages .from-bot .bubble');
}

/** A suggested action button, by its title. */
export function suggestedAction(page: Page, title: string) {
  return page.locator('#suggestions').getByRole('button', { name: title, exact: true });
}

/** The person's messages in the transcript. */
export function userMessages(page: Page) {
  return page.locator('#messages .from-user .bubble');
}

/** The message box, found as a person finds it: by its visible label. */
export function messageBox(page: Page) {
  return page.getByLabel(/^(Your message|Su mensaje)$/);
}

/** Type into the message box and press Enter, as a person would. */
export async function send(page: Page, text: string): Promise<void> {
  const box = messageBox(page);
  await box.fill(text);
  await box.press('Enter');
}

/** Wait until the bot has said more than `count` messages; the newest one's text. */
export async function nextBotMessage(page: Page, count: number): Promise<string> {
  const messages = botMessages(page);
  await messages.nth(count).waitFor();
  return (await messages.last().innerText()).trim();
}

/**
 * Wait until an expression is true in the page, checking it from outside every 100 ms. Playwright's
 * waitForFunction would evaluate a string inside the page once its first check fails, which the page's
 * CSP (no 'unsafe-eval') rightly refuses. Throws if it never becomes true within `timeoutMs`.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.evaluate(expression)) === true) return;
    if (Date.now() > deadline) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One bot server and one Chromium for a suite, started before its tests and closed after them. */
export interface ChromiumSuite {
  readonly server: Running;
  readonly browser: Browser;
}

/**
 * Register the suite's beforeAll/afterAll: a server (reload off) and one Chromium. In CI a missing
 * Chromium is a failure, not a skip. The returned object is filled in before the first test runs.
 */
export function chromiumSuite(): ChromiumSuite {
  const suite = {} as { server: Running; browser: Browser };
  beforeAll(async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    suite.server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Close a test's context; the page asked for nothing outside the bot server and logged no error. */
export async function closeClean(b: Browsing, errors: (e: string) => boolean = () => true): Promise<void> {
  const { external } = b;
  const seen = b.errors.filter(errors);
  await b.close();
  expect(external).toEqual([]);
  expect(seen).toEqual([]);
}

/** Focus moves by Tab (or Shift+Tab) until `selector` has it; false if it never does. */
export async function tabTo(b: Browsing, selector: string, back = false): Promise<boolean> {
  for (let i = 0; i < 40; i += 1) {
    if (await b.page.evaluate(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) return true;
    await b.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  return false;
}

/** Check every 100 ms, for up to `seconds`, until `ok()`; whether it got there. */
export async function until(ok: () => boolean | Promise<boolean>, seconds = 15): Promise<boolean> {
  for (let i = 0; i < seconds * 10; i += 1) {
    if (await ok()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * `describe` for a suite that drives Chromium, or `describe.skip` where browser tests cannot run (never in
 * CI: see `browserTestsRun`); its tests get 90 s, a cold Chromium on a loaded two-core machine included.
 */
export function describeInBrowser(name: string, body: () => void): void {
  (browserTestsRun() ? describe : describe.skip)(name, () => {
    jest.setTimeout(90_000);
    body();
  });
}
