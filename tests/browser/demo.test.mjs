// The demo page in headless Chromium: it highlights a pasted article with the
// right labels, toggles labels, lists and finds entities, exports them, shows
// pasted markup as text, has a dark mode, works from the keyboard alone, and
// saves a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { launch, serveDir, open } from './chromium.mjs';

let browser;
let site;
let page;
/** Every URL the browser asked for, in order. */
const requested = [];

before(async () => {
  site = await serveDir('www');
  browser = await launch();
  browser.context.on('request', (request) => requested.push(request.url()));
  page = await open(browser.context, site.url);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Waits for the run the last action started to be on show. */
const shown = () => page.waitForSelector('#highlighted[aria-busy="false"]');

/** Puts `text` in the article box, highlights it and returns [text, label] of each mark. */
async function paste(text) {
  await page.fill('#article', text);
  await page.click('#highlight');
  await shown();
  return page.$$eval('#highlighted mark', (marks) => marks.map((m) => [m.firstChild.textContent, m.dataset.label]));
}

const ARTICLE =
  'Angela Merkel visited Paris on Tuesday and pledged $4.5 billion. In Paris, Merkel met Emmanuel Macron for 3 hours.';

test('the sample article is highlighted on load', async () => {
  const count = await page.locator('#highlighted mark').count();
  assert.ok(count >= 10, `only ${count} marks`);
  assert.match(await page.textContent('#status'), /^\d+ entities in \d+\.\d ms$/);
});

test('a pasted article gets marks with the right labels, a legend with counts and an entity list', async () => {
  const marks = await paste(ARTICLE);
  for (const expected of [
    ['Angela Merkel', 'PERSON'],
    ['Paris', 'GPE'],
    ['Tuesday', 'DATE'],
    ['$4.5 billion', 'MONEY'],
  ]) {
    assert.ok(marks.some(([t, l]) => t === expected[0] && l === expected[1]), `${expected} in ${marks}`);
  }
  assert.equal(await page.textContent('#status').then((s) => s.split(' ')[0]), String(marks.length));
  const legend = await page.$$eval('#legend button', (bs) => bs.map((b) => [b.dataset.label, b.querySelector('.count').textContent]));
  const counts = {};
  for (const [, label] of marks) counts[label] = (counts[label] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(legend), Object.fromEntries(Object.entries(counts).map(([l, n]) => [l, String(n)])));
  const paris = page.locator('#entities button', { hasText: 'Paris' });
  assert.equal(await paris.locator('.count').textContent(), '2');
});

test('the legend toggles a label off and on, in the text and in the list', async () => {
  await paste('It cost $5 on Tuesday and $7 on Friday.');
  const moneyButton = page.locator('#legend button[data-label="MONEY"]');
  await moneyButton.click();
  assert.equal(await moneyButton.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('mark.off[data-label="MONEY"]').count(), 2);
  assert.equal(await page.locator('mark.off[data-label="DATE"]').count(), 0);
  assert.equal(await page.locator('#entities li[data-label="MONEY"]:visible').count(), 0);
  await moneyButton.click();
  assert.equal(await page.locator('mark.off').count(), 0);
  assert.equal(await page.locator('#entities li[data-label="MONEY"]:visible').count(), 2);
});

test('clicking an entity in the list scrolls to, focuses and flashes each mention in turn', async () => {
  await paste(ARTICLE);
  const paris = page.locator('#entities button', { hasText: 'Paris' });
  const focused = () => page.evaluate(() => [document.activeElement.dataset.index, document.activeElement.classList.contains('flash')]);
  await paris.click();
  const [first, flashing] = await focused();
  assert.equal(flashing, true);
  await paris.click();
  const [second] = await focused();
  assert.notEqual(first, second);
  const texts = await page.$$eval(`#highlighted mark[data-index="${first}"], #highlighted mark[data-index="${second}"]`, (ms) =>
    ms.map((m) => m.firstChild.textContent),
  );
  assert.deepEqual(texts, ['Paris', 'Paris']);
});

test('hovering a mention shows its label, score and source', async () => {
  const mark = page.locator('#highlighted mark[data-label="MONEY"]').first();
  const tip = () => mark.evaluate((m) => getComputedStyle(m, '::after').content);
  await page.mouse.move(0, 0);
  assert.equal(await tip(), 'none');
  await mark.hover();
  assert.match(await tip(), /^"MONEY · score 0\.\d\d · (rule|model)"$/);
});

test("export: JSON in displaCy's manual format and CSV, of the labels switched on", async () => {
  await paste(ARTICLE);
  const saved = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return readFile(await download.path(), 'utf8');
  };
  const json = JSON.parse(await saved('#export-json'));
  const marks = await page.$$eval('#highlighted mark', (ms) => ms.map((m) => [m.firstChild.textContent, m.dataset.label]));
  assert.equal(json.text, ARTICLE);
  assert.deepEqual(json.ents.map((e) => [json.text.slice(e.start, e.end), e.label]), marks);
  assert.deepEqual(Object.keys(json.ents[0]), ['start', 'end', 'label']);

  await page.click('#legend button[data-label="GPE"]');
  const csv = (await saved('#export-csv')).trimEnd().split('\r\n');
  await page.click('#legend button[data-label="GPE"]');
  assert.equal(csv[0], 'start,end,label,text,score,source');
  assert.equal(csv.length - 1, marks.filter(([, l]) => l !== 'GPE').length);
  assert.ok(csv.some((row) => row.includes(',MONEY,$4.5 billion,')), csv.join('\n'));
});

test('pasted markup is shown as text and runs nothing', async () => {
  const hostile = '<img src=x onerror="window.pwned=1"> Joe Biden paid $5 </mark><script>window.pwned=2</script>';
  const marks = await paste(hostile);
  assert.ok(marks.length >= 1);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#highlighted img, #highlighted script').count(), 0);
  const text = await page.$eval('#highlighted', (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.badge').forEach((b) => b.remove());
    return copy.textContent;
  });
  assert.equal(text, hostile);
});

test('usable with the keyboard alone', async () => {
  await page.focus('#article');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Angela Merkel visited Paris on Tuesday.');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'highlight');
  await page.keyboard.press('Enter');
  await shown();
  const tabTo = async (selector) => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement.matches(s), selector)) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  };
  await tabTo('#legend button[data-label="GPE"]');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#legend button[data-label="GPE"]', 'aria-pressed'), 'false');
  await page.keyboard.press('Space');
  await tabTo('#entities button');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MARK');
  const tip = await page.evaluate(() => getComputedStyle(document.activeElement, '::after').content);
  assert.match(tip, /score/);
});

