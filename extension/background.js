// The extension's background (a module service worker): it runs the model.
// The content script in the tab reads the article's text and sends it here;
// extraction runs in this worker, never on the page's thread, so a long
// article does not freeze the page. Nothing is fetched but the extension's
// own files (its CSP allows no other: connect-src falls back to 'self').
import { init, extract, fetchModel } from './ner/index.js';
import { loadSettings, sitePattern } from './settings.js';
import { answer } from './messages.js';

/** The wasm module, loaded once per life of this worker. */
let ready = null;
/** Tabs whose article is highlighted now (as their content scripts report). */
const highlighted = new Set();

/** The id of the content script registered for the sites that run by themselves. */
const AUTO_RUN = 'ner-highlight-auto-run';

chrome.action.onClicked.addListener((tab) => {
  if (tab.id === undefined) return;
  // Opening the panel needs the click's user gesture: it comes before any await.
  if (!highlighted.has(tab.id)) chrome.sidePanel?.open({ tabId: tab.id }).catch(() => {});
  commandWithStatus(tab.id, 'toggle');
});

/** Per tab, how its last click went ({ busy } or { error }), for the panel; kept while this worker lives. */
const statusOf = new Map();
/** Per tab, the latest click (or panel command) and the page it was for: older replies are dropped. */
const latest = new Map();
/** Per tab, how many pages it has loaded while this worker lives. */
const pagesLoaded = new Map();
const DEFAULT_TITLE = chrome.runtime.getManifest().action.default_title;

/**
 * Runs a command on the tab and shows how it went (see `setStatus`), unless
 * a later command, or another page in the tab, came first. Resolves to the reply.
 */
async function commandWithStatus(tabId, name) {
  const click = { page: pagesLoaded.get(tabId) ?? 0 };
  latest.set(tabId, click);
  setStatus(tabId, { busy: true });
  let reply;
  try {
    reply = await command(tabId, name);
  } catch (error) {
    reply = { error: error?.message ?? String(error) };
  }
  const current = latest.get(tabId) === click && (pagesLoaded.get(tabId) ?? 0) === click.page;
  // A page that went away under the command ("receiving end does not exist",
  // "message channel closed") is not an error of this page.
  if (current && !/Receiving end does not exist|message channel closed/i.test(reply?.error ?? '')) {
    setStatus(tabId, reply?.error ? { error: reply.error } : {});
  }
  if (reply?.error) reply = { error: readable(reply.error) };
  return reply;
}

/**
 * Shows how a click went: on the toolbar button ("…" while it works, "!" and
 * the reason in its tooltip when it failed) and in the panel.
 */
function setStatus(tabId, status) {
  if (status.error) status = { error: readable(status.error) };
  statusOf.set(tabId, status);
  const text = status.busy ? '…' : status.error ? '!' : '';
  chrome.action.setBadgeText({ tabId, text }).catch(() => {});
  chrome.action.setTitle({ tabId, title: status.error ? `ner-highlight: ${status.error}` : DEFAULT_TITLE }).catch(() => {});
  chrome.runtime.sendMessage({ type: 'status', tabId, status }).catch(() => {});
}

/** Chrome's reasons, in a reader's words. */
function readable(error) {
  if (/chrome:\/\/|extensions gallery|cannot be scripted|chrome-extension:/i.test(error)) {
    return 'the browser does not let extensions into its own pages or its extension store';
  }
  if (/Cannot access contents/i.test(error)) {
    return 'no permission for this page: click the toolbar button on it (or press Alt+Shift+H)';
  }
  return error;
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // Only this extension's own pages and content scripts can reach here
  // (no externally_connectable): pages' scripts cannot send messages to it.
  if (sender.id !== chrome.runtime.id) return false;
  switch (message?.type) {
    case 'extract':
      return answer(() => extractFor(message.text), reply);
    case 'state':
      if (sender.tab?.id !== undefined) {
        if (message.highlighted) highlighted.add(sender.tab.id);
        else highlighted.delete(sender.tab.id);
      }
      return false;
    case 'command':
      // From the panel: highlight, clear or toggle the article of a tab.
      return answer(() => commandWithStatus(message.tabId, message.command), reply);
    case 'status-of':
      reply(statusOf.get(message.tabId) ?? {});
      return false;
    default:
      return false;
  }
});

