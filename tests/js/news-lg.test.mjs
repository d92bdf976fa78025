// The neural model `news-lg`: not built into the wasm, fetched when asked for
// (fetchModel), then used by name; the same entities as its bytes give.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, extract, fetchModel, loadModel } from '../../dist/index.js';

const TEXT = 'Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss a $4.5 billion fund.';

before(async () => {
  await init();
});

test('news-lg is not built in: by name it needs fetchModel first, and says so', () => {
  assert.throws(() => extract(TEXT, { model: 'news-lg' }), /news-lg is not built in: fetch its file/);
});

test('fetchModel("news-lg") loads the shipped file; then the name works', async () => {
  // Two calls at once: one fetch, one model.
  const [model, same] = await Promise.all([fetchModel('news-lg'), fetchModel('news-lg')]);
  assert.equal(model.name, 'news-lg');
  assert.equal(same, model);
  assert.equal(await fetchModel('news-lg'), model, 'fetched once');
  assert.equal(model.labels.length, 18);
  const result = extract(TEXT, { model: 'news-lg' });
  const found = result.entities.map((e) => [TEXT.slice(e.start, e.end), e.label]);
  for (const expected of [['Angela Merkel', 'PERSON'], ['Emmanuel Macron', 'PERSON'], ['Paris', 'GPE'], ['Tuesday', 'DATE']]) {
    assert.ok(found.some(([t, l]) => t === expected[0] && l === expected[1]), `${expected} in ${JSON.stringify(found)}`);
  }
  for (const e of result.entities) assert.equal(TEXT.slice(e.start, e.end), e.text);
  // The default is still the built-in `news`.
  assert.deepEqual(extract(TEXT, { model: 'news' }), extract(TEXT));
});

test('news-lg bytes give the same result as the name, and damaged bytes a clear Error', async () => {
  const bytes = await readFile(new URL('../../dist/news-lg.nermodel', import.meta.url));
  const byName = extract(TEXT, { model: 'news-lg', offsets: 'codepoint' });
  assert.deepEqual(extract(TEXT, { model: new Uint8Array(bytes), offsets: 'codepoint' }), byName);
  const corrupt = new Uint8Array(bytes);
  corrupt[corrupt.length >> 1] ^= 0xff;
  assert.throws(() => loadModel(corrupt), /invalid model file: .*checksum/);
  await assert.rejects(fetchModel(new URL('../../dist/no-such.nermodel', import.meta.url)), /ENOENT|no such file/);
  // A freed model is fetched and parsed again.
  const model = await fetchModel('news-lg');
  model.free();
  const again = await fetchModel('news-lg');
  assert.notEqual(again, model);
  assert.deepEqual(extract(TEXT, { model: 'news-lg', offsets: 'codepoint' }), byName);
});
