import { chromium } from 'playwright-core';
import { startServer } from './tests/helpers/server';
(async () => {
  const server = await startServer({ KNOWLEDGE_RELOAD: 'off' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 320, height: 568 }, deviceScaleFactor: 2 });
  await page.goto(server.url + '/');
  await page.locator('.webchat__bubble__content').first().waitFor({ timeout: 30000 });
  await page.locator('#webchat textarea').fill('signs of debt bondage');
  await page.locator('#webchat textarea').press('Enter');
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content').nth(1).waitFor();
  await page.waitForTimeout(1500);
  const box = await page.locator('.webchat__basic-transcript__scrollable').boundingBox();
  await page.mouse.move(box!.x + 50, box!.y + 50);
  for (const dy of [-250, -250, -150]) { await page.mouse.wheel(0, dy); await page.waitForTimeout(200); }
  await page.waitForTimeout(500);
  await page.screenshot({ path: process.argv[2] ?? '/work/wt/web/docs/website-small.png' });
  await browser.close();
  await server.close();
})();
