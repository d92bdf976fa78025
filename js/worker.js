// ner-highlight in a Web Worker, so extracting a long article never blocks the page.
//
//   import { createWorker } from 'ner-highlight/worker';
//   const ner = createWorker();
//   await ner.init();
//   const { entities } = await ner.extract(text, { labels: ['PERSON'] });

/**
 * Starts a Web Worker running ner-highlight.
 * @param {string | URL} [workerUrl] where the worker script is; by default
 *   `worker-thread.js` next to this module (bundlers follow this default).
 * @returns {ExtractorWorker}
 */
export function createWorker(workerUrl) {
  const worker = workerUrl
    ? new Worker(workerUrl, { type: 'module' })
    : new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module' });
  return new ExtractorWorker(worker);
}

/** `options` without `key`, if it is an object that has it (a copy); else as it is. */
function without(options, key) {
  if (typeof options !== 'object' || options === null || !(key in options)) return options;
  const { [key]: _, ...rest } = options;
  return rest;
}

/** The page's side of the worker: `init` and `extract` as in the main module, but async. */
export class ExtractorWorker {
  #worker;
  #pending = new Map();
  #nextCall = 0;
  #modelIds = new WeakMap();
  #nextModel = 0;
  /** Set once the worker is stopped: every later call is rejected with it. */
  #stopped = null;
  /**
   * Extractions not sent yet: the worker does one at a time, so each waits
   * here for the one before, where an aborted one can still be dropped unrun.
   */
  #waiting = [];
  /** Whether an extraction is with the worker now. */
  #extracting = false;

