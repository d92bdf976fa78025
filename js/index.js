// ner-highlight: named-entity recognition for news text, in the browser and
// in Node, with nothing sent to any server.
//
//   import { init, extract } from 'ner-highlight';
//   await init();
//   for (const e of extract(text).entities) console.log(e.label, text.slice(e.start, e.end));

import initWasm, { extract as extractBuiltIn, Model as WasmModel } from './ner_highlight.js';

let loading = null;
let ready = false;

/** Parsed models, by the bytes they came from, so a call never parses twice. */
const parsed = new WeakMap();
/** The bytes each parsed model came from, so that `free()` can forget it. */
const bytesOf = new WeakMap();
/** Models whose memory was given back with `free()`. */
const freed = new WeakSet();
/**
 * Models loaded with `loadModel`, by name, for `extract(text, { model: name })`:
 * the latest loaded of a name wins; kept until its `free()`.
 */
const named = new Map();
/** `fetchModel` calls under way or done, by name or URL, so that each file is fetched once. */
const fetches = new Map();

/** Where a shipped model's file is; a literal URL, so that bundlers copy the file. */
function shippedUrl(name) {
  if (name === 'news-lg') return new URL('./news-lg.nermodel', import.meta.url);
  return undefined;
}

/**
 * Loads the WebAssembly module. Call once before `extract`; later calls
 * return the same promise.
 * @param {string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module} [wasm]
 *   where to load the module from (a `fetch()` already started will do);
 *   by default the .wasm file next to this one.
 */
export function init(wasm) {
  if (!loading) {
    loading = load(wasm).then(
      () => {
        ready = true;
      },
      (error) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
}

async function load(wasm) {
  let source = wasm ?? new URL('./ner_highlight_bg.wasm', import.meta.url);
  if (isFileUrl(source)) {
    // Node's fetch cannot read file: URLs; read the bytes instead. The module
    // name is a variable so that bundlers leave this Node-only import alone.
    const nodeFs = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ nodeFs);
    source = await readFile(new URL(String(source)));
  }
  await initWasm({ module_or_path: source });
}

function isFileUrl(source) {
  return (source instanceof URL || typeof source === 'string') && String(source).startsWith('file:');
}

function assertReady(what) {
  if (!ready) {
    throw new Error(`ner-highlight: call \`await init()\` before \`${what}\``);
  }
}

/**
 * Parses a model file (a Uint8Array or ArrayBuffer) once; the same bytes
 * object always gives back the same Model. Throws an Error naming what is
 * wrong with bad bytes.
 * @param {Uint8Array | ArrayBuffer} bytes
 * @returns {Model}
 */
export function loadModel(bytes) {
  assertReady('loadModel');
  let model = parsed.get(bytes);
  if (!model) {
    if (bytes instanceof ArrayBuffer) model = new Model(new Uint8Array(bytes));
    else if (bytes instanceof Uint8Array) model = new Model(bytes);
    else throw new TypeError('ner-highlight: a model file must be a Uint8Array or an ArrayBuffer');
    parsed.set(bytes, model);
    bytesOf.set(model, bytes);
    named.set(model.name, model);
  }
  return model;
}

/**
 * Fetches a model file and loads it (see `loadModel`); afterwards
 * `extract(text, { model: name })` uses it by its name. `'news-lg'` is the
 * neural model file shipped next to this module (9.6 MB, not part of the
 * default download); anything else is the URL of a model file.
 * @param {string | URL} nameOrUrl
 * @returns {Promise<Model>}
 */
export function fetchModel(nameOrUrl) {
  assertReady('fetchModel');
  const key = String(nameOrUrl);
  let pending = fetches.get(key);
  if (!pending) {
    pending = fetchBytes(shippedUrl(nameOrUrl) ?? nameOrUrl).then(loadModel);
    fetches.set(key, pending);
    // A failed fetch is not kept: the next call tries again.
    pending.catch(() => fetches.get(key) === pending && fetches.delete(key));
  }
  return pending.then((model) => (freed.has(model) ? forget(key, nameOrUrl) : model));
}

/** A model fetched before and freed since: fetched and parsed again. */
function forget(key, nameOrUrl) {
  fetches.delete(key);
  return fetchModel(nameOrUrl);
}

/** The bytes of the file at `url` (a file: URL is read from disk in Node). */
async function fetchBytes(url) {
  if (isFileUrl(url)) {
    const nodeFs = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ nodeFs);
    return new Uint8Array(await readFile(new URL(String(url))));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`ner-highlight: cannot fetch the model ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Finds the entities in `text`.
 * @param {string} text
 * @param {import('./index.js').ExtractOptions} [options]
 * @returns {import('./index.js').Extraction}
 */
export function extract(text, options) {
  assertReady('extract');
  const model = options?.model;
  if (typeof model === 'string' && model !== 'news' && named.has(model)) {
    const { model: _, ...rest } = options;
    return named.get(model).extract(text, rest);
  }
  if (model === undefined || typeof model === 'string') {
    assertText(text);
    return withOwnText(text, extractBuiltIn(text, options), options?.offsets);
  }
  const { model: _, ...rest } = options;
  const loaded = model instanceof Model ? model : loadModel(model);
  return loaded.extract(text, rest);
}

/**
 * A model file parsed once (see `loadModel`). Its `extract(text, options)`
 * is the module's `extract` with this model.
 */
export class Model extends WasmModel {
  /**
   * Finds the entities in `text` with this model.
   * @param {string} text
   * @param {import('./index.js').ExtractOptions} [options] all but `model`
   * @returns {import('./index.js').Extraction}
   */
  extract(text, options) {
    assertLive(this);
    assertText(text);
    return withOwnText(text, super.extract(text, options), options?.offsets);
  }

  /** The model's short name, as written in its file. */
  get name() {
    assertLive(this);
    return super.name;
  }

  /** The labels the model assigns. */
  get labels() {
    assertLive(this);
    return super.labels;
  }

  /**
   * Gives the model's memory back. The model cannot be used afterwards;
   * `loadModel` with the same bytes parses them again. Freeing twice does nothing.
   */
  free() {
    if (freed.has(this)) return;
    freed.add(this);
    const bytes = bytesOf.get(this);
    if (bytes !== undefined && parsed.get(bytes) === this) parsed.delete(bytes);
    const name = super.name;
    if (named.get(name) === this) named.delete(name);
    super.free();
  }
}
if (Symbol.dispose) Model.prototype[Symbol.dispose] = Model.prototype.free;

function assertLive(model) {
  if (freed.has(model)) throw new Error('ner-highlight: this model was freed (call loadModel again)');
}

function assertText(text) {
  if (typeof text !== 'string') {
    throw new TypeError(`ner-highlight: extract expects a string, got ${typeof text}`);
  }
}

/** Matches a UTF-16 code unit that is half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The wasm side reads a lone surrogate as U+FFFD (one UTF-16 unit, as the
 * surrogate is), so UTF-16 offsets still index `text`; this puts the caller's
 * own characters back in each entity's `text`, so `text.slice(e.start, e.end) === e.text`.
 */
function withOwnText(text, result, offsets = 'utf16') {
  if (offsets === 'utf16' && LONE_SURROGATE.test(text)) {
    for (const entity of result.entities) entity.text = text.slice(entity.start, entity.end);
  }
  return result;
}
