// The in-place highlighter's edges: what it must leave alone (a page's
// <title>, <script>, <textarea>..., also in XHTML), what it gives back on
// clearing (the page's own text nodes), its errors; and the script tag with
// nested targets or loaded as a module by mistake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useSiteAndBrowser } from './chromium.mjs';

const running = useSiteAndBrowser();

/** Runs `body(highlight, clearHighlights)` in a blank page once init() is done. */
async function inPage(body) {
  const page = await open(running.browser.context, `${running.site.url}tests/browser/fixtures/highlight.html`);
  const result = await page.evaluate(async (source) => {
    const { init } = await import('/dist/index.js');
    const { highlight, clearHighlights } = await import('/dist/highlight.js');
    await init();
    return (0, eval)(`(${source})`)(highlight, clearHighlights);
  }, body.toString());
  assert.deepEqual(page.errors, []);
  await page.close();
  return result;
}

test('the <title> and a root that holds no article text are left alone', async () => {
  const result = await inPage((highlight, clearHighlights) => {
    document.getElementById('t').textContent = 'Angela Merkel visited Paris.';
    const title = document.title;
    const found = highlight(document.documentElement).map((e) => e.text);
    const afterHighlight = { title: document.title, marksInHead: document.head.querySelectorAll('mark').length };
    clearHighlights(document.documentElement);
    const textarea = document.createElement('textarea');
    textarea.textContent = 'Barack Obama went to London.';
    document.body.append(textarea);
    return { title, found, afterHighlight, afterClear: document.title, inTextarea: highlight(textarea), value: textarea.value };
  });
  assert.deepEqual(result.afterHighlight, { title: result.title, marksInHead: 0 });
  assert.equal(result.afterClear, result.title);
  assert.deepEqual(result.found, ['Angela Merkel', 'Paris']);
  assert.deepEqual(result.inTextarea, []);
  assert.equal(result.value, 'Barack Obama went to London.');
});

test('in an XHTML document, script, style and textarea stay unmarked and entities stop at blocks', async () => {
  const result = await inPage((highlight) => {
    const doc = new DOMParser().parseFromString(
      '<html xmlns="http://www.w3.org/1999/xhtml"><head><style>/* Angela Merkel */</style></head><body>' +
        '<div><p>Angela</p><p>Merkel visited Paris.</p><textarea>Barack Obama in London</textarea>' +
        '<script>var s = "Barack Obama in London";</script></div></body></html>',
      'application/xhtml+xml',
    );
    const text = doc.documentElement.textContent;
    const found = highlight(doc.documentElement).map((e) => e.text);
    const marked = (name) => doc.querySelector(name).querySelectorAll('mark').length;
    return { found, style: marked('style'), textarea: marked('textarea'), script: marked('script'), same: doc.documentElement.textContent === text };
  });
  const { found, ...rest } = result;
  assert.deepEqual(rest, { style: 0, textarea: 0, script: 0, same: true });
  assert.ok(found.includes('Paris'), JSON.stringify(found));
  // "Angela" and "Merkel" are in two paragraphs: no entity joins them.
  assert.ok(found.every((t) => !t.includes('\n') && !t.includes('Barack')), JSON.stringify(found));
});

test("clearing joins again only the text nodes highlight split, never the page's own", async () => {
  const result = await inPage((highlight, clearHighlights) => {
    const p = document.createElement('p');
    // The page's own four text nodes, and one node with two entities in it.
    for (const piece of ['Angela Merkel ', 'met ', 'Barack Obama ', 'in Paris.']) p.append(piece);
    const q = document.createElement('p');
    q.append('Then Emmanuel Macron flew to Berlin on Monday.');
    document.getElementById('t').append(p, q);
    const texts = (el) => [...el.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.data : `<${n.localName}>`));
    const before = [texts(p), texts(q)];
    const marks = highlight(document.getElementById('t')).length;
    clearHighlights(document.getElementById('t'));
    return { before, after: [texts(p), texts(q)], marks };
  });
  assert.ok(result.marks >= 4, `${result.marks} entities`);
  assert.deepEqual(result.after, result.before);
});

