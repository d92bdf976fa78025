// Prints a Markdown table of two models' per-label dev F1 from `ner eval --json`
// outputs (README's "Which model?"):
//   node scripts/neural/compare.mjs news.json news-lg.json
import { readFileSync } from 'node:fs';

const [a, b] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const f = (x) => x.toFixed(1);
const rows = [['label', 'gold', '`news` F1', '`news-lg` F1']];
const gold = (s) => s.gold ?? s.support ?? '';
for (const label of Object.keys(a.labels).sort((x, y) => gold(b.labels[y]) - gold(b.labels[x]))) {
  rows.push([label, gold(b.labels[label]), f(a.labels[label].f1), f(b.labels[label].f1)]);
}
rows.push(['**overall**', '', `**${a.overall.f1.toFixed(2)}**`, `**${b.overall.f1.toFixed(2)}**`]);
console.log('| ' + rows[0].join(' | ') + ' |');
console.log('|---|---:|---:|---:|');
for (const r of rows.slice(1)) console.log('| ' + r.join(' | ') + ' |');
