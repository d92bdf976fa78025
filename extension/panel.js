// The side panel: the groups found in the active tab's article with their
// counts, a label filter, click-to-scroll, and exports (JSON, CSV). It reads
// what the tab's content script holds and sends it the user's clicks; it runs
// nothing on the page itself. With ?tab=ID it follows that tab only (as when
// opened in a tab of its own).
import { renderLegend } from './ui/legend.js';
import { renderEntityList } from './ui/entity-list.js';
import { countLabels } from './ui/groups.js';
import { toDisplacy, toCsv, download } from './ui/export.js';

const $ = (id) => document.getElementById(id);
const line = $('status');
const toggle = $('toggle');
const exportJson = $('export-json');
const exportCsv = $('export-csv');
const legend = $('legend');
const list = $('entities');

const pinned = new URLSearchParams(location.search).get('tab');
/** The tab shown. */
let tabId = pinned === null ? null : Number(pinned);
/** What the tab's content script answered (see content/main.js `result`). */
let shown = { highlighted: false };
/** Labels switched off in the legend. */
let off = new Set();
/** Refreshes in order: a later one supersedes an earlier one still waiting. */
let generation = 0;

async function refresh() {
  const mine = ++generation;
  if (pinned === null) {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    tabId = tab?.id ?? null;
  }
  let result = { highlighted: false };
  if (tabId !== null) {
    // No content script in the tab yet: nothing highlighted there.
    result = await chrome.tabs.sendMessage(tabId, { type: 'result' }).catch(() => ({ highlighted: false }));
  }
  // How the last click on the toolbar button went, if it did not highlight.
  const status = result?.highlighted || tabId === null ? {} : await chrome.runtime.sendMessage({ type: 'status-of', tabId }).catch(() => ({}));
  if (mine === generation) render(result ?? { highlighted: false }, status);
}

function render(result, clickStatus = {}) {
  shown = result;
  off = new Set(result.off ?? []);
  toggle.disabled = tabId === null;
  toggle.textContent = result.highlighted ? 'Clear' : 'Highlight';
  exportJson.disabled = exportCsv.disabled = !result.highlighted;
  if (!result.highlighted) {
    line.textContent = clickStatus.busy
      ? 'Working…'
      : clickStatus.error
        ? `Could not highlight this page: ${clickStatus.error}.`
        : 'Nothing highlighted in this tab. Click the toolbar button (Alt+Shift+H) to highlight its article.';
    legend.replaceChildren();
    list.replaceChildren();
    return;
  }
  const { entities, groups, model } = result;
  const names = `${groups.length} ${groups.length === 1 ? 'name' : 'names'}`;
  line.textContent = `${entities.length} ${entities.length === 1 ? 'mention' : 'mentions'} of ${names} (model ${model ?? 'none'})`;
  renderLegend(legend, countLabels(entities), off, switchLabel);
  renderEntityList(
    list,
    groups.filter((group) => !off.has(group.label)),
    (group, click) => send({ type: 'show', index: group.mentions[click % group.mentions.length] }),
  );
}

/** Switches a label's marks off on the page (or on again) and in the list. */
async function switchLabel(label) {
  if (off.has(label)) off.delete(label);
  else off.add(label);
  await send({ type: 'switch-off', labels: [...off] });
  render({ ...shown, off: [...off] });
}

/** Sends a message to the tab's content script; a tab that went away is shown as such. */
function send(message) {
  return chrome.tabs.sendMessage(tabId, message).catch(() => refresh());
}

toggle.addEventListener('click', async () => {
  toggle.disabled = true;
  line.textContent = shown.highlighted ? 'Clearing…' : 'Highlighting…';
  const command = shown.highlighted ? 'clear' : 'highlight';
  const reply = await chrome.runtime.sendMessage({ type: 'command', tabId, command }).catch((error) => ({ error: error.message }));
  if (reply?.error) {
    toggle.disabled = false;
    line.textContent = `Could not highlight this page: ${reply.error}.`;
    return;
  }
  await refresh();
});

/** A file name from the page's title. */
function fileName(extension) {
  const stem = (shown.title ?? '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'article';
  return `${stem}.entities.${extension}`;
}

exportJson.addEventListener('click', () => {
  const { text, entities, groups, title, url, model } = shown;
  const json = { ...toDisplacy(text, entities), title, url, model, entities, groups };
  download(fileName('json'), 'application/json', JSON.stringify(json, null, 2));
});

exportCsv.addEventListener('click', () => download(fileName('csv'), 'text/csv', toCsv(shown.entities)));

chrome.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== chrome.runtime.id) return false;
  // A content script's highlights changed, or the background says how a click went.
  if (message?.type === 'state' && sender.tab?.id === tabId) refresh();
  if (message?.type === 'status' && message.tabId === tabId && !shown.highlighted) render(shown, message.status);
  return false;
});
if (pinned === null) chrome.tabs.onActivated.addListener(refresh);
chrome.tabs.onUpdated.addListener((id, change) => {
  if (id === tabId && change.status !== undefined) refresh();
});

refresh();