test('a root that is not an element is a TypeError that says so', async () => {
  const result = await inPage((highlight, clearHighlights) =>
    [() => highlight(null), () => highlight(document), () => clearHighlights(undefined)].map((f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    }),
  );
  assert.deepEqual(result, [
    'TypeError: ner-highlight: highlight needs an element, got null',
    'TypeError: ner-highlight: highlight needs an element, got #document',
    'TypeError: ner-highlight: clearHighlights needs an element, got undefined',
  ]);
});

test('the script tag highlights an article inside an article once', async () => {
  const page = await open(running.browser.context, `${running.site.url}tests/browser/fixtures/script-nested.html`);
  const found = await page.evaluate(async () => (await window.nerHighlight.ready).map((e) => e.text));
  const marks = await page.$$eval('mark', (all) => all.map((m) => m.textContent));
  assert.deepEqual(found, ['Angela Merkel', 'Barack Obama', 'Emmanuel Macron', 'Paris']);
  assert.deepEqual(marks, found);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the script tag loaded as a module says how to load it', async () => {
  const page = await running.browser.context.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(m.text()));
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(`${running.site.url}tests/browser/fixtures/script-module.html`);
  await page.waitForFunction(() => document.readyState === 'complete');
  assert.deepEqual(page.errors, []);
  assert.ok(
    messages.some((m) => m.includes('load ner-highlight.js with a classic <script src="...">')),
    JSON.stringify(messages),
  );
  await page.close();
});

test('exclude leaves the elements it names alone; marks.js marks what was found elsewhere', async () => {
  const page = await open(running.browser.context, `${running.site.url}tests/browser/fixtures/highlight.html`);
  const result = await page.evaluate(async () => {
    const { init, extract } = await import('/dist/index.js');
    const { highlight, clearHighlights } = await import('/dist/highlight.js');
    const { readText, markEntities } = await import('/dist/marks.js');
    await init();
    const root = document.createElement('div');
    root.innerHTML = '<p>Angela Merkel met Emmanuel Macron in Paris.</p><nav><p>Barack Obama in London</p></nav><p class="c">Joe Biden wrote.</p>';
    document.body.append(root);
    const bySelector = highlight(root, { exclude: 'nav, .c' }).map((e) => e.text);
    const markedBySelector = [...root.querySelectorAll('mark')].map((m) => m.textContent);
    const byPredicate = highlight(root, { exclude: (el) => el.localName === 'nav' }).map((e) => e.text);
    clearHighlights(root);
    // The model run elsewhere: read, extract (here, as a worker would), mark.
    const read = readText(root, { exclude: 'nav' });
    const { entities } = extract(read.text, { offsets: 'utf16' });
    // A text node the page changes meanwhile is left alone.
    read.pieces.at(-1).node.data = 'Someone else wrote.';
    const marks = markEntities(read, entities);
    const marked = [...root.querySelectorAll('mark')].map((m) => m.textContent);
    let badExclude = null;
    try {
      readText(root, { exclude: 3 });
    } catch (e) {
      badExclude = e.message;
    }
    return { bySelector, markedBySelector, byPredicate, marks, marked, badExclude };
  });
  assert.deepEqual(result.bySelector, ['Angela Merkel', 'Emmanuel Macron', 'Paris']);
  assert.deepEqual(result.markedBySelector, ['Angela Merkel', 'Emmanuel Macron', 'Paris']);
  assert.deepEqual(result.byPredicate, ['Angela Merkel', 'Emmanuel Macron', 'Paris', 'Joe Biden']);
  assert.deepEqual(result.marked, ['Angela Merkel', 'Emmanuel Macron', 'Paris']);
  assert.equal(result.marks, 3);
  assert.match(result.badExclude, /exclude must be a CSS selector or a function/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
