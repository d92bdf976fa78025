// Highlights entities in place in a page: reads the text nodes under an
// element (marks.js), runs `extract` once over their joined text, and wraps
// each entity in <mark data-label="..."> elements. Only text nodes are split
// and wrapped: every element, link and event listener of the page stays where
// it was. Page text is never parsed as HTML.
//
//   import { init } from 'ner-highlight';
//   import { highlight, clearHighlights } from 'ner-highlight/highlight';
//   await init();
//   highlight(document.querySelector('article'), { labels: ['PERSON', 'ORG'], exclude: '.comments' });

import { extract } from './index.js';
import { assertElement, clearHighlights, markEntities, readText } from './marks.js';

export { clearHighlights };

/**
 * Highlights the entities in the text under `root`, first removing earlier highlights there.
 * @param {Element} root
 * @param {import('./highlight.js').HighlightOptions} [options] `exclude`, and the rest passed to `extract`
 * @returns {import('./index.js').Entity[]} the entities highlighted (offsets into the joined text)
 */
export function highlight(root, options) {
  assertElement(root, 'highlight');
  const { exclude, ...extractOptions } = options ?? {};
  const read = readText(root, { exclude });
  const { entities } = extract(read.text, { ...extractOptions, offsets: 'utf16' });
  markEntities(read, entities);
  return entities;
}
