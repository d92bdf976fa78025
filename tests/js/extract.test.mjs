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

test('finds people, places, dates and amounts with their labels', () => {
  const found = extract('Angela Merkel paid $4.5 billion in Paris on Tuesday.').entities.map((e) => [
    e.text,
    e.label,
  ]);
  for (const expected of [
    ['Angela Merkel', 'PERSON'],
    ['$4.5 billion', 'MONEY'],
    ['Paris', 'GPE'],
    ['Tuesday', 'DATE'],
  ]) {
    assert.ok(found.some(([t, l]) => t === expected[0] && l === expected[1]), `${expected} in ${found}`);
  }
});

test('entities are plain objects with every documented field', () => {
  const [first] = extract('It cost $5.').entities;
  assert.equal(Object.getPrototypeOf(first), Object.prototype);
  assert.deepEqual(Object.keys(first).sort(), ['end', 'group', 'label', 'score', 'source', 'start', 'text']);
  assert.ok(['model', 'rule'].includes(first.source));
  assert.ok(first.score > 0 && first.score <= 1);
});

test('codepoint and utf8 offsets on request', () => {
  const text = '😀 It cost $5 million.';
  const money = (options) => extract(text, options).entities.find((e) => e.label === 'MONEY');
  const u16 = money();
  assert.deepEqual([u16.start, u16.end], [11, 21]);
  assert.equal(text.slice(u16.start, u16.end), '$5 million');
  const cp = money({ offsets: 'codepoint' });
  assert.deepEqual([cp.start, cp.end], [10, 20]);
  assert.equal([...text].slice(cp.start, cp.end).join(''), '$5 million');
  const u8 = money({ offsets: 'utf8' });
  assert.deepEqual([u8.start, u8.end], [13, 23]);
});

test('labels and minScore filter the result', () => {
  const onlyMoney = extract(ARTICLE, { labels: ['MONEY'] }).entities;
  assert.deepEqual(onlyMoney.map((e) => e.label), ['MONEY']);
  const all = extract(ARTICLE).entities;
  const sure = extract(ARTICLE, { minScore: 0.8 }).entities;
  assert.ok(sure.length > 0 && sure.length < all.length, `${sure.length} of ${all.length}`);
  const withoutGroup = ({ group, ...entity }) => entity; // group ids are numbered per result
  assert.deepEqual(sure.map(withoutGroup), all.filter((e) => e.score >= 0.8).map(withoutGroup));
});

test('bad options and bad input give clear errors, and the module keeps working', () => {
  assert.throws(() => extract(ARTICLE, { label: ['MONEY'] }), /unknown option "label"/);
  assert.throws(() => extract(ARTICLE, { labels: ['PEOPLE'] }), /unknown entity label "PEOPLE"/);
  assert.throws(() => extract(ARTICLE, { offsets: 'bytes' }), /invalid options/);
  assert.throws(() => extract(ARTICLE, 'utf8'), /expected an object/);
  assert.throws(() => extract(42), TypeError);
  // A list given as a string, and scores that are not from 0 to 1 (a data
  // attribute read with Number() gives NaN), name the option.
  assert.throws(() => extract(ARTICLE, { labels: 'PERSON' }), /invalid options: labels must be an array/);
  assert.throws(() => extract(ARTICLE, { terms: 'Paris' }), /invalid options: terms must be an array/);
  assert.throws(() => extract(ARTICLE, { deny: 'x' }), /invalid options: deny must be an array/);
  for (const minScore of [NaN, 2, -1]) {
    assert.throws(() => extract(ARTICLE, { minScore }), /invalid options: minScore must be a number from 0 to 1/);
  }
  assert.equal(extract('').entities.length, 0);
  assert.ok(extract(ARTICLE).entities.length > 0);
});

test('groups: the mentions of one name, and each entity carries its group id', () => {
  const text = 'Benjamin Netanyahu met aides. Later Netanyahu spoke.';
  const { entities, groups } = extract(text);
  const netanyahu = groups.find((g) => g.name === 'Benjamin Netanyahu');
  assert.equal(netanyahu.label, 'PERSON');
  assert.deepEqual(
    netanyahu.mentions.map((m) => entities[m].text),
    ['Benjamin Netanyahu', 'Netanyahu'],
  );
  for (const g of groups) for (const m of g.mentions) assert.equal(entities[m].group, g.id);
  assert.match(netanyahu.wikipedia, /^https:\/\/en\.wikipedia\.org\/w\/index\.php\?search=Benjamin\+Netanyahu$/);
});

test('terms are found with their label and source, denied texts never come out', () => {
  const text = 'Acme Widgets opened a shop in Paris on Tuesday.';
  const { entities } = extract(text, {
    terms: [{ text: 'Acme Widgets', label: 'ORG' }],
    deny: ['Paris'],
  });
  const acme = entities.find((e) => e.text === 'Acme Widgets');
  assert.deepEqual([acme.label, acme.source, acme.score], ['ORG', 'terms', 1]);
  assert.ok(entities.every((e) => e.text !== 'Paris'));
  assert.throws(() => extract(text, { terms: [{ text: '', label: 'ORG' }] }), /a term has empty text/);
  assert.throws(() => extract(text, { terms: [{ text: 'Acme', label: 'COMPANY' }] }), /unknown entity label/);
});
