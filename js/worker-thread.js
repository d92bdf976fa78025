// The script that runs inside the Web Worker of `ner-highlight/worker`: it
// answers { id, type, ... } messages with { id, result } or { id, error }.
import { init, extract, loadModel } from './index.js';

/** Models sent by the page, by the id the page gave them (or why they failed to load). */
const models = new Map();

const handlers = {
  init: ({ wasm }) => init(wasm),
  extract: ({ id, text, options, modelId, modelBytes, progress }) => {
    if (progress) {
      // Each piece of a long text is reported to the page, which stays responsive meanwhile.
      const onProgress = (done, total) => self.postMessage({ id, progress: { done, total } });
      options = { ...options, onProgress };
    }
    if (modelId === undefined) return extract(text, options);
    if (modelBytes !== undefined) models.set(modelId, attempt(() => loadModel(modelBytes)));
    const model = models.get(modelId);
    if (model instanceof Error) throw model;
    return extract(text, { ...options, model });
  },
};

function attempt(load) {
  try {
    return load();
  } catch (error) {
    return error;
  }
}

self.addEventListener('message', async ({ data }) => {
  const { id, type } = data;
  try {
    const result = await handlers[type](data);
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) } });
  }
});
