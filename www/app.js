// The demo page: paste an article, see its entities highlighted, filter them
// by label, jump to their mentions and export them. Extraction runs in a Web
// Worker, so a long article never blocks the page.
import { createWorker } from './pkg/worker.js';
import { renderText, flash } from './render.js';
import { renderLegend } from './legend.js';
import { renderEntityList } from './entity-list.js';
import { countLabels } from './groups.js';
import { toDisplacy, toCsv, download } from './export.js';
import { setUpTheme } from './theme.js';

const $ = (id) => document.getElementById(id);
const article = $('article');
const view = $('highlighted');
const legend = $('legend');
const list = $('entities');
const status = $('status');
const progress = $('progress');

/** Labels switched off in the legend. */
const hidden = new Set();
/** What is on show: the text, the extraction and the marks of its entities. */
let shown = { text: '', entities: [], marks: [] };
/** The pending run after typing; any run cancels it. */
let typing;
/** Aborts the latest run when a newer one starts: its result would be moot. */
let latest;
const ner = createWorker();
/** The model chosen in the model switch; `news-lg` is fetched the first time. */
let model = 'news';

/**
 * Empties the article box as an edit the browser can undo (Ctrl+Z brings the
 * text back), where it still can; setting `value` would forget the history.
 */
function clearArticle() {
  article.focus();
  article.select();
  // execCommand is deprecated but still the one way to edit with undo.
  if (!article.value || !document.execCommand('delete')) article.value = '';
}

async function main() {
  setUpTheme($('theme'));
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
  try {
    await ner.init();
  } catch (error) {
    status.textContent = `Could not load the WebAssembly module: ${error.message}`;
    return;
  }
  const firstSample = loadSample(); // fetched now, so that the button needs no request later
  if (!article.value) article.value = await firstSample;
  $('highlight').addEventListener('click', run);
  $('sample').addEventListener('click', async () => {
    article.value = await loadSample();
    run();
  });
  $('clear').addEventListener('click', () => {
    clearArticle();
    clearTimeout(typing); // the edit's input event: run now instead
    run();
  });
  $('model').addEventListener('change', switchModel);
  $('export-json').addEventListener('click', () =>
    download('entities.json', 'application/json', JSON.stringify(toDisplacy(shown.text, visible()), null, 2)),
  );
  $('export-csv').addEventListener('click', () => download('entities.csv', 'text/csv', toCsv(visible())));
  article.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(run, 250);
  });
  await run();
}

/** Uses the model chosen in the switch, fetching `news-lg` the first time (the service worker keeps it). */
async function switchModel() {
  const chosen = $('model').value;
  if (chosen !== 'news') {
    status.textContent = `Loading ${chosen}…`;
    try {
      await ner.fetchModel(chosen);
    } catch (error) {
      if ($('model').value !== chosen) return; // switched again meanwhile
      status.textContent = `Could not load ${chosen}: ${error.message}`;
      $('model').value = model;
      return;
    }
    // Switched again while the file came: the later choice has run already.
    if ($('model').value !== chosen) return;
  }
  model = chosen;
  run();
}

/** The sample article, fetched once: after loading, the page sends nothing. */
let sample;
function loadSample() {
  sample ??= fetch('sample.txt')
    .then((response) => (response.ok ? response.text() : ''))
    .catch(() => '');
  return sample;
}

/** Extracts the entities of the article and shows them; a newer run wins over an older one. */
async function run() {
  clearTimeout(typing);
  const text = article.value;
  // A long text typed over: the worker drops the stale extraction if it has
  // not started it, rather than make this one wait for it; the stale run
  // shows nothing more.
  latest?.abort();
  const controller = new AbortController();
  latest = controller;
  view.setAttribute('aria-busy', 'true');
  const started = performance.now();
  const current = () => !controller.signal.aborted;
  const usedModel = model;
  let result;
  try {
    result = await ner.extract(text, {
      model: usedModel,
      signal: controller.signal,
      onProgress: (done, total) => current() && showProgress(done, total),
    });
  } catch (error) {
    if (current()) {
      progress.hidden = true;
      status.textContent = `Extraction failed: ${error.message}`;
      view.setAttribute('aria-busy', 'false');
    }
    return;
  }
  if (!current()) return;
  const ms = performance.now() - started;
  if (result.entities.length > 5000) status.textContent = `Showing ${result.entities.length} entities…`;
  if (!(await show(text, result, current))) return;
  progress.hidden = true;
  const noun = result.entities.length === 1 ? 'entity' : 'entities';
  status.textContent = `${result.entities.length} ${noun} in ${ms.toFixed(1)} ms`;
  view.setAttribute('aria-busy', 'false');
  document.body.dataset.model = usedModel;
  document.body.dataset.ready = 'true';
}

/** Shows how much of a long text is done (the worker reports each piece of 64 KiB). */
function showProgress(done, total) {
  if (done >= total && progress.hidden) return; // a short text: one piece, no bar
  progress.hidden = false;
  progress.value = done / total;
  status.textContent = `Finding entities… ${Math.floor((100 * done) / total)}%`;
}

/** Shows the result; false if a newer run started while it was being drawn. */
async function show(text, result, current) {
  const marks = await renderText(view, text, result.entities, hidden, current);
  if (!marks) return false;
  shown = { text, entities: result.entities, marks };
  renderLegend(legend, countLabels(result.entities), hidden, toggle);
  renderEntityList(list, result.groups, (group, n) => {
    const mark = marks[group.mentions[n % group.mentions.length]];
    flash(mark);
  });
  applyHidden();
  return true;
}

/** The entities whose labels are switched on, for export. */
function visible() {
  return shown.entities.filter((e) => !hidden.has(e.label));
}

function toggle(label) {
  if (hidden.has(label)) hidden.delete(label);
  else hidden.add(label);
  applyHidden();
}

function applyHidden() {
  for (const mark of shown.marks) mark.classList.toggle('off', hidden.has(mark.dataset.label));
  for (const button of legend.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(!hidden.has(button.dataset.label)));
  }
  for (const item of list.children) item.hidden = hidden.has(item.dataset.label);
}

main();