test('Clear empties the article and the view, and Ctrl+Z brings the text back', async () => {
  const typed = 'Emmanuel Macron flew to Berlin on Monday.';
  await paste(typed);
  await page.click('#clear');
  await shown();
  assert.equal(await page.inputValue('#article'), '');
  assert.equal(await page.locator('#highlighted mark').count(), 0);
  await page.focus('#article');
  await page.keyboard.press('Control+Z');
  assert.equal(await page.inputValue('#article'), typed);
});

test('legend toggles, list entries and Wikipedia links have names a screen reader can say', async () => {
  await paste('Angela Merkel visited Paris on Tuesday.');
  // By role and accessible name, as assistive technology finds them.
  await page.getByRole('button', { name: 'GPE, 1 mention', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Paris, GPE, 1 mention: show the next one', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Search Wikipedia for Paris', exact: true }).waitFor();
});

test('dark mode switches the colours and is remembered', async () => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.evaluate(() => localStorage.clear());
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  const light = await background();
  await page.click('#theme');
  assert.equal(await page.getAttribute('#theme', 'aria-pressed'), 'true');
  const dark = await background();
  assert.notEqual(dark, light);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await background(), dark);
  await page.click('#theme');
  assert.equal(await background(), light);
});

test('with storage blocked (as "block all cookies" does) the page still loads and highlights', async () => {
  const blocked = await browser.context.newPage();
  const errors = [];
  blocked.on('pageerror', (e) => errors.push(e.message));
  // What Chromium does then: reading localStorage throws a SecurityError.
  await blocked.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  await blocked.goto(site.url);
  await blocked.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  await blocked.waitForSelector('#highlighted mark');
  await blocked.click('#theme'); // the pick cannot be stored: it still applies
  assert.equal(await blocked.getAttribute('#theme', 'aria-pressed'), 'true');
  assert.deepEqual(errors, []);
  await blocked.close();
});

test('the model switch fetches news-lg only when chosen, then highlights with it', async () => {
  const isNewsLg = (url) => url.endsWith('/news-lg.nermodel');
  assert.ok(!requested.some(isNewsLg), 'news-lg is not part of the default download');
  await page.fill('#article', ARTICLE);
  await page.selectOption('#model', 'news-lg');
  await page.waitForSelector('body[data-model="news-lg"]', { timeout: 30000 });
  assert.ok(requested.some(isNewsLg), 'news-lg fetched once chosen');
  const marks = await page.$$eval('#highlighted mark', (ms) => ms.map((m) => [m.firstChild.textContent, m.dataset.label]));
  for (const expected of [['Angela Merkel', 'PERSON'], ['Paris', 'GPE'], ['Emmanuel Macron', 'PERSON']]) {
    assert.ok(marks.some(([t, l]) => t === expected[0] && l === expected[1]), `${expected} in ${marks}`);
  }
  await page.selectOption('#model', 'news');
  await page.waitForSelector('body[data-model="news"]');
  assert.deepEqual(page.errors, []);
});

test('a screenshot of the highlighted sample is saved', async () => {
  await page.click('#sample');
  await shown();
  await page.mouse.move(0, 0);
  await mkdir('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/demo.png', fullPage: true });
  assert.deepEqual(page.errors, []);
});
