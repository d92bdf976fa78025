import type { Entity, ExtractOptions } from './index.js';

/** Options of `highlight`: those of `extract` (less `offsets`) and `exclude`. */
export interface HighlightOptions extends Omit<ExtractOptions, 'offsets'> {
  /**
   * Elements under `root` whose text is left alone, with everything inside
   * them: a CSS selector (`'nav, .comments'`) or a predicate.
   */
  exclude?: string | ((element: Element) => boolean);
}

/**
 * Highlights the entities in the text under `root` in place: each entity's
 * text is wrapped in `<mark data-label="LABEL" data-ner="N">` elements (one per
 * text node it covers, all with the same `data-ner` index). Earlier highlights
 * under `root` are removed first. Text inside `<script>`, `<style>`,
 * `<textarea>`, `<title>`, `<pre>`, `<code>` and the like is left alone, and
 * so is a `root` that is one of them. Call `await init()` before. Throws a
 * TypeError if `root` is not an element.
 * @returns the entities highlighted. Their offsets index the text `highlight`
 *   read: the text nodes' text joined, with a blank line ("\n\n") between
 *   blocks (paragraphs, list items, after a `<br>`), not `root.textContent`.
 */
export function highlight(root: Element, options?: HighlightOptions): Entity[];

/**
 * Removes every highlight `highlight` added under `root`, joining the text
 * nodes it split (and no others) again.
 */
export function clearHighlights(root: Element): void;
