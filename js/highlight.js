// Highlights entities in place in a page: walks the text nodes under an
// element, runs `extract` once over their joined text, and wraps each entity
// in <mark data-label="..."> elements. Only text nodes are split and wrapped:
// every element, link and event listener of the page stays where it was.
// Page text is never parsed as HTML.
//
//   import { init } from 'ner-highlight';
//   import { highlight, clearHighlights } from 'ner-highlight/highlight';
//   await init();
//   highlight(document.querySelector('article'), { labels: ['PERSON', 'ORG'] });

import { extract } from './index.js';

/** Elements whose text is not article text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'CODE', 'PRE', 'svg', 'math']);

/** Elements that end a run of text: no entity crosses them. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/** The attribute that marks our own <mark> elements. */
const OURS = 'data-ner';

/**
 * Highlights the entities in the text under `root`, first removing earlier highlights there.
 * @param {Element} root
 * @param {import('./index.js').ExtractOptions} [options] passed to `extract`
 * @returns {import('./index.js').Entity[]} the entities highlighted (offsets into the joined text)
 */
export function highlight(root, options) {
  clearHighlights(root);
  const { text, pieces } = collectText(root);
  const { entities } = extract(text, { ...options, offsets: 'utf16' });
  const byNode = assignToNodes(entities, pieces);
  for (const [node, segments] of byNode) {
    // Last segment first, so earlier offsets into the node stay valid.
    for (let i = segments.length - 1; i >= 0; i--) wrap(node, segments[i]);
  }
  return entities;
}

/**
 * Removes the marks `highlight` added under `root`, leaving the page's text
 * nodes joined again as they were.
 * @param {Element} root
 */
export function clearHighlights(root) {
  const parents = new Set();
  for (const mark of root.querySelectorAll(`mark[${OURS}]`)) {
    parents.add(mark.parentNode);
    mark.replaceWith(...mark.childNodes);
  }
  for (const parent of parents) parent.normalize();
}

/**
 * The text under `root` as one string and the text nodes it came from; text
 * in different blocks (paragraphs, list items, after a <br>) is separated by a
 * line break that belongs to no node.
 */
function collectText(root) {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.ELEMENT_NODE && SKIP.has(node.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const parts = [];
  const pieces = [];
  let length = 0;
  let block = null;
  let breakPending = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.nodeName === 'BR') breakPending = true;
      continue;
    }
    const nodeBlock = blockOf(node, root);
    if (pieces.length > 0 && (breakPending || nodeBlock !== block)) {
      parts.push('\n\n');
      length += 2;
    }
    block = nodeBlock;
    breakPending = false;
    pieces.push({ node, start: length });
    parts.push(node.data);
    length += node.data.length;
  }
  return { text: parts.join(''), pieces };
}

function blockOf(node, root) {
  for (let el = node.parentNode; el && el !== root; el = el.parentNode) {
    if (BLOCKS.has(el.nodeName)) return el;
  }
  return root;
}

/** For each text node, the [from, to) slices of it that entities cover, in order. */
function assignToNodes(entities, pieces) {
  const byNode = new Map();
  let p = 0;
  entities.forEach((entity, index) => {
    while (p < pieces.length && pieces[p].start + pieces[p].node.data.length <= entity.start) p++;
    for (let q = p; q < pieces.length && pieces[q].start < entity.end; q++) {
      const { node, start } = pieces[q];
      const from = Math.max(entity.start - start, 0);
      const to = Math.min(entity.end - start, node.data.length);
      if (from >= to) continue;
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node).push({ from, to, entity, index });
    }
  });
  return byNode;
}

/** Wraps characters [from, to) of a text node in a <mark> for `entity`. */
function wrap(node, { from, to, entity, index }) {
  if (to < node.data.length) node.splitText(to);
  const covered = from > 0 ? node.splitText(from) : node;
  const mark = node.ownerDocument.createElement('mark');
  mark.setAttribute(OURS, String(index));
  mark.dataset.label = entity.label;
  mark.title = `${entity.label} · score ${entity.score.toFixed(2)} · ${entity.source}`;
  covered.before(mark);
  mark.append(covered);
}
