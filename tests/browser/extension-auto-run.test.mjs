// The extension's "sites where it runs by itself", end to end: the options
// page adds a site, the background registers the content script for it, and
// the site's article is highlighted as soon as it loads; removing the site
// stops that. Chrome's permission prompt cannot be answered in headless mode,
// so this runs a copy of dist-extension/ whose manifest already holds the
// fixture server's host permission (the prompt's answer, given up front);
// the extension as shipped asks for none (extension.test.mjs checks).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, serveDir } from './chromium.mjs';

let copy;
let site;
let launched;

before(async () => {
  await access('dist-extension/manifest.json').catch(() => {
    throw new Error('dist-extension/ is missing: run `make extension` first');
  });
  copy = await mkdtemp(join(tmpdir(), 'ner-extension-granted-'));
  await cp(resolve('dist-extension'), copy, { recursive: true });
  const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
  site = await serveDir(resolve('tests/browser/fixtures/extension'));
  launched = await launchWithExtension(copy);
});

after(async () => {
  await launched?.close();
  await site?.close();
  await rm(copy, { recursive: true, force: true });
});

/** Opens the news fixture; resolves once its page script ran. */
async function openNews() {
  const page = await launched.context.newPage();
  await page.goto(`${site.url}news.html`);
  await page.waitForFunction(() => window.pageState?.ready);
  return page;
}

test('a site added in the options is highlighted on load, and no longer once removed', async () => {
  const { context, extensionId, worker } = launched;
  const origin = new URL(site.url).origin;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.fill('#site', `${site.url}news.html`);
  await options.click('#add-site button');
  await options.waitForSelector('#sites li');
  assert.equal(await options.textContent('#sites li span'), origin);
  assert.deepEqual((await worker.evaluate(() => chrome.storage.sync.get('sites'))).sites, [origin]);

  // Registered by the background for that origin only.
  let registered = [];
  for (let tries = 0; tries < 50 && registered.length === 0; tries++) {
    registered = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    if (registered.length === 0) await new Promise((resume) => setTimeout(resume, 100));
  }
  assert.deepEqual(registered.map((s) => s.matches), [[`${origin}/*`]]);

  const page = await openNews();
  await page.waitForSelector('mark[data-ner]');
  const outside = await page.$$eval('mark[data-ner]', (ms) => ms.filter((m) => !m.closest('main > article')).length);
  assert.equal(outside, 0);
  await page.close();

  await options.click('#sites button');
  await options.waitForFunction(() => document.querySelectorAll('#sites li').length === 0);
  for (let tries = 0; tries < 50 && registered.length > 0; tries++) {
    registered = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    if (registered.length > 0) await new Promise((resume) => setTimeout(resume, 100));
  }
  assert.deepEqual(registered, []);
  const again = await openNews();
  await again.waitForTimeout(500);
  assert.equal(await again.locator('mark[data-ner]').count(), 0);
  await again.close();
  await options.close();
});
