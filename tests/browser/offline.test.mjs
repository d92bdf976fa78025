// The demo works offline once loaded: its service worker keeps every file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serveDir, open } from './chromium.mjs';

let browser;
let site;

after(async () => {
  await browser?.close();
  await site?.close();
});

test('with the server gone, a reload still highlights the sample', async () => {
  site = await serveDir('www');
  browser = await launch();
  const page = await open(browser.context, site.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await site.close();
  site = null;
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.ok((await page.locator('#highlighted mark').count()) >= 10);
  assert.deepEqual(page.errors, []);
});
