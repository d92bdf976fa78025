// The browser extension (dist-extension/, built by `make extension`) loaded
// into headless Chromium, with its toolbar button clicked as a user would
// (DevTools' Extensions.triggerAction, which grants activeTab like a click),
// on local fixture pages: a news page with navigation, an ad, related links,
// comments and a footer; the same page under a strict CSP; a very long
// article. Checked: marks only in the article, the side panel's groups,
// filter, scrolling and exports, clearing that restores the DOM exactly, the
// options, no request leaving the browser, no console error, the page's own
// scripts still working and unable to reach the extension.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clickExtensionButton, launchWithExtension, open, serveDir } from './chromium.mjs';

const EXTENSION = resolve('dist-extension');
const FIXTURES = resolve('tests/browser/fixtures/extension');

let pages;
let site;
let launched;
let context;
let extensionId;
let worker;
/** Every request any page, frame or worker of the browser made. */
const requests = [];
/** Console errors and uncaught exceptions, from every page and worker. */
const errors = [];

before(async () => {
  await access(join(EXTENSION, 'manifest.json')).catch(() => {
    throw new Error('dist-extension/ is missing: run `make extension` first');
  });
  // The fixtures, the news page under a strict CSP, and a very long article made from its paragraphs.
  pages = await mkdtemp(join(tmpdir(), 'ner-extension-pages-'));
  await cp(FIXTURES, pages, { recursive: true });
  const news = await readFile(join(FIXTURES, 'news.html'), 'utf8');
  await writeFile(join(pages, 'csp.html'), underStrictCsp(news));
  await writeFile(join(pages, 'long.html'), longArticle(news));
  // Elements named as the content script's handle would be, were it a plain name (window.name lookup).
  await writeFile(join(pages, 'clobbered.html'), news.replace('<main>', '<div id="nerHighlightExtension"></div><form name="nerHighlightExtension"></form>\n    <main>'));
  site = await serveDir(pages);

  launched = await launchWithExtension(EXTENSION, [
    // Any host but the fixture server's fails to resolve: a request that
    // tried to leave would fail, and is recorded below either way.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ]);
  ({ context, worker, extensionId } = launched);
  // The background's own console: shown, and its errors count as errors.
  worker.on('console', (message) => {
    console.log(`# background: ${message.type()}: ${message.text()}`);
    if (message.type() === 'error') errors.push(`background: ${message.text()}`);
  });
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => errors.push(String(error.error())));
});

after(async () => {
  await launched?.close();
  await site?.close();
  await rm(pages, { recursive: true, force: true });
});

/** The news page with the strictest policy a news site might set: nothing but its own files. */
function underStrictCsp(news) {
  const policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'";
  return news.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

/** The news page's article paragraphs, repeated to about 700 KB of text. */
function longArticle(news) {
  const paragraphs = news.match(/<p>RIVERTON[\s\S]*?federal share\.<\/p>/)[0];
  const body = Array.from({ length: 650 }, (_, i) => `<h2>Part ${i + 1}</h2>\n${paragraphs}`).join('\n');
  return news.replace(/<p>RIVERTON[\s\S]*?federal share\.<\/p>/, body).replace('<title>', '<title>Long: ');
}

/** Opens a fixture page in a new tab, recording its uncaught errors in `page.errors`. */
async function openFixture(name) {
  const page = await open(context, `${site.url}${name}`);
  await page.waitForFunction(() => window.pageState?.ready);
  return page;
}

/** Clicks the extension's toolbar button for `page`'s tab, as a user would. */
function clickButton(page) {
  return clickExtensionButton(launched, page);
}

/** Clicks the button and waits until the page has marks (`marked`) or none. */
async function clickAndWait(page, marked, timeout = 30_000) {
  await clickButton(page);
  await page.waitForFunction((want) => (document.querySelector('mark[data-ner]') !== null) === want, marked, { timeout });
}

/** The tab id of the active tab (the fixture page just brought to front). */
async function activeTabId() {
  return worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
}

/** What the tab's content script holds (see extension/content/main.js), once `ready(result)`. */
async function resultWhen(tabId, ready) {
  for (let tries = 0; tries < 300; tries++) {
    const result = await worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'result' }), tabId);
    if (ready(result)) return result;
    await new Promise((resume) => setTimeout(resume, 100));
  }
  throw new Error('the content script never got there');
}

/**
 * The body as HTML and as its list of nodes (with every text node's own
 * text), so that a split text node left unjoined shows as a difference.
 */
