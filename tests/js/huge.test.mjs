// 10 MB of news text through the wasm build: it completes, the offsets are
// exact, and the module's memory stays bounded (long texts run in pieces of
// at most 64 KiB, so memory grows with the entities found, not the text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, extract } from '../../dist/index.js';

test('10 MB of text: exact offsets, progress to the end, wasm memory bounded', async () => {
  await init();
  const sample = await readFile(new URL('../../www/sample.txt', import.meta.url), 'utf8');
  const article = await readFile(new URL('../fixtures/article-netanyahu.txt', import.meta.url), 'utf8');
  const unit = `${sample}\n\n${article}\n\n`;
  const text = unit.repeat(Math.ceil(10e6 / unit.length));
  assert.ok(text.length >= 10e6);
  const before = process.memoryUsage().external;
  let last = 0;
  const result = extract(text, { onProgress: (done) => (last = done) });
  const grown = process.memoryUsage().external - before;
  assert.equal(last, Buffer.byteLength(text));
  const per = extract(unit).entities.map((e) => [e.start, e.end, e.label]);
  assert.ok(result.entities.length >= (per.length * text.length) / unit.length / 2);
  // Every repetition of the article is where its offsets say.
  for (const e of result.entities) assert.equal(text.slice(e.start, e.end), e.text);
  console.log(`# 10 MB: ${result.entities.length} entities, wasm memory grew by ${(grown / 2 ** 20).toFixed(0)} MiB`);
  assert.ok(grown < 256 * 2 ** 20, `wasm memory grew by ${grown} bytes`);
});
