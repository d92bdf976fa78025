// The DOM half of highlighting, apart from the model: reading the text of an
// element as one string, wrapping entities found in it in <mark> elements, and
// removing those marks again. It imports nothing, so code that runs the model
// elsewhere (a worker, a browser extension's background) can use it on its own;
// `highlight.js` puts the two halves together.
//
// Only text nodes are split and wrapped: every element, link and event
// listener of the page stays where it was. Page text is never parsed as HTML.

// Elements are compared by `localName`, which is lower-case in HTML and
// XHTML (EPUB) documents alike; `nodeName` is upper-case only in HTML.

/** Elements whose text is not article text. */
const SKIP = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'textarea', 'select', 'code', 'pre', 'svg', 'math',
]);

/** Elements that end a run of text: no entity crosses them. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul',
]);

/** The attribute that marks our own <mark> elements. */
const OURS = 'data-ner';
/**
 * On a mark, which sides of its text were split off the same text node of
 * the page ("before", "after" or "before after"), to be joined again on clearing.
 */
const JOIN = 'data-ner-join';

/**
 * The text under `root`, read for highlighting: `text` is the text nodes' text
 * joined, with a blank line ("\n\n") between blocks (paragraphs, list items,
 * after a `<br>`); `pieces` says which node each stretch came from. Text in
 * `<script>`, `<style>`, `<textarea>`, `<pre>`, `<code>` and the like is left
 * out, and so is every element `exclude` accepts (a CSS selector or a
 * predicate) with what is inside it. Earlier highlights under `root` are removed first.
 * @param {Element} root
 * @param {{ exclude?: string | ((element: Element) => boolean) }} [options]
 * @returns {{ root: Element, text: string, pieces: { node: Text, start: number, data: string }[] }}
 */
export function readText(root, options) {
  assertElement(root, 'readText');
  clearHighlights(root);
  // A <textarea>, <script>, <title>... and what is inside them is not article text.
  if (insideSkipped(root)) return { root, text: '', pieces: [] };
  return { root, ...collectText(root, excluder(options?.exclude)) };
}

/**
 * Wraps each entity of `entities` (UTF-16 offsets into `read.text`) in
 * `<mark data-ner="INDEX" data-label="LABEL">` elements, one per text node it
 * covers. Text nodes the page changed since `readText` are left alone.
 * Each mark's `title` is what `options.title(entity)` gives: by default the
 * label, score and source.
 * @param {ReturnType<typeof readText>} read
 * @param {{ start: number, end: number, label: string, score: number, source: string }[]} entities
 * @param {{ title?: (entity: { label: string, score: number, source: string }) => string }} [options]
 * @returns {number} how many marks were added
 */
export function markEntities(read, entities, options) {
  const title = options?.title ?? describe;
  let marks = 0;
  for (const [piece, segments] of assignToNodes(entities, read.pieces)) {
    if (!unchanged(piece)) continue;
    // Last segment first, so earlier offsets into the node stay valid.
    for (let i = segments.length - 1; i >= 0; i--) wrap(piece.node, segments[i], title);
    marks += segments.length;
  }
  return marks;
}

/** A mark's title by default: "PERSON · score 0.97 · model". */
function describe(entity) {
  return `${entity.label} · score ${entity.score.toFixed(2)} · ${entity.source}`;
}

/** Whether the page left a text node as `readText` found it. */
function unchanged(piece) {
  return piece.node.isConnected && piece.node.data === piece.data;
}

/**
 * Removes the marks `markEntities` (or `highlight`) added under `root`,
 * leaving the page's text nodes joined again as they were.
 * @param {Element} root
 */
export function clearHighlights(root) {
  assertElement(root, 'clearHighlights');
  clearMarks(root.querySelectorAll(`mark[${OURS}]`));
}

/**
 * The marks `markEntities` added under `root`, in document order: for
 * clearing a long article a slice at a time with `clearMarks`.
 * @param {Element} root
 * @returns {Element[]}
 */
export function marksUnder(root) {
  assertElement(root, 'marksUnder');
  return [...root.querySelectorAll(`mark[${OURS}]`)];
}

/**
 * Removes the given marks (from `marksUnder`, in document order; a slice of
 * them will do, the next slice after it), joining the text nodes they split.
 * Marks no longer in the page are skipped.
 * @param {Iterable<Element>} marks
 */
