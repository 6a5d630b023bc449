import { chromium } from 'playwright-core';
import { startServer } from './tests/helpers/server';
(async () => {
  const server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  for (const [w, h] of [[320, 568], [640, 360], [390, 480], [390, 844]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    page.on('console', (m) => console.log('console', m.type(), m.text()));
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    const t0 = Date.now();
    await page.goto(server.url + '/');
    await page.locator('.webchat__bubble__content').first().waitFor({ timeout: 20000 });
    console.log(w, h, 'greeting after', Date.now() - t0);
    await page.getByRole('textbox').fill('signs of debt bondage');
    await page.getByRole('textbox').press('Enter');
    await page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content').nth(1).waitFor();
    await page.waitForTimeout(500);
    const dims = await page.evaluate(`(() => {
      const r = (s) => { const e = document.querySelector(s); return e ? Math.round(e.getBoundingClientRect().height) : -1; };
      return { top: r('.top'), tools: r('.tools'), chat: r('.chat-area'), footer: r('.privacy'), transcript: r('.webchat__basic-transcript__scrollable'), sugg: r('.webchat__suggested-actions'), send: r('.webchat__send-box'), scrollH: document.documentElement.scrollHeight };
    })()`);
    console.log(JSON.stringify(dims));
    await page.screenshot({ path: `/tmp/webx/s-${w}x${h}.png` });
    await page.close();
  }
  await browser.close();
  await server.close();
})();
