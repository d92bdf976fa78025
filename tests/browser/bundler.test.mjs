// The package under a bundler: a small app importing 'ner-highlight' and
// 'ner-highlight/worker' by name, built with Vite and run in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { launch, serveDir, open } from './chromium.mjs';

let app;
let browser;
let site;

before(async () => {
  // The app lives outside the repository, with the package linked into its node_modules.
  app = await mkdtemp(join(tmpdir(), 'ner-vite-'));
  await cp('tests/browser/fixtures/vite', app, { recursive: true });
  await mkdir(join(app, 'node_modules'));
  await symlink(resolve('.'), join(app, 'node_modules', 'ner-highlight'), 'dir');
  await build({ root: app, logLevel: 'warn', build: { outDir: join(app, 'out') } });
  site = await serveDir(join(app, 'out'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

test('the Vite build emits the wasm and a worker chunk', async () => {
  const assets = await readdir(join(app, 'out', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `${assets}`);
  assert.ok(assets.some((f) => f.startsWith('worker-thread')), `${assets}`);
});

test('the bundled app extracts on the main thread and in the worker', async () => {
  const page = await open(browser.context, site.url);
  await page.waitForFunction(() => window.results);
  const { text, main, worker } = await page.evaluate(() => window.results);
  assert.deepEqual(
    main.entities.map((e) => [text.slice(e.start, e.end), e.label]),
    [['Angela Merkel', 'PERSON'], ['Paris', 'GPE'], ['Tuesday', 'DATE'], ['$4.5 billion', 'MONEY']],
  );
  assert.deepEqual(worker, main);
  assert.deepEqual(page.errors, []);
});
