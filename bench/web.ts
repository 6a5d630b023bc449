/**
 * `npm run bench:web`: the website chat in real Chromium. First load on a throttled phone (DevTools'
 * "Fast 3G" as Lighthouse applies it, and a 4x slower CPU): when the help bar shows and when the chat is
 * usable, with what was downloaded; then how long a reply takes to reach the screen after the bot sends
 * it (built-in Direct Line, WebSocket stream). Prints a Markdown table for docs/website.md.
 *
 *   npm run bench:web              5 cold loads and 10 replies
 *   npm run bench:web -- --runs 3  fewer loads
 *   npm run bench:web -- --cpu 1   the network throttled, the CPU not
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';

const CHROMIUM = '/usr/bin/chromium';
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const REPLIES = 10;

/**
 * Lighthouse's mobile throttling (150 ms RTT, 1.6 Mbps down, 750 kbps up) as DevTools applies it: latency
 * x3.75 and throughput x0.9 (lighthouse-core/config/constants.js, "devtools" throttling method).
 */
const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const cpuArg = process.argv.indexOf('--cpu');
/** 4x slower CPU, as Lighthouse's mobile profile; `--cpu 1` separates what the network alone costs. */
const CPU_SLOWDOWN = cpuArg > 0 ? Number(process.argv[cpuArg + 1]) : 4;

/** The bot's messages in the page (public/app.js). */
const BOT = '#messages .from-bot .bubble';

/**
 * Marks the page's milestones from the first byte, whatever the page's CSP says (CDP init script). The
 * chat is usable when the greeting is on screen: the page's script draws it, and wires the message box
 * before it even asks for a token, so the box works from then on.
 */
const MARKS = `
  window.__reach = { marks: {}, replies: [] };
  new MutationObserver(() => {
    const m = window.__reach.marks;
    if (m.box === undefined && document.querySelector('#message')) m.box = performance.now();
    if (m.greeting === undefined && document.querySelector('${BOT}')) m.greeting = performance.now();
    const bot = document.querySelectorAll('${BOT}');
    while (window.__reach.replies.length < bot.length) window.__reach.replies.push(Date.now());
  }).observe(document, { subtree: true, childList: true });
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function throttled(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'silent', KNOWLEDGE_RELOAD: 'off', HOST: '127.0.0.1', PORT: '0' });
  const app = await createApp(config, createLogger('silent'));
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    // Warm the server's compressed copies, so the first run does not time the compression.
    const warm = await browser.newPage();
    await warm.goto(url);
    await warm.locator(BOT).first().waitFor({ timeout: 60_000 });
    await warm.close();

    const loads: { helpBar: number; usable: number; kb: number }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.addInitScript(MARKS);
      const cdp = await throttled(page);
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
      await page.goto(url);
      await page.locator(BOT).first().waitFor({ timeout: 60_000 });
      const timing = (await page.evaluate(`(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const m = window.__reach.marks;
        return { helpBar: fcp ? fcp.startTime : NaN, usable: Math.max(m.box, m.greeting) };
      })()`)) as { helpBar: number; usable: number };
      loads.push({ ...timing, kb: bytes / 1024 });
      if (process.argv.includes('--detail')) {
        process.stderr.write(
          `${JSON.stringify(await page.evaluate(`[Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventStart), performance.getEntriesByType('resource').map((r) => [r.name.replace(/^.*\\//, '').slice(0, 40), Math.round(r.startTime), Math.round(r.responseEnd)])]`))}\n`,
        );
      }
      process.stderr.write(`load ${i + 1}: help bar ${timing.helpBar.toFixed(0)} ms, usable ${timing.usable.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB\n`);
      await context.close();
    }

    // Reply delay: from the bot sending the reply (the activity's timestamp, set as it is queued) to the
    // reply on screen, unthrottled, same machine clock.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.addInitScript(MARKS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const sentAt: number[] = [];
    cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => {
      if (!e.response.payloadData) return;
      const { activities } = JSON.parse(e.response.payloadData) as { activities: { type: string; from: { role?: string }; timestamp: string }[] };
      for (const a of activities) if (a.type === 'message' && a.from.role === 'bot') sentAt.push(Date.parse(a.timestamp));
    });
    await page.goto(url);
    await page.locator(BOT).first().waitFor();
    const box = page.locator('#message');
    const questions = ['signs of trafficking', 'what is a t visa', 'my boss took my passport', 'how do i call the hotline', 'rights at work'];
    for (let i = 0; i < REPLIES; i += 1) {
      await box.fill(questions[i % questions.length]!);
      await box.press('Enter');
      await page.locator(BOT).nth(i + 1).waitFor();
      await page.waitForTimeout(300);
    }
    const shownAt = (await page.evaluate('window.__reach.replies')) as number[];
    const delays = sentAt.slice(1, REPLIES + 1).map((sent, i) => shownAt[i + 1]! - sent);
    await context.close();

    const rows = [
      `| Help bar on screen (first paint) | ${median(loads.map((l) => l.helpBar)).toFixed(0)} ms | ${Math.max(...loads.map((l) => l.helpBar)).toFixed(0)} ms |`,
      `| Chat usable (greeting and message box) | ${median(loads.map((l) => l.usable)).toFixed(0)} ms | ${Math.max(...loads.map((l) => l.usable)).toFixed(0)} ms |`,
      `| Downloaded (compressed) | ${median(loads.map((l) => l.kb)).toFixed(0)} KB | |`,
      `| Reply on screen after the bot sends it (${delays.length} replies, unthrottled) | ${median(delays).toFixed(0)} ms | ${Math.max(...delays).toFixed(0)} ms |`,
    ];
    process.stdout.write(
      [
        `Website chat, ${RUNS} cold loads on Fast 3G (${FAST_3G.latency} ms latency, ${((FAST_3G.downloadThroughput * 8) / 1024).toFixed(0)} kbps down) with a ${CPU_SLOWDOWN}x slower CPU (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores):`,
        '',
        '| | median | worst |',
        '| --- | --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    app.server.server.closeAllConnections();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
