// The `model` option: built-in names, model files as bytes, and the errors
// of unknown names and bad bytes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, extract, loadModel, Model } from '../../dist/index.js';

const TEXT = 'Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss a $4.5 billion fund.';
// The news model file that the wasm build embeds: the same bytes, the same entities.
let newsBytes;

before(async () => {
  await init();
  newsBytes = await readFile(new URL('../../models/news.nermodel', import.meta.url));
});

test("model: 'news' is the default", () => {
  assert.deepEqual(extract(TEXT, { model: 'news' }), extract(TEXT));
});

test('a model file as a Uint8Array or an ArrayBuffer finds what the built-in copy finds', () => {
  const builtIn = extract(TEXT);
  assert.ok(builtIn.entities.length >= 4);
  assert.deepEqual(extract(TEXT, { model: new Uint8Array(newsBytes) }), builtIn);
  const buffer = newsBytes.buffer.slice(newsBytes.byteOffset, newsBytes.byteOffset + newsBytes.byteLength);
  // Group ids are numbered within each result, so compare the entities without them.
  const withoutGroup = ({ group, ...entity }) => entity;
  assert.deepEqual(
    extract(TEXT, { model: buffer, labels: ['GPE'] }).entities.map(withoutGroup),
    builtIn.entities.filter((e) => e.label === 'GPE').map(withoutGroup),
  );
});

test('the same bytes are parsed once and give back the same Model', () => {
  const bytes = new Uint8Array(newsBytes);
  const model = loadModel(bytes);
  assert.ok(model instanceof Model);
  assert.equal(loadModel(bytes), model);
  assert.equal(model.name, 'news');
  assert.ok(model.labels.includes('PERSON'));
  // A parsed model can be passed as well, with the other options.
  const { entities } = extract(TEXT, { model, offsets: 'utf8', minScore: 0.5 });
  assert.ok(entities.every((e) => e.score >= 0.5));
});

test('unknown model names and bad bytes throw clear Errors and leave the module usable', () => {
  assert.throws(() => extract(TEXT, { model: 'conll' }), { name: 'Error', message: /no built-in model "conll" \(built in: news\)/ });
  assert.throws(() => extract(TEXT, { model: new Uint8Array([1, 2, 3]) }), /invalid model file: not a model file/);
  assert.throws(() => extract(TEXT, { model: newsBytes.subarray(0, 1000) }), /invalid model file: .*truncated/);
  const corrupt = new Uint8Array(newsBytes);
  corrupt[corrupt.length >> 1] ^= 0xff;
  assert.throws(() => extract(TEXT, { model: corrupt }), /invalid model file: .*checksum/);
  assert.throws(() => extract(TEXT, { model: 42 }), TypeError);
  assert.throws(() => loadModel('news'), TypeError);
  assert.ok(extract(TEXT).entities.length >= 4);
});

test('a freed model throws a clear Error, and its bytes are parsed again', () => {
  const bytes = new Uint8Array(newsBytes);
  const model = loadModel(bytes);
  const before = model.extract(TEXT);
  model.free();
  model.free(); // twice: nothing more
  assert.throws(() => model.extract(TEXT), { name: 'Error', message: /this model was freed/ });
  assert.throws(() => model.name, /this model was freed/);
  const again = loadModel(bytes);
  assert.notEqual(again, model);
  assert.deepEqual(again.extract(TEXT), before);
  assert.deepEqual(extract(TEXT, { model: bytes }), before);
});
