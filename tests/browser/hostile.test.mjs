// Hostile text in headless Chromium: a corpus of XSS payloads pasted into the
// demo and put as text into a page the embeddable script highlights (nothing
// runs, no element is made from them); the demo under a strict
// Content-Security-Policy, sending nothing over the network once loaded; and
// a long text worked through in the worker with a progress bar while the page
// keeps responding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serveDir, open } from './chromium.mjs';
import { PAYLOADS } from './fixtures/xss-payloads.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
let sites = [];
/** Messages of the dialogs any page opened (alert, confirm, prompt). */
const dialogs = [];

before(async () => {
  browser = await launch();
  // `pwn()` is what every payload calls if it ever runs.
  await browser.context.addInitScript(() => {
    window.pwned = 0;
    window.pwn = () => (window.pwned += 1);
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  browser.context.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
});

after(async () => {
  await browser?.close();
  for (const site of sites) await site.close();
});

async function site(dir, headers) {
  const served = await serveDir(dir, headers);
  sites.push(served);
  return served;
}

/** Opens the demo and waits for the sample to be on show. */
async function demo(headers = {}) {
  const served = await site('www', headers);
  const page = await open(browser.context, served.url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** Every element of the page outside the parts the demo fills from a result, as tag names. */
const fixedElements = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter((el) => !el.closest('#highlighted, #legend, #entities'))
      .map((el) => el.tagName),
  );

test('the demo: 70 XSS payloads pasted as text run nothing and make no element', async () => {
  assert.ok(PAYLOADS.length >= 50);
  const page = await demo();
  const fixed = await fixedElements(page);
  for (const payload of PAYLOADS) {
    const text = `Joe Biden said ${payload} in Paris on Tuesday, Oct. 7.`;
    await page.fill('#article', text);
    await page.click('#highlight');
    await page.waitForSelector('#highlighted[aria-busy="false"]');
    const seen = await page.evaluate(() => {
      const view = document.getElementById('highlighted');
      const copy = view.cloneNode(true);
      copy.querySelectorAll('.badge').forEach((b) => b.remove());
      return {
        value: document.getElementById('article').value,
        shown: copy.textContent,
        tags: [...view.querySelectorAll('*')].map((el) => el.tagName + (el.className ? `.${el.className}` : '')),
        listTags: [...document.querySelectorAll('#legend *, #entities *')].map((el) => el.tagName),
        links: [...document.querySelectorAll('#entities a')].map((a) => a.href),
        marks: view.querySelectorAll('mark').length,
      };
    });
    assert.equal(seen.shown, seen.value, payload);
    assert.ok(seen.marks >= 2, `${payload}: ${seen.marks} marks`);
    assert.ok(seen.tags.every((t) => ['MARK.ner', 'MARK.ner off', 'SPAN.badge', 'DIV.part'].includes(t)), `${payload}: ${seen.tags}`);
    assert.ok(seen.listTags.every((t) => ['LI', 'BUTTON', 'SPAN', 'A'].includes(t)), `${payload}: ${seen.listTags}`);
    assert.ok(seen.links.every((href) => href.startsWith('https://en.wikipedia.org/')), `${payload}: ${seen.links}`);
  }
  // All of them at once, so broken markup in one cannot close another's.
  await page.fill('#article', PAYLOADS.join('\n'));
  await page.click('#highlight');
  await page.waitForSelector('#highlighted[aria-busy="false"]');
  await page.waitForTimeout(300); // time for a handler or a timer to fire, if one had been made
  assert.deepEqual(await fixedElements(page), fixed);
  assert.equal(await page.evaluate(() => window.pwned), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the embeddable script: the same payloads as page text are highlighted as text and run nothing', async () => {
  const served = await site('.');
  const page = await open(browser.context, `${served.url}tests/browser/fixtures/script-tag.html`);
  await page.evaluate(() => window.nerHighlight.ready);
  const result = await page.evaluate(async (payloads) => {
    const story = document.getElementById('story');
    const paragraphs = payloads.map((payload) => {
      const p = document.createElement('p');
      p.textContent = `Angela Merkel wrote ${payload} to Joe Biden in Paris on Tuesday.`;
      story.append(p);
      return p;
    });
    const texts = paragraphs.map((p) => p.textContent);
    await window.nerHighlight.clear('#story');
    const tags = () => [...story.querySelectorAll('*')].filter((el) => el.tagName !== 'MARK').map((el) => el.tagName);
    const before = tags();
    const entities = await window.nerHighlight.highlight('#story');
    await new Promise((resolve) => setTimeout(resolve, 300));
    return {
      entities: entities.length,
      marks: paragraphs.map((p) => p.querySelectorAll('mark').length),
      textsKept: paragraphs.every((p, i) => p.textContent === texts[i]),
      sameElements: JSON.stringify(tags()) === JSON.stringify(before),
      onlyTextInMarks: [...story.querySelectorAll('mark')].every((m) => [...m.childNodes].every((n) => n.nodeType === 3)),
    };
  }, PAYLOADS);
  assert.ok(result.marks.every((n) => n >= 3), `marks per paragraph: ${result.marks}`);
  assert.equal(result.textsKept, true);
  assert.equal(result.sameElements, true, 'no element but the marks was added');
  assert.equal(result.onlyTextInMarks, true);
  assert.equal(await page.evaluate(() => window.pwned), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the demo works under a strict Content-Security-Policy and sends nothing once loaded', async () => {
  const page = await demo({ 'content-security-policy': CSP });
  const requests = [];
  const record = (request) => requests.push(request.url());
  browser.context.on('request', record);
  await page.fill('#article', 'Angela Merkel visited Paris on Tuesday and pledged $4.5 billion.');
  await page.click('#highlight');
  await page.waitForSelector('#highlighted[aria-busy="false"]');
  const marks = await page.$$eval('#highlighted mark', (ms) => ms.map((m) => m.dataset.label));
  assert.ok(marks.includes('PERSON') && marks.includes('MONEY'), `${marks}`);
  await page.click('#legend button[data-label="MONEY"]');
  await page.click('#theme');
  await page.click('#entities button');
  await page.click('#sample');
  await page.waitForSelector('#highlighted[aria-busy="false"]');
  browser.context.off('request', record);
  assert.deepEqual(requests, []);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a long text runs in the worker with a progress bar while the page keeps responding', async () => {
  const page = await demo();
  const paragraph = 'Angela Merkel visited Paris on Tuesday and pledged $4.5 billion to the fund, said Emmanuel Macron.\n\n';
  const result = await page.evaluate(async (text) => {
    const article = document.getElementById('article');
    const progress = document.getElementById('progress');
    // Putting 1 MB in the text box takes the browser a while: do it before the clock starts.
    article.value = text;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
    const seen = new Set();
    let longest = 0;
    let last = performance.now();
    let done = false;
    // A timer every 10 ms: how long the page went without running it is how long it was frozen.
    const pauses = [];
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - last > 100) pauses.push(`${(now - last).toFixed(0)}ms ${document.getElementById('status').textContent}`);
      longest = Math.max(longest, now - last);
      last = now;
      if (!progress.hidden) seen.add(progress.value.toFixed(2));
    }, 10);
    const started = performance.now();
    document.getElementById('highlight').click();
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      done = document.getElementById('highlighted').getAttribute('aria-busy') === 'false' && !document.getElementById('status').textContent.startsWith('Finding');
    }
    clearInterval(timer);
    return {
      ms: performance.now() - started,
      longest,
      steps: seen.size,
      pauses,
      hidden: progress.hidden,
      status: document.getElementById('status').textContent,
      marks: document.querySelectorAll('#highlighted mark').length,
    };
  }, paragraph.repeat(10000)); // 1 MB
  console.log(`# 1 MB in the demo: ${result.ms.toFixed(0)} ms, ${result.marks} marks, longest pause of the page ${result.longest.toFixed(0)} ms`);
  console.log(`# pauses over 100 ms: ${result.pauses.join('; ')}`);
  assert.ok(result.steps >= 3, `${result.steps} progress values seen`);
  assert.equal(result.hidden, true);
  assert.match(result.status, /^\d+ entities in \d+\.\d ms$/);
  assert.ok(result.marks >= 40000, `${result.marks} marks`);
  assert.ok(result.longest < 500, `the page was frozen for ${result.longest} ms`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a long article pasted as one line is still shown in blocks, not as one', async () => {
  const page = await demo();
  const sentence = 'Angela Merkel visited Paris on Tuesday and pledged $4.5 billion to the fund. ';
  const result = await page.evaluate(async (text) => {
    document.getElementById('article').value = text;
    document.getElementById('highlight').click();
    const view = document.getElementById('highlighted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    while (view.getAttribute('aria-busy') !== 'false') await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      parts: view.querySelectorAll('.part').length,
      marks: view.querySelectorAll('mark').length,
    };
  }, sentence.repeat(3000)); // about 230 kB, 12,000 entities, no line break
  assert.ok(result.marks >= 9000, `${result.marks} marks`);
  // Blocks of about 2,000 entities each, cut at spaces.
  assert.ok(result.parts >= 4, `${result.parts} blocks`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('in a long article, the entity list brings a mention near the end into view', async () => {
  const page = await demo();
  await page.setViewportSize({ width: 1280, height: 900 });
  let text = '';
  for (let i = 0; i < 4000; i++) {
    text += `Story ${i}. Officials in Paris said on Tuesday that the minister pledged $${i}.5 billion to the fund.\n\n`;
  }
  text += 'At the end, Zelda Quigleyworth spoke in Reykjavik on Friday.\n';
  await page.evaluate((t) => {
    document.getElementById('article').value = t;
    document.getElementById('highlight').click();
  }, text);
  await page.waitForFunction(() => document.getElementById('highlighted').getAttribute('aria-busy') === 'false' && document.querySelectorAll('#highlighted mark').length > 10000);
  await page.evaluate(() => scrollTo(0, 0));
  await page.locator('#entities button', { has: page.locator('.name', { hasText: /^Zelda Quigleyworth$/ }) }).click();
  await page.waitForTimeout(1500); // a smooth scroll has ended by then
  const seen = await page.evaluate(() => {
    const mark = document.activeElement;
    const { top, bottom } = mark.getBoundingClientRect();
    return { text: mark.firstChild?.textContent, inView: bottom > 0 && top < innerHeight };
  });
  assert.deepEqual(seen, { text: 'Zelda Quigleyworth', inView: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});
