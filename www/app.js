// The demo page: paste an article, see its entities highlighted.
// Every piece of the article reaches the page as text nodes (never as HTML).
import { init, extract } from './pkg/index.js';

const $ = (id) => document.getElementById(id);
const article = $('article');
const highlighted = $('highlighted');
const legend = $('legend');
const status = $('status');

/** Labels switched off in the legend. */
const hidden = new Set();

async function main() {
  try {
    await init();
  } catch (error) {
    status.textContent = `Could not load the WebAssembly module: ${error.message}`;
    return;
  }
  if (!article.value) article.value = await loadSample();
  $('highlight').addEventListener('click', run);
  $('sample').addEventListener('click', async () => {
    article.value = await loadSample();
    run();
  });
  $('clear').addEventListener('click', () => {
    article.value = '';
    run();
    article.focus();
  });
  let timer;
  article.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  run();
}

async function loadSample() {
  const response = await fetch('sample.txt');
  return response.ok ? response.text() : '';
}

/** Extracts the entities of the article and shows them. */
function run() {
  const text = article.value;
  const started = performance.now();
  const { entities } = extract(text);
  const ms = performance.now() - started;
  renderText(text, entities);
  renderLegend(entities);
  const noun = entities.length === 1 ? 'entity' : 'entities';
  status.textContent = `${entities.length} ${noun} in ${ms.toFixed(1)} ms`;
  document.body.dataset.ready = 'true';
}

/** The article as text nodes, with a <mark> around each entity. */
function renderText(text, entities) {
  const fragment = document.createDocumentFragment();
  let position = 0;
  for (const entity of entities) {
    fragment.append(text.slice(position, entity.start));
    fragment.append(markFor(entity, text.slice(entity.start, entity.end)));
    position = entity.end;
  }
  fragment.append(text.slice(position));
  highlighted.replaceChildren(fragment);
}

function markFor(entity, covered) {
  const mark = document.createElement('mark');
  mark.dataset.label = entity.label;
  mark.title = `${entity.label} · score ${entity.score.toFixed(2)} · ${entity.source}`;
  if (hidden.has(entity.label)) mark.classList.add('off');
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = entity.label;
  mark.append(covered, badge);
  return mark;
}

/** One legend button per label found, with its count; a click toggles the label. */
function renderLegend(entities) {
  const counts = new Map();
  for (const { label } of entities) counts.set(label, (counts.get(label) ?? 0) + 1);
  const items = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  legend.replaceChildren(
    ...items.map(([label, count]) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.label = label;
      button.setAttribute('aria-pressed', String(!hidden.has(label)));
      const name = document.createElement('span');
      name.className = 'badge';
      name.textContent = label;
      const number = document.createElement('span');
      number.className = 'count';
      number.textContent = String(count);
      button.append(name, number);
      button.addEventListener('click', () => toggle(label));
      item.append(button);
      return item;
    }),
  );
}

function toggle(label) {
  if (hidden.has(label)) hidden.delete(label);
  else hidden.add(label);
  const off = hidden.has(label);
  for (const mark of highlighted.querySelectorAll('mark')) {
    if (mark.dataset.label === label) mark.classList.toggle('off', off);
  }
  for (const button of legend.querySelectorAll('button')) {
    if (button.dataset.label === label) button.setAttribute('aria-pressed', String(!off));
  }
}

main();
