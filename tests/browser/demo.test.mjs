// The demo page in headless Chromium: it loads the wasm, highlights a pasted
// article with the right labels, toggles labels, and shows pasted markup as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { launch, serveDir } from './chromium.mjs';

let browser;
let site;
let page;
const errors = [];

before(async () => {
  site = await serveDir('www');
  browser = await launch();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await site?.close();
});

async function paste(text) {
  await page.fill('#article', text);
  await page.click('#highlight');
  return page.$$eval('#highlighted mark', (marks) =>
    marks.map((m) => [m.firstChild.textContent, m.dataset.label]),
  );
}

test('the sample article is highlighted on load', async () => {
  const count = await page.locator('#highlighted mark').count();
  assert.ok(count >= 10, `only ${count} marks`);
  assert.match(await page.textContent('#status'), /^\d+ entities in \d+\.\d ms$/);
});

test('a pasted article gets marks with the right labels', async () => {
  const marks = await paste('Angela Merkel visited Paris on Tuesday and pledged $4.5 billion.');
  for (const expected of [
    ['Angela Merkel', 'PERSON'],
    ['Paris', 'GPE'],
    ['Tuesday', 'DATE'],
    ['$4.5 billion', 'MONEY'],
  ]) {
    assert.ok(marks.some(([t, l]) => t === expected[0] && l === expected[1]), `${expected} in ${marks}`);
  }
  const legend = await page.$$eval('#legend button', (bs) => bs.map((b) => b.dataset.label));
  assert.deepEqual(legend.sort(), [...new Set(marks.map(([, l]) => l))].sort());
});

test('the legend toggles a label off and on', async () => {
  await paste('It cost $5 on Tuesday and $7 on Friday.');
  const moneyButton = page.locator('#legend button[data-label="MONEY"]');
  await moneyButton.click();
  assert.equal(await moneyButton.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('mark.off[data-label="MONEY"]').count(), 2);
  assert.equal(await page.locator('mark.off[data-label="DATE"]').count(), 0);
  await moneyButton.click();
  assert.equal(await page.locator('mark.off').count(), 0);
});

test('pasted markup is shown as text and runs nothing', async () => {
  const hostile = '<img src=x onerror="window.pwned=1"> cost $5 </mark><script>window.pwned=2</script>';
  await paste(hostile);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#highlighted img, #highlighted script').count(), 0);
  const shown = await page.$eval('#highlighted', (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.badge').forEach((b) => b.remove());
    return copy.textContent;
  });
  assert.equal(shown, hostile);
});

test('a screenshot of the highlighted sample is saved', async () => {
  await page.click('#sample');
  await page.waitForSelector('#highlighted mark');
  await mkdir('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/demo.png', fullPage: true });
  assert.deepEqual(errors, []);
});
