// How a TypeScript user calls the package; `tsc -p tests/types` checks it
// against the shipped types. Nothing here runs.
import { init, extract, loadModel, Model } from 'ner-highlight';
import type { Entity, Extraction, ExtractOptions, Group, Label } from 'ner-highlight';
import { createWorker } from 'ner-highlight/worker';
import { highlight, clearHighlights } from 'ner-highlight/highlight';
import { readText, markEntities } from 'ner-highlight/marks';

export async function mainThread(text: string, bytes: Uint8Array): Promise<void> {
  await init();
  await init(new URL('./ner_highlight_bg.wasm', import.meta.url));
  await init(fetch('/ner_highlight_bg.wasm'));
  const options: ExtractOptions = { labels: ['PERSON', 'GPE'], minScore: 0.5, offsets: 'utf16' };
  const result: Extraction = extract(text, options);
  const first: Entity | undefined = result.entities[0];
  if (first) {
    const label: Label = first.label;
    const slice: string = text.slice(first.start, first.end);
    const group: Group | undefined = result.groups[first.group];
    console.log(label, slice, first.score, first.source, group?.name, group?.wikipedia);
  }
  extract(text, { terms: [{ text: 'Acme', label: 'ORG' }], deny: ['the Times'], onProgress: (done, total) => done / total });
  const model: Model = loadModel(bytes);
  console.log(model.name, model.labels, model.extract(text).entities.length);
  extract(text, { model });
  extract(text, { model: bytes.buffer as ArrayBuffer });
  model.free();

  // @ts-expect-error labels are a list
  extract(text, { labels: 'PERSON' });
  // @ts-expect-error no such label
  extract(text, { labels: ['PEOPLE'] });
  // @ts-expect-error minScore is a number
  extract(text, { minScore: '0.5' });
  // @ts-expect-error no such offset unit
  extract(text, { offsets: 'bytes' });
  // @ts-expect-error text is a string
  extract(42);
}

export async function inAWorker(text: string, bytes: Uint8Array): Promise<void> {
  const ner = createWorker();
  await ner.init();
  const { entities } = await ner.extract(text, { labels: ['ORG'], model: bytes, onProgress: () => {} });
  console.log(entities.length);
  await init();
  // @ts-expect-error a parsed Model cannot cross to the worker: give the bytes
  await ner.extract(text, { model: loadModel(bytes) });
  const stale = new AbortController();
  const pending = ner.extract(text, { signal: stale.signal });
  stale.abort();
  await pending.catch(() => {});
  // @ts-expect-error the main module's extract is synchronous: no signal there
  extract(text, { signal: stale.signal });
  ner.terminate();
}

export function inPlace(root: Element): Entity[] {
  const found = highlight(root, { labels: ['PERSON'] });
  clearHighlights(root);
  // @ts-expect-error the highlighter reads UTF-16 offsets only
  highlight(root, { offsets: 'utf8' });
  highlight(root, { exclude: 'nav, .comments' });
  highlight(root, { exclude: (element) => element.localName === 'aside' });
  // @ts-expect-error exclude is a selector or a predicate
  highlight(root, { exclude: 3 });
  return found;
}

/** The model run elsewhere (here, a worker), the marks put in the page. */
export async function markedFromWorker(root: Element): Promise<number> {
  const ner = createWorker();
  const read = readText(root, { exclude: '.comments' });
  const { entities } = await ner.extract(read.text, { offsets: 'utf16' });
  ner.terminate();
  return markEntities(read, entities);
}
