// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core,
// and the static server of scripts/serve.mjs on a free loopback port.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with a fresh profile; returns { browser, close }. */
export async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'ner-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Serves `dir` on a free port, adding `headers` to every response; returns { url, close }. */
export async function serveDir(dir, headers = {}) {
  const server = await serve(dir, 0, headers);
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

/** Opens `url` in a new page that records uncaught errors in `page.errors`. */
export async function open(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  return page;
}

/**
 * For a test file: serves the repository root and launches Chromium before
 * its tests, and stops both after them. The returned object's `site` and
 * `browser` are set once they have started.
 */
export function useSiteAndBrowser() {
  const shared = { site: null, browser: null };
  before(async () => {
    shared.site = await serveDir('.');
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.site?.close();
  });
  return shared;
}

/**
 * Launches headless Chromium with the unpacked extension in `dir` loaded, in
 * a fresh profile. Returns { context, worker (its service worker),
 * extensionId, cdp (a browser DevTools session), close }. DevTools may click
 * its toolbar button: see `clickExtensionButton`.
 */
export async function launchWithExtension(dir, extraArgs = []) {
  const profile = await mkdtemp(join(tmpdir(), 'ner-extension-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      // Lets DevTools click the extension's toolbar button (Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
      ...extraArgs,
    ],
  });
  const ours = (w) => w.url().startsWith('chrome-extension://');
  const worker = context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    cdp: await context.browser().newBrowserCDPSession(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Clicks the toolbar button of the extension `launched` (from
 * `launchWithExtension`) for `page`'s tab, as a user would: Chrome grants
 * activeTab on that tab as it does for a click.
 */
export async function clickExtensionButton(launched, page) {
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible');
  const { targetInfos } = await launched.cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === page.url());
  if (!tab) throw new Error(`no tab for ${page.url()}`);
  await launched.cdp.send('Extensions.triggerAction', { id: launched.extensionId, targetId: tab.targetId });
}
