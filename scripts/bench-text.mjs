// The benchmark inputs, the same as benches/extract.rs builds: the article
// (benches/fixtures/article.txt) and the article repeated up to 1 MiB.
import { readFileSync } from 'node:fs';

/** The ~600-word news article. */
export const article = readFileSync(new URL('../benches/fixtures/article.txt', import.meta.url), 'utf8');

/** The article repeated, a blank line between copies, up to 1 MiB (UTF-8) or just over. */
export function megabyte() {
  let text = '';
  while (Buffer.byteLength(text) < 1 << 20) text += article + '\n\n';
  return text;
}

/** Median time in ms of `fn()`, over `runs` runs after `warmup` runs. */
export function median(fn, runs, warmup = 2) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}
