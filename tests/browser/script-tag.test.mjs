// The embeddable script on a page with links, nested markup, a click handler
// and text that looks like markup: it highlights in place and changes nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serveDir, open } from './chromium.mjs';

let browser;
let site;
let page;

before(async () => {
  site = await serveDir('.');
  browser = await launch();
  page = await open(browser.context, `${site.url}tests/browser/fixtures/script-tag.html`);
  await page.evaluate(() => window.nerHighlight.ready);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('the wasm the script fetches as it starts is the one init() uses: fetched once', async () => {
  const fetched = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).map((r) => r.name),
  );
  assert.equal(fetched.length, 1, `${fetched}`);
});

/** [text, label, entity index] of every mark in the article. */
const marks = () =>
  page.$$eval('#story mark', (ms) => ms.map((m) => [m.textContent, m.dataset.label, m.dataset.ner]));

test('entities in the target get marks with their labels; nothing outside it does', async () => {
  const found = await marks();
  for (const [text, label] of [
    ['Paris', 'GPE'],
    ['Angela', 'PERSON'],
    ['$4.5 billion', 'MONEY'],
    ['Joe Biden', 'PERSON'],
  ]) {
    assert.ok(found.some(([t, l]) => t === text && l === label), `${text} ${label} in ${found}`);
  }
  assert.ok(found.some(([t, l]) => t.startsWith('Tuesday') && l === 'DATE'), `${found}`);
  assert.ok(found.every(([, l]) => ['PERSON', 'GPE', 'DATE', 'MONEY'].includes(l)), 'data-labels filters');
  assert.equal(await page.locator('nav mark, script mark').count(), 0);
});

test('an entity crossing an element boundary is found and marked in each piece', async () => {
  const found = await marks();
  const benjamin = found.find(([t]) => t === 'Benjamin');
  const netanyahu = found.find(([t]) => t === ' Netanyahu');
  assert.ok(benjamin && netanyahu, `${found}`);
  assert.equal(benjamin[2], netanyahu[2], 'both pieces are the same entity');
  assert.equal(benjamin[1], 'PERSON');
  assert.equal(await page.$eval('#story b', (b) => b.firstElementChild?.tagName), 'MARK');
  assert.equal(await page.$eval('#story i', (i) => i.parentElement.className), 'who');
});

test('links, markup and event listeners survive', async () => {
  assert.equal(await page.evaluate(() => document.getElementById('paris') === window.link), true);
  assert.equal(await page.getAttribute('#paris', 'href'), 'https://example.org/paris');
  assert.equal(await page.$eval('#paris mark', (m) => m.dataset.label), 'GPE');
  await page.click('#paris mark');
  assert.equal(await page.evaluate(() => window.clicks), 1);
  // Without the marks, the article is exactly what it was.
  const withoutMarks = await page.$eval('#story', (story) => {
    const copy = story.cloneNode(true);
    for (const mark of copy.querySelectorAll('mark')) mark.replaceWith(...mark.childNodes);
    copy.normalize();
    return copy.innerHTML;
  });
  assert.equal(withoutMarks, await page.evaluate(() => window.originalHtml));
});

test('text that looks like markup stays text and runs nothing', async () => {
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#story img, #hostile script').count(), 0);
  assert.equal(
    await page.textContent('#hostile'),
    'He wrote <img src=x onerror="window.pwned=1"> and </mark><script>window.pwned=2</script> to Joe Biden.',
  );
});

test('clear() removes every highlight and highlight() puts them back', async () => {
  await page.evaluate(() => window.nerHighlight.clear());
  assert.equal(await page.locator('mark').count(), 0);
  assert.equal(await page.$eval('#story', (s) => s.innerHTML), await page.evaluate(() => window.originalHtml));
  const again = await page.evaluate(() => window.nerHighlight.highlight('article', { labels: ['MONEY'] }));
  assert.deepEqual(again.map((e) => e.text), ['$4.5 billion']);
  assert.equal(await page.locator('#story mark').count(), 1);
  await page.click('#paris');
  assert.equal(await page.evaluate(() => window.clicks), 2);
  assert.deepEqual(page.errors, []);
});

test('a long page is highlighted in one pass', async () => {
  const { ms, marked, entities } = await page.evaluate(async () => {
    const long = document.createElement('section');
    const paragraph = document.querySelector('#story p');
    for (let i = 0; i < 500; i++) long.append(paragraph.cloneNode(true));
    document.body.append(long);
    long.querySelectorAll('mark').forEach((m) => m.replaceWith(...m.childNodes));
    const started = performance.now();
    const found = await window.nerHighlight.highlight('section', {});
    return { ms: performance.now() - started, marked: long.querySelectorAll('mark').length, entities: found.length };
  });
  console.log(`500 paragraphs: ${entities} entities, ${marked} marks in ${ms.toFixed(0)} ms`);
  assert.ok(entities >= 500 * 4, `${entities} entities`);
  assert.ok(marked > entities, 'entities across <b> and <i> take two marks');
  assert.ok(ms < 5000, `took ${ms} ms`);
});
