// Types of the global the embeddable script (ner-highlight.js) defines.
import type { Entity, ExtractOptions } from './index.js';

/** What `<script src=".../ner-highlight.js">` puts on `window`. */
export interface NerHighlightGlobal {
  /** Settles once the elements named by `data-target` are highlighted; the entities found. */
  ready: Promise<Entity[]>;
  /** Highlights the elements matching `selector` (default: `data-target`) again. */
  highlight(selector?: string, options?: Omit<ExtractOptions, 'offsets'>): Promise<Entity[]>;
  /** Removes all highlights from the elements matching `selector` (default: `data-target`). */
  clear(selector?: string): Promise<void>;
}

declare global {
  interface Window {
    /** Defined by the embeddable script ner-highlight.js. */
    nerHighlight: NerHighlightGlobal;
  }
}
