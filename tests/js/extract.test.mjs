// The built npm package (dist/) under Node's own test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, extract } from '../../dist/index.js';

await init();

const ARTICLE =
  'Émilie 🇫🇷 paid “$4.5 billion” on Tuesday, Oct. 7 — nearly 300 👨‍👩‍👧 families, 3.5% of 2006’s total.';

test('offsets are UTF-16 by default: text.slice(start, end) === entity.text', () => {
  const { entities } = extract(ARTICLE);
  assert.ok(entities.length >= 4, `found ${entities.length}`);
  for (const e of entities) {
    assert.equal(ARTICLE.slice(e.start, e.end), e.text);
  }
});

test('finds money, dates, cardinals and percentages with their labels', () => {
  const found = extract(ARTICLE).entities.map((e) => [e.text, e.label]);
  assert.deepEqual(found, [
    ['$4.5 billion', 'MONEY'],
    ['Tuesday, Oct. 7', 'DATE'],
    ['nearly 300', 'CARDINAL'],
    ['3.5%', 'PERCENT'],
    ['2006', 'DATE'],
  ]);
});

test('entities are plain objects with every documented field', () => {
  const [first] = extract('It cost $5.').entities;
  assert.equal(Object.getPrototypeOf(first), Object.prototype);
  assert.deepEqual(Object.keys(first).sort(), ['end', 'label', 'score', 'source', 'start', 'text']);
  assert.equal(first.source, 'rule');
  assert.ok(first.score > 0 && first.score <= 1);
});

test('codepoint and utf8 offsets on request', () => {
  const text = '😀 $5';
  const [cp] = extract(text, { offsets: 'codepoint' }).entities;
  assert.deepEqual([cp.start, cp.end], [2, 4]);
  assert.equal([...text].slice(cp.start, cp.end).join(''), '$5');
  const [u8] = extract(text, { offsets: 'utf8' }).entities;
  assert.deepEqual([u8.start, u8.end], [5, 7]);
  const [u16] = extract(text).entities;
  assert.deepEqual([u16.start, u16.end], [3, 5]);
});

test('labels and minScore filter the result', () => {
  const onlyMoney = extract(ARTICLE, { labels: ['MONEY'] }).entities;
  assert.deepEqual(onlyMoney.map((e) => e.label), ['MONEY']);
  assert.deepEqual(extract(ARTICLE, { minScore: 1.01 }).entities, []);
});

test('bad options and bad input give clear errors, and the module keeps working', () => {
  assert.throws(() => extract(ARTICLE, { label: ['MONEY'] }), /unknown option "label"/);
  assert.throws(() => extract(ARTICLE, { labels: ['PEOPLE'] }), /unknown entity label "PEOPLE"/);
  assert.throws(() => extract(ARTICLE, { offsets: 'bytes' }), /invalid options/);
  assert.throws(() => extract(ARTICLE, 'utf8'), /expected an object/);
  assert.throws(() => extract(42), TypeError);
  assert.equal(extract('').entities.length, 0);
  assert.ok(extract(ARTICLE).entities.length > 0);
});