export function clearMarks(marks) {
  // In document order, so that the pieces of one text node join up from its start.
  for (const mark of marks) {
    if (!mark.isConnected) continue;
    const join = (mark.getAttribute(JOIN) ?? '').split(' ');
    const text = mark.firstChild;
    mark.replaceWith(...mark.childNodes);
    if (text?.nodeType !== Node.TEXT_NODE) continue;
    // Only the pieces highlight() split apart are joined: the page's own
    // neighbouring text nodes stay as they were.
    const previous = text.previousSibling;
    if (join.includes('before') && previous?.nodeType === Node.TEXT_NODE) {
      previous.appendData(text.data);
      text.remove();
      if (join.includes('after')) joinNext(previous);
    } else if (join.includes('after')) {
      joinNext(text);
    }
  }
}

/** Appends the text node after `node` to it, if there is one. */
function joinNext(node) {
  const next = node.nextSibling;
  if (next?.nodeType === Node.TEXT_NODE) {
    node.appendData(next.data);
    next.remove();
  }
}

/** Throws a TypeError naming `what` unless `root` is an element. */
export function assertElement(root, what) {
  if (root?.nodeType !== Node.ELEMENT_NODE) {
    throw new TypeError(`ner-highlight: ${what} needs an element, got ${root === null ? 'null' : typeof root === 'object' ? root.nodeName ?? 'an object' : typeof root}`);
  }
}

/** The `exclude` option as a predicate on elements (or null for none). */
function excluder(exclude) {
  if (exclude === undefined || exclude === null) return null;
  if (typeof exclude === 'function') return exclude;
  if (typeof exclude === 'string') return (element) => element.matches(exclude);
  throw new TypeError(`ner-highlight: exclude must be a CSS selector or a function, got ${typeof exclude}`);
}

/** Whether `element` or one of its ancestors holds no article text. */
function insideSkipped(element) {
  for (let el = element; el; el = el.parentElement) {
    if (SKIP.has(el.localName)) return true;
  }
  return false;
}

/**
 * The text under `root` as one string and the text nodes it came from; text
 * in different blocks (paragraphs, list items, after a <br>) is separated by a
 * line break that belongs to no node.
 */
function collectText(root, excluded) {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.ELEMENT_NODE && (SKIP.has(node.localName) || excluded?.(node))
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const parts = [];
  const pieces = [];
  let length = 0;
  let block = null;
  let breakPending = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.localName === 'br') breakPending = true;
      continue;
    }
    const nodeBlock = blockOf(node, root);
    if (pieces.length > 0 && (breakPending || nodeBlock !== block)) {
      parts.push('\n\n');
      length += 2;
    }
    block = nodeBlock;
    breakPending = false;
    pieces.push({ node, start: length, data: node.data });
    parts.push(node.data);
    length += node.data.length;
  }
  return { text: parts.join(''), pieces };
}

function blockOf(node, root) {
  for (let el = node.parentNode; el && el !== root; el = el.parentNode) {
    if (BLOCKS.has(el.localName)) return el;
  }
  return root;
}

/**
 * For each piece (text node), the [from, to) slices of it that entities cover,
 * in order. Entities are sorted and do not overlap: only those within the
 * pieces' stretch of the text are looked at, so marking a long text a slice
 * of pieces at a time costs no more than marking it whole.
 */
function assignToNodes(entities, pieces) {
  const byPiece = new Map();
  if (pieces.length === 0) return byPiece;
  const last = pieces[pieces.length - 1];
  const stretchEnd = last.start + last.data.length;
  let p = 0;
  for (let index = firstEndingAfter(entities, pieces[0].start); index < entities.length; index++) {
    const entity = entities[index];
    if (entity.start >= stretchEnd) break;
    while (p < pieces.length && pieces[p].start + pieces[p].data.length <= entity.start) p++;
    for (let q = p; q < pieces.length && pieces[q].start < entity.end; q++) {
      const piece = pieces[q];
      const from = Math.max(entity.start - piece.start, 0);
      const to = Math.min(entity.end - piece.start, piece.data.length);
      if (from >= to) continue;
      if (!byPiece.has(piece)) byPiece.set(piece, []);
      byPiece.get(piece).push({ from, to, entity, index });
    }
  }
  return byPiece;
}

/** The index of the first of the sorted `entities` that ends after `offset` (binary search). */
function firstEndingAfter(entities, offset) {
  let low = 0;
  let high = entities.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entities[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Wraps characters [from, to) of a text node in a <mark> for `entity`. */
function wrap(node, { from, to, entity, index }, title) {
  const join = [];
  if (to < node.data.length) {
    node.splitText(to);
    join.push('after');
  }
  if (from > 0) join.unshift('before');
  const covered = from > 0 ? node.splitText(from) : node;
  const mark = node.ownerDocument.createElement('mark');
  mark.setAttribute(OURS, String(index));
  if (join.length > 0) mark.setAttribute(JOIN, join.join(' '));
  mark.dataset.label = entity.label;
  mark.title = title(entity);
  covered.before(mark);
  mark.append(covered);
}
