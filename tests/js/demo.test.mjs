// The demo page's pure parts: grouping entities and the exports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countLabels } from '../../www/groups.js';
import { toDisplacy, toCsv } from '../../www/export.js';

const e = (start, end, label, text, score = 0.9, source = 'model') => ({ start, end, label, text, score, source });
const ENTITIES = [
  e(0, 5, 'GPE', 'Paris'),
  e(10, 15, 'PERSON', 'Paris'),
  e(20, 25, 'GPE', 'Paris'),
  e(30, 36, 'ORG', 'Acme, "Inc"', 0.5, 'rule'),
];

test('labels are counted, most frequent first', () => {
  assert.deepEqual(countLabels(ENTITIES), [['GPE', 2], ['ORG', 1], ['PERSON', 1]]);
});

test("JSON export is displaCy's manual format", () => {
  assert.deepEqual(toDisplacy('text', ENTITIES.slice(0, 1)), { text: 'text', ents: [{ start: 0, end: 5, label: 'GPE' }] });
});

test('CSV export quotes commas and quotes and ends lines with CRLF', () => {
  assert.equal(
    toCsv(ENTITIES.slice(2)),
    'start,end,label,text,score,source\r\n20,25,GPE,Paris,0.9,model\r\n30,36,ORG,"Acme, ""Inc""",0.5,rule\r\n',
  );
});

test('CSV export keeps what a spreadsheet would run as a formula as text', () => {
  const risky = ['=HYPERLINK("http://x")', '+1 555', '-2+3', '@SUM(A1)', 'Paris'].map((text, i) => e(i, i + 1, 'ORG', text));
  const texts = toCsv(risky)
    .split('\r\n')
    .slice(1, -1)
    .map((row) => row.split(',')[3]);
  assert.deepEqual(texts, [`"'=HYPERLINK(""http://x"")"`, "'+1 555", "'-2+3", "'@SUM(A1)", 'Paris']);
});
