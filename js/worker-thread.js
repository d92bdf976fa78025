// The script that runs inside the Web Worker of `ner-highlight/worker`: it
// answers { id, type, ... } messages with { id, result } or { id, error }.
import { init, extract, loadModel, fetchModel } from './index.js';

/** Models sent by the page, by the id the page gave them. */
const models = new Map();
/** The last init() asked for: calls sent before it finished wait for it. */
let initialising = null;

const handlers = {
  init: ({ wasm }) => (initialising = init(wasm)),
  fetchModel: async ({ url }) => {
    await initialising?.catch(() => {});
    const model = await fetchModel(url);
    return { name: model.name, labels: model.labels };
  },
  extract: async ({ id, text, options, modelId, modelBytes, progress }) => {
    // A failed init() leaves extract() to say that init() is needed.
    await initialising?.catch(() => {});
    if (progress) {
      // Each piece of a long text is reported to the page, which stays responsive meanwhile.
      const onProgress = (done, total) => self.postMessage({ id, progress: { done, total } });
      options = { ...options, onProgress };
    }
    if (modelId === undefined) return extract(text, options);
    // Bytes that do not load are not kept: the page sends them again.
    if (modelBytes !== undefined) models.set(modelId, loadModel(modelBytes));
    const model = models.get(modelId);
    if (model === undefined) {
      throw new Error('ner-highlight: the model file did not reach the worker or did not load; call again');
    }
    return extract(text, { ...options, model });
  },
};

self.addEventListener('message', async ({ data }) => {
  const { id, type } = data;
  try {
    const result = await handlers[type](data);
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) } });
  }
});
