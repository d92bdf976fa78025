// The content script: injected into a tab when the user clicks the toolbar
// button (or on a site chosen to run by itself). It finds the article, reads
// its text, has the background find the entities, and marks them in place
// with the package's own marks.js, the same code as the script tag's. It
// touches the page only through text nodes and <mark> elements; it lives in
// the extension's isolated world, so the page's scripts cannot reach its
// state, and it answers only messages from the extension itself.
import { readText, markEntities, marksUnder, clearMarks } from '../../dist/marks.js';
import { findArticle } from './article.js';
import { answer } from '../messages.js';

/**
 * Where this script keeps its handle in the isolated world: a symbol, so that
 * no element of the page (a named property of window, `<div id=...>`) can
 * pass for it.
 */
const HANDLE = Symbol.for('ner-highlight.extension');

/** How long a mark the panel scrolled to stays outlined, in milliseconds. */
const FLASH_MS = 1500;

/** How long one slice of marking may hold the page's thread, in milliseconds. */
const SLICE_MS = 16;

/** What is highlighted now: the text read, what was found in it, and labels switched off in the panel. */
let state = null;
/** The highlighting under way (its promise, and whether it was called off), so that two do not run at once. */
let running = null;

/** Highlights the article (again, if it is already). Resolves to a summary. */
function highlight() {
  if (running && !running.cancelled) return running.promise;
  const job = { cancelled: false };
  // A job called off may still be removing its marks: this one starts after it.
  const before = running?.promise.catch(() => {}) ?? Promise.resolve();
  job.promise = before.then(() => highlightArticle(job)).finally(() => {
    if (running === job) running = null;
  });
  running = job;
  return job.promise;
}

async function highlightArticle(job) {
  removeMarks();
  await clearing;
  if (job.cancelled) return summary();
  const { root, exclude } = findArticle(document);
  const read = readText(root, { exclude });
  const reply = read.text.trim() === '' ? { entities: [], groups: [], model: null } : await extractInBackground(read.text);
  if (job.cancelled) return summary();
  // In slices, with the page's own work in between: a long article's
  // thousands of marks never hold the page for long.
  for (let from = 0; from < read.pieces.length; ) {
    const started = performance.now();
    let to = from;
    while (to < read.pieces.length && performance.now() - started < SLICE_MS) {
      to = Math.min(to + 64, read.pieces.length);
      // The title names the label only: scores are the panel's, not the page's to read.
      markEntities({ ...read, pieces: read.pieces.slice(from, to) }, reply.entities, { title: labelOnly });
      from = to;
    }
    if (from < read.pieces.length) await new Promise((resume) => setTimeout(resume, 0));
    if (job.cancelled) {
      clearing = clearing.then(() => removeInSlices(root)).catch(() => {});
      await clearing;
      return summary();
    }
  }
  state = { read, entities: reply.entities, groups: reply.groups, model: reply.model, off: new Set() };
  report();
  return summary();
}

function labelOnly(entity) {
  return entity.label;
}

/** Asks the background to find the entities of `text`; throws its error. */
async function extractInBackground(text) {
  const reply = await chrome.runtime.sendMessage({ type: 'extract', text });
  if (!reply || reply.error) throw new Error(reply?.error ?? 'no answer from the extension');
  return reply;
}

/** Removes the highlights, leaving the page's DOM as it was, and calls off any highlighting under way. */
async function clear() {
  const cancelled = running;
  if (cancelled) cancelled.cancelled = true;
  removeMarks();
  // A job called off mid-marking removes its own marks: the page is clear once it has.
  await cancelled?.promise.catch(() => {});
  await clearing;
  return summary();
}

/** The marks being removed, a slice at a time. */
let clearing = Promise.resolve();

/** Starts removing the marks of what is highlighted now, if anything is (see `clearing`). */
function removeMarks() {
  if (!state) return;
  const { root } = state.read;
  state = null;
  report();
  clearing = clearing.then(() => removeInSlices(root)).catch(() => {});
}

/** Removes the marks under `root`, with the page's own work in between slices. */
async function removeInSlices(root) {
  const marks = marksUnder(root);
  for (let from = 0; from < marks.length; ) {
    const started = performance.now();
    while (from < marks.length && performance.now() - started < SLICE_MS) {
      clearMarks(marks.slice(from, from + 256));
      from += 256;
    }
    if (from < marks.length) await new Promise((resume) => setTimeout(resume, 0));
  }
}

/** Tells the extension (background and panel) that the highlights changed. */
function report() {
  chrome.runtime.sendMessage({ type: 'state', highlighted: state !== null }).catch(() => {});
}

/** A short account of the highlights, for the toolbar button and the panel. */
function summary() {
  return { highlighted: state !== null, entities: state?.entities.length ?? 0, groups: state?.groups.length ?? 0 };
}

/** Everything the panel shows and exports. */
function result() {
  if (!state) return { highlighted: false, url: location.href, title: document.title };
  const { read, entities, groups, model, off } = state;
  return { highlighted: true, url: location.href, title: document.title, text: read.text, entities, groups, model, off: [...off] };
}

/** Scrolls to the first mark of entity `index` and outlines it for a moment. */
function show(index) {
  if (!state || !Number.isInteger(index)) return false;
  const mark = state.read.root.querySelector(`mark[data-ner="${index}"]`);
  if (!mark) return false;
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  mark.setAttribute('data-ner-flash', '');
  setTimeout(() => mark.removeAttribute('data-ner-flash'), FLASH_MS);
  return true;
}

/** Switches the marks of `labels` off (their text stays, unmarked) and the others on. */
function switchOff(labels) {
  if (!state || !Array.isArray(labels)) return false;
  state.off = new Set(labels);
  for (const mark of state.read.root.querySelectorAll('mark[data-ner]')) {
    mark.toggleAttribute('data-ner-off', state.off.has(mark.dataset.label));
  }
  return true;
}

if (globalThis[HANDLE] === undefined) {
  // Injected once per page: a second injection finds this and does nothing.
  globalThis[HANDLE] = { highlight, clear };
  chrome.runtime.onMessage.addListener((message, sender, reply) => {
    if (sender.id !== chrome.runtime.id) return false;
    switch (message?.type) {
      case 'toggle':
        return answer(() => (state || (running && !running.cancelled) ? clear() : highlight()), reply);
      case 'highlight':
        return answer(highlight, reply);
      case 'clear':
        return answer(clear, reply);
      case 'result':
        return answer(result, reply);
      case 'show':
        return answer(() => show(message.index), reply);
      case 'switch-off':
        return answer(() => switchOff(message.labels), reply);
      default:
        return false;
    }
  });
}
