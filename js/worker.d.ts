import type { ExtractOptions, Extraction, Label, ModelBytes } from './index.js';

/**
 * Options of the worker's `extract`: those of the main module's, but a model
 * is a built-in name or a model file's bytes (a parsed `Model` lives in one
 * thread and cannot be sent to another).
 */
export type WorkerExtractOptions = Omit<ExtractOptions, 'model'> & {
  model?: 'news' | ModelBytes;
  /**
   * Aborts the call: one still waiting for its turn (the worker does one
   * extraction at a time) is never run; one under way is rejected at once
   * with the signal's reason while the worker finishes it unseen.
   */
  signal?: AbortSignal;
};

/** The page's side of a Web Worker running ner-highlight; every call is async. */
export class ExtractorWorker {
  /** Wraps a module Worker running `worker-thread.js`; use `createWorker()` instead. */
  constructor(worker: Worker);
  /**
   * Loads the WebAssembly module inside the worker (by default the .wasm next
   * to the module; a URL string is read against the page's address).
   */
  init(wasm?: string | URL | BufferSource | WebAssembly.Module): Promise<void>;
  /**
   * Finds the entities in `text` inside the worker, one call at a time; model
   * bytes are sent and parsed once; `options.onProgress` is called on the page
   * as pieces are done; `options.signal` aborts the call.
   */
  extract(text: string, options?: WorkerExtractOptions): Promise<Extraction>;
  /**
   * Fetches and loads a model file in the worker: 'news-lg' (shipped next to
   * the module), or a model file's URL relative to the page. Afterwards
   * `extract(text, { model: name })` uses it.
   */
  fetchModel(nameOrUrl: 'news-lg' | string | URL): Promise<{ name: string; labels: Label[] }>;
  /** Stops the worker and gives its memory back; calls still waiting, and any made afterwards, are rejected. */
  terminate(): void;
}

/** Starts a module Worker running ner-highlight (by default `worker-thread.js` next to this module). */
export function createWorker(workerUrl?: string | URL): ExtractorWorker;