  /** Wraps a Worker that runs `worker-thread.js`; use `createWorker()`. */
  constructor(worker) {
    this.#worker = worker;
    worker.addEventListener('message', ({ data }) => this.#settle(data));
    // The worker script could not load, or failed outside any call: the
    // worker is stopped, and the calls waiting and every later one get the error.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#stop(new Error(`ner-highlight worker failed: ${event.message || 'could not start'}`));
    });
  }

  /**
   * Loads the WebAssembly module inside the worker.
   * @param {string | URL | BufferSource | WebAssembly.Module} [wasm] by default the .wasm next to the module.
   */
  init(wasm) {
    // A URL given as a string means what it means on the page, as for the
    // main module's init(), not what it would mean next to the worker's script.
    if (typeof wasm === 'string' || wasm instanceof URL) {
      try {
        wasm = new URL(wasm, globalThis.document?.baseURI ?? globalThis.location?.href).href;
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#call({ type: 'init', wasm });
  }

  /**
   * Finds the entities in `text`; resolves to the same result as `extract` in the main module.
   * Model bytes in `options.model` are sent to the worker once and parsed there once.
   * The worker does one extraction at a time; `options.signal` (an AbortSignal)
   * drops a call still waiting for its turn and rejects one under way at once
   * with the signal's reason (the worker finishes that one, unseen).
   */
  extract(text, options) {
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(new TypeError('ner-highlight: signal must be an AbortSignal'));
    }
    const onProgress = options?.onProgress;
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      return Promise.reject(new TypeError('ner-highlight: onProgress must be a function'));
    }
    // Neither crosses to the worker: the page keeps the signal (an aborted call
    // still waiting is never sent) and the callback (the worker reports
    // progress in messages instead).
    options = without(without(options, 'signal'), 'onProgress');
    const model = options?.model;
    if (model === undefined || typeof model === 'string') {
      return this.#queue({ type: 'extract', text, options, progress: Boolean(onProgress) }, onProgress, signal);
    }
    if (!this.#modelIds.has(model)) this.#modelIds.set(model, { id: this.#nextModel++, bytes: false });
    const message = { type: 'extract', text, options: without(options, 'model'), progress: Boolean(onProgress) };
    return this.#queue(message, onProgress, signal, model);
  }

  /**
   * Fetches and loads a model file inside the worker (see the main module's
   * `fetchModel`): `'news-lg'`, or the URL of a model file (relative to the
   * page). Afterwards `extract(text, { model: name })` uses it. Resolves to
   * the model's `{ name, labels }`.
   * @param {string | URL} nameOrUrl
   */
  fetchModel(nameOrUrl) {
    let url = nameOrUrl;
    if (nameOrUrl !== 'news-lg') {
      try {
        url = new URL(nameOrUrl, globalThis.document?.baseURI ?? globalThis.location?.href).href;
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#call({ type: 'fetchModel', url });
  }

  /**
   * Stops the worker and gives its memory back; calls still waiting, and any
   * made afterwards, are rejected.
   */
  terminate() {
    this.#stop(new Error('ner-highlight worker terminated'));
  }

  /**
   * Sends an extraction once the one before it is done, unless `signal` aborts
   * it first; `model` is the bytes of a model file, if the call names one.
   */
  #queue(message, onProgress, signal, model) {
    if (this.#stopped) return Promise.reject(this.#stopped);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiting.indexOf(job);
        if (at >= 0) this.#waiting.splice(at, 1);
        // Still running in the worker if it was sent: its answer and its
        // progress are dropped.
        job.reject(signal.reason);
      };
      const settle = (how) => (value) => {
        signal?.removeEventListener('abort', onAbort);
        job.settled = true;
        how(value);
      };
      const job = { message, model, onProgress, resolve: settle(resolve), reject: settle(reject), settled: false };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(job);
      this.#sendNext();
    });
  }

  #sendNext() {
    if (this.#extracting || this.#waiting.length === 0) return;
    const job = this.#waiting.shift();
    this.#extracting = true;
    const onProgress = job.onProgress && ((done, total) => job.settled || job.onProgress(done, total));
    let message = job.message;
    let bytesGo = null;
    if (job.model !== undefined) {
      // The model's bytes go with the first call that reaches the worker. If
      // it fails (they could not be sent, or did not load), the next sends them again.
      const sent = this.#modelIds.get(job.model);
      message = { ...message, modelId: sent.id };
      if (!sent.bytes) {
        message.modelBytes = job.model;
        sent.bytes = true;
        bytesGo = sent;
      }
    }
    const call = this.#call(message, onProgress);
    call.catch(() => {
      if (bytesGo) bytesGo.bytes = false;
    });
    call
      .then(job.resolve, job.reject)
      .finally(() => {
        this.#extracting = false;
        this.#sendNext();
      });
  }

  #call(message, onProgress) {
    // A stopped worker never answers: say so rather than wait forever.
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextCall++;
    return new Promise((resolve, reject) => {
      // Throws for what cannot be sent (a symbol for text, say): reject then.
      this.#worker.postMessage({ ...message, id });
      this.#pending.set(id, { resolve, reject, onProgress, thrown: undefined });
    });
  }

  #settle({ id, result, error, progress }) {
    const call = this.#pending.get(id);
    if (!call) return;
    if (progress) {
      // As in the main module: a callback that throws is not called again,
      // and the call rejects with its error once the extraction is done.
      if (call.onProgress && call.thrown === undefined) {
        try {
          call.onProgress(progress.done, progress.total);
        } catch (thrown) {
          call.thrown = { message: String(thrown?.message ?? thrown) };
        }
      }
      return;
    }
    this.#pending.delete(id);
    if (error) call.reject(error.name === 'TypeError' ? new TypeError(error.message) : new Error(error.message));
    else if (call.thrown) call.reject(new Error(`onProgress threw: ${call.thrown.message}`));
    else call.resolve(result);
  }

  #stop(error) {
    this.#worker.terminate();
    this.#stopped ??= error;
    for (const call of this.#pending.values()) call.reject(error);
    this.#pending.clear();
    for (const job of this.#waiting.splice(0)) job.reject(error);
  }
}