function serialise(page) {
  return page.evaluate(() => {
    const nodes = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
    for (let n = walker.currentNode; n; n = walker.nextNode()) nodes.push(n.nodeType === Node.TEXT_NODE ? `#text:${n.data}` : n.nodeName);
    return { html: document.body.outerHTML, nodes };
  });
}

/** [text, label, where] of every mark: where = the nearest article, nav, aside, section, footer or div class. */
function marks(page) {
  return page.$$eval('mark[data-ner]', (ms) =>
    ms.map((m) => {
      const region = m.closest('article, nav, aside, section, footer, .ad-slot, .site-header');
      return [m.textContent, m.dataset.label, region ? `${region.localName}.${region.className}` : 'none'];
    }),
  );
}

test('the manifest asks for activeTab, scripting, storage and sidePanel only, with a strict CSP', async () => {
  const manifest = JSON.parse(await readFile(join(EXTENSION, 'manifest.json'), 'utf8'));
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions, ['activeTab', 'scripting', 'storage', 'sidePanel']);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.content_scripts, undefined);
  assert.equal(manifest.externally_connectable, undefined);
  assert.equal(manifest.web_accessible_resources, undefined);
  assert.match(manifest.content_security_policy.extension_pages, /(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(manifest.content_security_policy.extension_pages, /(^|; )default-src 'self'(;|$)/);
  const pkg = JSON.parse(await readFile('package.json', 'utf8'));
  assert.equal(manifest.version, pkg.version);
  // One copy of the core: the package's own wasm, byte for byte.
  assert.deepEqual(await readFile(join(EXTENSION, 'ner/ner_highlight_bg.wasm')), await readFile('dist/ner_highlight_bg.wasm'));
});

