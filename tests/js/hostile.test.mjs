// Hostile input at the JavaScript boundary: lone surrogates, Unicode that
// UTF-16 and UTF-8 count differently, damaged model bytes, progress reports
// (and a progress callback that throws), and a 10 MB text in bounded memory.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init, extract, loadModel } from '../../dist/index.js';

let newsBytes;

before(async () => {
  await init();
  newsBytes = await readFile(new URL('../../models/news.nermodel', import.meta.url));
});

/** Asserts sorted, non-overlapping entities equal to their slices of `text`, in UTF-16 units. */
function assertWellFormed(text, result) {
  let lastEnd = 0;
  for (const e of result.entities) {
    assert.ok(Number.isInteger(e.start) && e.start >= lastEnd && e.end > e.start && e.end <= text.length, JSON.stringify(e));
    assert.equal(text.slice(e.start, e.end), e.text);
    lastEnd = e.end;
  }
}

const UNICODE = [
  'The engineer 👩🏽‍💻 and the family 👨‍👩‍👧‍👦 met Angela Merkel in Paris on 3 May 2024. 👍🏿',
  'Cafe\u0301 owner Zoe\u0308 Smith paid $5 million to Ångström Ltd. on Tuesday.',
  'قال الرئيس إن الاجتماع في القاهرة. Then Barack Obama spoke in Chicago on Monday.',
  '\u202eBenjamin Netanyahu\u202c met \u200fשלום\u200f in Jerusalem for 3 hours.',
  '李强 visited 北京 and Tokyo on 5 June; Xi Jinping paid ¥300 billion.',
  'Angela\u00a0Merkel\u00a0visited\u200bParis\u200b on\u2009Tuesday\ufeff for $4.5\u00a0billion.',
  'Barack Obama\r\nspoke in Chicago.\r\n\r\nMicrosoft Corp. rose 4% on Friday.\r\n',
  '\u201cWe will win,\u201d said Joe Biden. \u2018No,\u2019 replied Donald Trump \u2014 in Iowa\u2026',
];

test('Unicode fixtures: emoji, combining marks, right-to-left, CJK, odd spaces, CRLF, curly quotes', () => {
  for (const text of UNICODE) {
    assertWellFormed(text, extract(text));
    const points = [...text];
    for (const e of extract(text, { offsets: 'codepoint' }).entities) {
      assert.equal(points.slice(e.start, e.end).join(''), e.text);
    }
  }
  const dates = extract(UNICODE[0]).entities.filter((e) => e.label === 'DATE').map((e) => e.text);
  assert.deepEqual(dates, ['3 May 2024']);
});

test('lone surrogates from JavaScript: offsets still index the string and text is its own slice', () => {
  const texts = [
    '\uD800 Angela Merkel visited Paris.',
    'Angela Merkel\uDC00 visited Paris\uD83D on Tuesday.',
    'It cost $5\uDBFF million on \uDFFFTuesday, said Joe Biden.\uD800',
    'Benjamin Netanyahu met Angela\uD800Merkel in Paris.',
  ];
  for (const text of texts) {
    const result = extract(text);
    assert.ok(result.entities.length >= 1, text);
    assertWellFormed(text, result);
  }
  // A surrogate inside an entity's span comes back as the caller's own code unit.
  const inside = '\uD800Angela Merkel\uDC00 visited Paris on Tuesday.';
  for (const e of extract(inside).entities) assert.equal(e.text, inside.slice(e.start, e.end));
});

test('lone surrogates through a loaded Model: the same entities, each text its own slice', () => {
  const model = loadModel(newsBytes);
  const text = 'Angela Merkel met Joe\uD800Biden\uDC00 in Paris\uD83D on Tuesday.';
  const result = model.extract(text);
  assert.ok(result.entities.some((e) => e.text.includes('\uD800')), JSON.stringify(result.entities));
  assertWellFormed(text, result);
  assert.deepEqual(result, extract(text, { model }));
  assert.throws(() => model.extract(42), /expects a string, got number/);
});

test('damaged model bytes throw an Error with a message and the module keeps working', () => {
  const wrongVersion = new Uint8Array(newsBytes);
  new DataView(wrongVersion.buffer).setUint32(8, 99, true);
  const cases = [
    [new Uint8Array(0), /not a model file/],
    [wrongVersion, /format version 99 is not supported/],
    [newsBytes.subarray(0, 24), /truncated/],
    [newsBytes.subarray(0, newsBytes.length - 1), /truncated/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(() => loadModel(new Uint8Array(bytes)), (e) => e instanceof Error && message.test(e.message));
  }
  // Random damage, over and over: errors, never a trap that kills the instance.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 100; i++) {
    const bytes = new Uint8Array(newsBytes.subarray(0, 64 + Math.floor(random() * 4096)));
    bytes[Math.floor(random() * bytes.length)] ^= 1 + Math.floor(random() * 255);
    assert.throws(() => loadModel(bytes), (e) => e instanceof Error && e.message.startsWith('invalid model file: '));
  }
  assert.deepEqual(
    extract('Angela Merkel visited Paris.').entities.map((e) => e.text),
    ['Angela Merkel', 'Paris'],
  );
});

test('onProgress reports each piece; a throwing callback is an Error and the module keeps working', () => {
  const calls = [];
  extract('Angela Merkel visited Paris.', { onProgress: (done, total) => calls.push([done, total]) });
  assert.deepEqual(calls, [[28, 28]]);
  const paragraph = 'Angela Merkel visited Paris on Tuesday and pledged $4.5 billion to the fund.\n\n';
  const long = paragraph.repeat(4000); // 316 KB: several pieces
  const steps = [];
  const result = extract(long, { onProgress: (done, total) => steps.push([done, total]) });
  assert.ok(steps.length >= 5, `${steps.length} progress calls`);
  assert.ok(steps.every(([done, total], i) => total === long.length && done > (steps[i - 1]?.[0] ?? 0)));
  assert.equal(steps.at(-1)[0], long.length);
  assertWellFormed(long, result);
  assert.throws(() => extract(long, { onProgress: () => { throw new Error('stop'); } }), /onProgress threw: stop/);
  assert.throws(() => extract('x', { onProgress: 5 }), /onProgress must be a function/);
  assert.equal(extract('Angela Merkel visited Paris.').entities.length, 2);
});
