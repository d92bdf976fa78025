// The README's picture of the extension: the news fixture page highlighted by
// a click on the toolbar button, beside the side panel listing its groups.
// Headless Chromium draws no browser UI, so the page and the panel are shot
// apart and put side by side:
//   node scripts/extension-screenshot.mjs      (after `make extension`; writes docs/extension.png)
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { clickExtensionButton, launchWithExtension, serveDir } from '../tests/browser/chromium.mjs';

const site = await serveDir(resolve('tests/browser/fixtures/extension'));
const launched = await launchWithExtension(resolve('dist-extension'));
try {
  const { context, extensionId, worker } = launched;
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(`${site.url}news.html`);
  await page.waitForFunction(() => window.pageState?.ready);
  await clickExtensionButton(launched, page);
  await page.waitForSelector('mark[data-ner]');
  const shot = await page.screenshot();
  const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);

  const panel = await context.newPage();
  await panel.setViewportSize({ width: 340, height: 700 });
  await panel.goto(`chrome-extension://${extensionId}/panel.html?tab=${tabId}`);
  await panel.waitForSelector('#entities li');
  const panelShot = await panel.screenshot();

  const sheet = await context.newPage();
  await sheet.setViewportSize({ width: 1250, height: 700 });
  const url = (png) => `data:image/png;base64,${png.toString('base64')}`;
  await sheet.setContent(
    `<body style="margin:0;display:flex;background:#888"><img src="${url(shot)}" width="900" height="700">` +
      `<img src="${url(panelShot)}" width="340" height="700" style="margin-left:10px"></body>`,
  );
  await sheet.screenshot({ path: resolve('docs/extension.png') });
  console.log(`Written: docs/extension.png (${(await readFile(resolve('docs/extension.png'))).length} bytes)`);
} finally {
  await launched.close();
  await site.close();
}