test('the toolbar button marks the article only; a second click restores the DOM exactly; page scripts still work', async () => {
  const page = await openFixture('news.html');
  const before = await serialise(page);
  await clickAndWait(page, true);
  const found = await marks(page);
  const outside = found.filter(([, , where]) => where !== 'article.');
  assert.deepEqual(outside, [], 'marks outside the article');
  const texts = found.map(([text, label]) => `${text}/${label}`);
  for (const expected of ['Elena Park/PERSON', 'David Okafor/PERSON', 'Pete Buttigieg/PERSON', 'Reston/GPE', 'March/DATE']) {
    assert.ok(texts.includes(expected), `${expected} not in ${texts.join(', ')}`);
  }
  // Names in <b>, <a> and <em> are marked inside them: the page's elements stay.
  assert.equal(await page.$eval('b', (b) => b.firstElementChild?.localName), 'mark');
  assert.equal(await page.$eval('#okafor', (a) => a.firstElementChild?.dataset.label), 'PERSON');

  await clickAndWait(page, false);
  assert.deepEqual(await serialise(page), before);

  // Highlighted again, the page's own listeners still run, through the marks.
  await clickAndWait(page, true);
  await page.click('#okafor mark');
  await page.click('#like');
  await page.click('#like');
  assert.deepEqual(await page.evaluate(() => window.pageState), { likes: 2, linkClicks: 1, ready: true });
  assert.equal(await page.textContent('#likes'), '2');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the page\'s scripts cannot reach the extension or its state, or pass for it by naming elements', async () => {
  const page = await openFixture('clobbered.html');
  const elements = () => page.evaluate(() => [...document.body.querySelectorAll('*')].filter((el) => !el.matches('mark[data-ner]')).map((el) => el.localName));
  const before = await elements();
  await clickAndWait(page, true);
  const reach = await page.evaluate(() => ({
    runtime: typeof globalThis.chrome?.runtime?.sendMessage,
    connect: typeof globalThis.chrome?.runtime?.connect,
  }));
  assert.deepEqual(reach, { runtime: 'undefined', connect: 'undefined' });
  // What the page sees is its own elements and our marks, which name their label only.
  assert.deepEqual(await elements(), before);
  const titles = await page.$$eval('mark[data-ner]', (ms) => [...new Set(ms.map((m) => m.title === m.dataset.label))]);
  assert.deepEqual(titles, [true]);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('clicks in quick succession while a long article is being marked: an odd number leaves it highlighted', async () => {
  const page = await context.newPage();
  await page.goto(`${site.url}long.html`);
  await clickButton(page);
  await page.waitForTimeout(300);
  await clickButton(page);
  await page.waitForTimeout(100);
  await clickButton(page);
  const tabId = await activeTabId();
  const result = await resultWhen(tabId, (r) => r.highlighted);
  assert.ok(result.entities.length > 10_000);
  await clickAndWait(page, false, 60_000);
  await page.close();
});

test('leaving the page right after a click is not an error of the next page', async () => {
  const page = await openFixture('long.html');
  await clickButton(page);
  await page.waitForTimeout(50);
  await page.goto(`${site.url}news.html`);
  await page.waitForFunction(() => window.pageState?.ready);
  const tabId = await activeTabId();
  await page.waitForTimeout(1500);
  const badge = await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.equal(badge, '');
  assert.equal(await page.locator('mark[data-ner]').count(), 0);
  await page.close();
});

test('a page the browser keeps extensions out of: the button says why, the panel too', async () => {
  const page = await context.newPage();
  await page.goto('chrome://version');
  await clickButton(page);
  const tabId = await activeTabId();
  const badge = await worker.evaluate(async (id) => {
    for (let tries = 0; tries < 100; tries++) {
      const text = await chrome.action.getBadgeText({ tabId: id });
      if (text !== '…' && text !== '') return { text, title: await chrome.action.getTitle({ tabId: id }) };
      await new Promise((resume) => setTimeout(resume, 50));
    }
    return null;
  }, tabId);
  assert.equal(badge?.text, '!');
  assert.match(badge.title, /does not let extensions into its own pages/);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/panel.html?tab=${tabId}`);
  await panel.waitForFunction(() => /Could not highlight/.test(document.getElementById('status').textContent));
  await panel.close();
  await page.close();
});

test('the side panel lists the groups with counts, filters by label, scrolls to a mention and exports JSON and CSV', async () => {
  const page = await openFixture('news.html');
  await clickAndWait(page, true);
  const tabId = await activeTabId();
  const panel = await open(context, `chrome-extension://${extensionId}/panel.html?tab=${tabId}`);
  await panel.waitForSelector('#entities li');
  const groups = await panel.$$eval('#entities li button', (bs) => bs.map((b) => [b.querySelector('.name').textContent, b.dataset.label, Number(b.querySelector('.count').textContent)]));
  assert.ok(groups.some(([name, label, count]) => name === 'Elena Park' && label === 'PERSON' && count === 2), JSON.stringify(groups));
  assert.match(await panel.textContent('#status'), /mentions of \d+ names \(model news\)/);
  assert.equal(await panel.textContent('#toggle'), 'Clear');

  // The label filter: DATE off takes its marks' colour off the page and its names off the list.
  await panel.click('#legend button[data-label="DATE"]');
  await page.waitForFunction(() => [...document.querySelectorAll('mark[data-label="DATE"]')].every((m) => m.hasAttribute('data-ner-off')));
  assert.equal(await panel.locator('#entities li[data-label="DATE"]').count(), 0);
  assert.equal(await page.locator('mark[data-label="PERSON"][data-ner-off]').count(), 0);

  // Click-to-scroll: the group's mention is outlined on the page.
  await panel.click('#entities button:has-text("Pete Buttigieg")');
  await page.waitForSelector('mark[data-ner-flash]');
  assert.equal(await page.$eval('mark[data-ner-flash]', (m) => m.textContent), 'Pete Buttigieg');

  const [json] = await Promise.all([panel.waitForEvent('download'), panel.click('#export-json')]);
  const exported = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.ok(exported.ents.length > 10);
  for (const { start, end } of exported.ents.slice(0, 5)) assert.ok(exported.text.slice(start, end).length > 0);
  assert.equal(exported.entities.length, exported.ents.length);
  assert.ok(exported.groups.length > 0);
  assert.match(json.suggestedFilename(), /^Riverton-approves.*\.entities\.json$/);
  const [csv] = await Promise.all([panel.waitForEvent('download'), panel.click('#export-csv')]);
  const rows = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
  assert.equal(rows[0], 'start,end,label,text,score,source');
  assert.equal(rows.length, exported.ents.length + 1);

  // The panel's Clear button clears the page.
  await panel.click('#toggle');
  await page.waitForFunction(() => document.querySelector('mark[data-ner]') === null);
  await panel.waitForFunction(() => document.getElementById('toggle').textContent === 'Highlight');
  assert.deepEqual(panel.errors, []);
  await panel.close();
  await page.close();
});

test('a page with its own strict CSP is highlighted and styled, and cleared exactly', async () => {
  const page = await openFixture('csp.html');
  const before = await serialise(page);
  await clickAndWait(page, true);
  const found = await marks(page);
  assert.ok(found.length > 20);
  assert.deepEqual(found.filter(([, , where]) => where !== 'article.'), []);
  // The extension's stylesheet applies under the page's CSP.
  const background = await page.$eval('mark[data-label="PERSON"]', (m) => getComputedStyle(m).backgroundColor);
  assert.notEqual(background, 'rgba(0, 0, 0, 0)');
  await clickAndWait(page, false);
  assert.deepEqual(await serialise(page), before);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a very long article is highlighted without freezing the page', async () => {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // How late a timer of the page's own runs, while the extension works.
  await page.addInitScript(() => {
    window.timerLag = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      window.timerLag = Math.max(window.timerLag, now - last - 10);
      last = now;
    }, 10);
  });
  await page.goto(`${site.url}long.html`);
  await page.waitForFunction(() => window.pageState?.ready);
  const length = await page.evaluate(() => document.querySelector('main > article').textContent.length);
  assert.ok(length > 600_000, `the long article has ${length} characters`);
  await page.waitForTimeout(500); // the page's own first layout is not ours to measure
  await page.evaluate(() => (window.timerLag = 0));
  await clickButton(page);
  // Every repetition's people are marked, the last one's too.
  await page.waitForFunction(() => document.querySelectorAll('mark[data-label="PERSON"]').length >= 650 * 3, null, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('main > article p:last-of-type mark[data-label="PERSON"]') !== null, null, { timeout: 60_000 });
  const lag = await page.evaluate(() => window.timerLag);
  console.log(`# long article: ${length} characters; the page's timer ran at most ${lag.toFixed(0)} ms late`);
  assert.ok(lag < 400, `the page was held for ${lag} ms`);
  // Clearing too goes a slice at a time.
  await page.evaluate(() => (window.timerLag = 0));
  await clickAndWait(page, false, 60_000);
  await page.waitForTimeout(50);
  const clearLag = await page.evaluate(() => window.timerLag);
  console.log(`# long article: clearing it, the page's timer ran at most ${clearLag.toFixed(0)} ms late`);
  assert.ok(clearLag < 400, `clearing held the page for ${clearLag} ms`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the options: labels shown, minimum score and model are saved and used; what is not a web site is refused with a reason', async () => {
  const options = await open(context, `chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector('#labels input');
  assert.equal(await options.locator('#labels input:checked').count(), 18);
  assert.equal(await options.isChecked('#model-news'), true);

  // Only people and places, with news-lg.
  for (const box of await options.$$('#labels input')) {
    const label = await box.getAttribute('value');
    if (label !== 'PERSON' && label !== 'GPE') await box.uncheck();
  }
  await options.check('#model-news-lg');
  await options.waitForFunction(async () => (await chrome.storage.sync.get('model')).model === 'news-lg');
  const page = await openFixture('news.html');
  await clickAndWait(page, true, 60_000);
  const labels = new Set((await marks(page)).map(([, label]) => label));
  assert.deepEqual([...labels].sort(), ['GPE', 'PERSON']);
  const tabId = await activeTabId();
  const atZero = await resultWhen(tabId, (r) => r.highlighted);
  assert.equal(atZero.model, 'news-lg');
  await clickAndWait(page, false);

  // A minimum score of 1 leaves (almost) nothing; back at 0, everything again.
  await options.$eval('#min-score', (input) => {
    input.value = '1';
    input.dispatchEvent(new Event('change'));
  });
  await options.waitForFunction(async () => (await chrome.storage.sync.get('minScore')).minScore === 1);
  await clickButton(page);
  const atOne = await resultWhen(tabId, (r) => r.highlighted);
  assert.ok(atOne.entities.every((e) => e.score >= 1), JSON.stringify(atOne.entities.map((e) => e.score)));
  assert.ok(atOne.entities.length < atZero.entities.length, `${atOne.entities.length} entities at 1, ${atZero.entities.length} at 0`);
  await worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'clear' }), tabId);

  // A site: what is not one is refused with a reason; a real one asks for permission.
  await options.fill('#site', 'ftp://files.example.com');
  await options.click('#add-site button');
  assert.match(await options.textContent('#site-error'), /Only http and https sites/);
  await worker.evaluate(() => chrome.storage.sync.clear());
  assert.deepEqual(options.errors, []);
  await options.close();
  await page.close();
});

test('no request left the browser, and no page or worker logged an error', () => {
  // The fixture server, the extension's files, and the browser's own pages (chrome://version, opened above).
  const own = [site.url, `chrome-extension://${extensionId}/`, 'data:', 'blob:', 'about:blank', 'chrome://'];
  const elsewhere = requests.filter((url) => !own.some((prefix) => url.startsWith(prefix)));
  assert.deepEqual(elsewhere, []);
  assert.ok(requests.some((url) => url.endsWith('/ner/ner_highlight_bg.wasm')), 'the worker\'s requests are seen too');
  assert.deepEqual(errors, []);
});