chrome.tabs.onRemoved.addListener((tabId) => {
  highlighted.delete(tabId);
  statusOf.delete(tabId);
  latest.delete(tabId);
  pagesLoaded.delete(tabId);
});
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') {
    highlighted.delete(tabId);
    statusOf.delete(tabId);
    pagesLoaded.set(tabId, (pagesLoaded.get(tabId) ?? 0) + 1);
  }
});

/** Finds the entities of `text` with the model, labels and minimum score of the settings. */
async function extractFor(text) {
  if (typeof text !== 'string') throw new TypeError('the text to extract from must be a string');
  ready ??= init().catch((error) => {
    ready = null;
    throw error;
  });
  await ready;
  const settings = await loadSettings();
  const options = { labels: settings.labels, minScore: settings.minScore, offsets: 'utf16' };
  if (settings.model !== 'news') {
    await fetchModel(settings.model);
    options.model = settings.model;
  }
  const started = performance.now();
  const { entities, groups } = extract(text, options);
  return { entities, groups, model: settings.model, milliseconds: performance.now() - started };
}

/**
 * Sends `command` ('toggle', 'highlight', 'clear') to the tab's content
 * script, injecting it first if it is not there yet. Injecting needs the
 * activeTab grant of a click on the toolbar button (or its shortcut), or the
 * site's host permission: without either it fails with Chrome's reason.
 */
async function command(tabId, name) {
  if (!Number.isInteger(tabId)) throw new TypeError('no tab to highlight');
  await inject(tabId);
  return chrome.tabs.sendMessage(tabId, { type: name });
}

/** How often, and how far apart, a script is tried again while the click's grant is on its way. */
const GRANT_TRIES = 10;
const GRANT_WAIT_MS = 50;

/** Puts the content script and the marks' stylesheet in the tab, once. */
async function inject(tabId) {
  const target = { tabId };
  const [probe] = await probeWhenGranted(target);
  if (probe?.result) return;
  await chrome.scripting.insertCSS({ target, files: ['ner/ner-highlight.css', 'marks.css'] });
  await chrome.scripting.executeScript({ target, files: ['content.js'] });
}

/**
 * Asks the tab whether the content script is there. Chrome can dispatch a
 * click before the tab's activeTab grant has reached the page's frame (2 in
 * 15 clicks in headless Chromium 156): "Cannot access contents of the page"
 * is then tried again for up to half a second; without a grant it is the error.
 */
async function probeWhenGranted(target) {
  for (let tries = 1; ; tries++) {
    try {
      return await chrome.scripting.executeScript({
        target,
        func: () => typeof globalThis[Symbol.for('ner-highlight.extension')]?.highlight === 'function',
      });
    } catch (error) {
      if (tries >= GRANT_TRIES || !/Cannot access contents/.test(error?.message)) throw error;
      await new Promise((resume) => setTimeout(resume, GRANT_WAIT_MS));
    }
  }
}

/**
 * Keeps the content script that highlights by itself registered for the
 * sites in the settings whose permission the user granted, and for no other.
 */
async function syncAutoRun() {
  const { sites } = await loadSettings();
  const matches = [];
  for (const site of sites) {
    const pattern = sitePattern(site);
    if (await chrome.permissions.contains({ origins: [pattern] })) matches.push(pattern);
  }
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [AUTO_RUN] });
  if (registered.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [AUTO_RUN] });
  if (matches.length === 0) return;
  await chrome.scripting.registerContentScripts([
    {
      id: AUTO_RUN,
      matches,
      js: ['content.js', 'auto-run.js'],
      css: ['ner/ner-highlight.css', 'marks.css'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

/** The registrations under way, one after another: adding a site fires two events at once. */
let syncing = Promise.resolve();

function syncAutoRunLogged() {
  syncing = syncing
    .then(syncAutoRun)
    .catch((error) => console.warn(`ner-highlight: cannot register the auto-run sites: ${error.message}`));
}

chrome.runtime.onInstalled.addListener(syncAutoRunLogged);
chrome.permissions.onAdded.addListener(syncAutoRunLogged);
chrome.permissions.onRemoved.addListener(syncAutoRunLogged);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && changes.sites) syncAutoRunLogged();
});
