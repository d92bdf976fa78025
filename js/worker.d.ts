import type { ExtractOptions, Extraction } from './index.js';

/** The page's side of a Web Worker running ner-highlight; every call is async. */
export class ExtractorWorker {
  /** Wraps a module Worker running `worker-thread.js`; use `createWorker()` instead. */
  constructor(worker: Worker);
  /** Loads the WebAssembly module inside the worker (by default the .wasm next to the module). */
  init(wasm?: string | URL | BufferSource | WebAssembly.Module): Promise<void>;
  /**
   * Finds the entities in `text` inside the worker; model bytes are sent and
   * parsed once; `options.onProgress` is called on the page as pieces are done.
   */
  extract(text: string, options?: ExtractOptions): Promise<Extraction>;
  /** Stops the worker and gives its memory back; calls still waiting, and any made afterwards, are rejected. */
  terminate(): void;
}

/** Starts a module Worker running ner-highlight (by default `worker-thread.js` next to this module). */
export function createWorker(workerUrl?: string | URL): ExtractorWorker;
