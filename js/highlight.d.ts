import type { Entity, ExtractOptions } from './index.js';

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
export function highlight(root: Element, options?: Omit<ExtractOptions, 'offsets'>): Entity[];

/**
 * Removes every highlight `highlight` added under `root`, joining the text
 * nodes it split (and no others) again.
 */
export function clearHighlights(root: Element): void;
