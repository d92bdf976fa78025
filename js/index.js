// ner-highlight: named-entity recognition for news text, in the browser and
// in Node, with nothing sent to any server.
//
//   import { init, extract } from 'ner-highlight';
//   await init();
//   for (const e of extract(text).entities) console.log(e.label, text.slice(e.start, e.end));

import initWasm, { extract as extractWasm } from './ner_highlight.js';

let loading = null;
let ready = false;

/**
 * Loads the WebAssembly module. Call once before `extract`; later calls
 * return the same promise.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [wasm]
 *   where to load the module from; by default the .wasm file next to this one.
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
    // Node's fetch cannot read file: URLs; read the bytes instead.
    const { readFile } = await import('node:fs/promises');
    source = await readFile(new URL(String(source)));
  }
  await initWasm({ module_or_path: source });
}

function isFileUrl(source) {
  return (source instanceof URL || typeof source === 'string') && String(source).startsWith('file:');
}

/**
 * Finds the entities in `text`.
 * @param {string} text
 * @param {import('./index.js').ExtractOptions} [options]
 * @returns {import('./index.js').Extraction}
 */
export function extract(text, options) {
  if (!ready) {
    throw new Error('ner-highlight: call `await init()` before `extract`');
  }
  if (typeof text !== 'string') {
    throw new TypeError(`ner-highlight: extract expects a string, got ${typeof text}`);
  }
  return extractWasm(text, options);
}
