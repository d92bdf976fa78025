import type { Entity, ExtractOptions } from './index.js';

/**
 * Highlights the entities in the text under `root` in place: each entity's
 * text is wrapped in `<mark data-label="LABEL" data-ner="N">` elements (one per
 * text node it covers, all with the same `data-ner` index). Earlier highlights
 * under `root` are removed first. Call `await init()` before.
 * @returns the entities highlighted; their offsets index the text under `root`.
 */
export function highlight(root: Element, options?: Omit<ExtractOptions, 'offsets'>): Entity[];

/** Removes every highlight `highlight` added under `root`. */
export function clearHighlights(root: Element): void;
