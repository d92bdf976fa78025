// Renders extension/icons/icon.svg to the PNG sizes the extension and the
// stores need (16, 32, 48 and 128 px), in headless Chromium; the PNGs are
// committed, so this runs only after a change to the SVG:
//   node scripts/extension-icons.mjs
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../tests/browser/chromium.mjs';

const dir = new URL('../extension/icons/', import.meta.url);
const svg = await readFile(new URL('icon.svg', dir), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: new URL(`${size}.png`, dir).pathname, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('Written: extension/icons/{16,32,48,128}.png');
