// The JavaScript half of `make bench` (scripts/bench.sh runs the native half
// first): the built wasm package in Node and in headless Chromium, compromise
// on the same texts, the download sizes; then everything, with the native
// numbers, goes to benches/results.json and a table on standard output.
//   node scripts/bench.mjs NATIVE_JSON
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync, execSync } from 'node:child_process';
import os from 'node:os';
import nlp from 'compromise';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { downloadSizes } from './sizes.mjs';
import { gzipSync } from 'node:zlib';
import { article, megabyte, median } from './bench-text.mjs';
import init, { extract, Model } from '../dist/ner_highlight.js';

const native = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const big = megabyte();
const tokens = native.tokens; // { article, megabyte }: counted by the Rust tokenizer
const say = (s) => console.error(`[bench] ${s}`);

// --- Node: the wasm package ---
say('Node: wasm');
await init({ module_or_path: readFileSync(new URL('../dist/ner_highlight_bg.wasm', import.meta.url)) });
const nodeWasm = {
  article_ms: median(() => extract(article), 50, 5),
  megabyte_ms: median(() => extract(big), 3, 1),
};
nodeWasm.tokens_per_s = tokens.megabyte / (nodeWasm.megabyte_ms / 1e3);

// The neural news-lg, loaded from its file as a page would after fetching it.
say('Node: wasm, news-lg');
const newsLgBytes = readFileSync(new URL('../dist/news-lg.nermodel', import.meta.url));
const newsLg = new Model(newsLgBytes);
const nodeNewsLg = {
  article_ms: median(() => newsLg.extract(article, undefined), 10, 2),
  megabyte_ms: median(() => newsLg.extract(big, undefined), 1, 0),
};
nodeNewsLg.tokens_per_s = tokens.megabyte / (nodeNewsLg.megabyte_ms / 1e3);

// Linear memory after the 1 MB text, in a fresh process (memory never shrinks).
say('Node: wasm linear memory');
const memoryScript = `
  import init, { extract } from './dist/ner_highlight.js';
  import { readFileSync } from 'node:fs';
  import { megabyte } from './scripts/bench-text.mjs';
  const w = await init({ module_or_path: readFileSync('dist/ner_highlight_bg.wasm') });
  const before = w.memory.buffer.byteLength;
  extract(megabyte());
  console.log(JSON.stringify({ before, after: w.memory.buffer.byteLength }));`;
const mem = spawnSync(process.execPath, ['--input-type=module', '-e', memoryScript], { encoding: 'utf8' });
if (mem.status !== 0) throw new Error(mem.stderr);
const wasmMemory = JSON.parse(mem.stdout);
const lgMemoryScript = `
  import init, { Model } from './dist/ner_highlight.js';
  import { readFileSync } from 'node:fs';
  import { megabyte } from './scripts/bench-text.mjs';
  const w = await init({ module_or_path: readFileSync('dist/ner_highlight_bg.wasm') });
  const model = new Model(readFileSync('dist/news-lg.nermodel'));
  const before = w.memory.buffer.byteLength;
  model.extract(megabyte(), undefined);
  console.log(JSON.stringify({ before, after: w.memory.buffer.byteLength }));`;
const lgMem = spawnSync(process.execPath, ['--input-type=module', '-e', lgMemoryScript], { encoding: 'utf8' });
if (lgMem.status !== 0) throw new Error(lgMem.stderr);
const wasmMemoryNewsLg = JSON.parse(lgMem.stdout);

// --- compromise on the same texts: people, places and organisations ---
say('Node: compromise');
const compromiseFind = (text) => {
  const doc = nlp(text);
  return [doc.people().out('array'), doc.places().out('array'), doc.organizations().out('array')];
};
const compromise = {
  version: nlp.version,
  article_ms: median(() => compromiseFind(article), 20, 3),
  megabyte_ms: median(() => compromiseFind(big), 1, 0),
};
compromise.tokens_per_s = tokens.megabyte / (compromise.megabyte_ms / 1e3);

// --- Chromium: cold start and warm extract ---
say('Chromium');
const server = await serve(new URL('..', import.meta.url).pathname, 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const colds = [];
const coldStages = []; // per run, when each stage of the cold start ended
let browserWarm;
// A browser just launched starts its own services on the first page it
// shows: one page of plain text first, not timed, as a user's browser
// would already be running. Each timed run below still gets a new context
// with empty caches.
{
  const context = await browser.newContext();
  await (await context.newPage()).goto(`${base}/benches/fixtures/article.txt`);
  await context.close();
}
// Cold starts vary a lot on a shared machine (runs spread over 100 ms): the
// median of 21. Each run also loads the same page without the package
// (floor.html), alternately first and second, so that what the package adds
// is measured against the browser's own time in the same minutes.
const COLD_RUNS = 21;
const floors = [];
const overFloor = [];
// One cold load of `path` in a fresh context; `then(page)`, if given, runs
// before the context closes.
const coldRun = async (path, then) => {
  const context = await browser.newContext(); // fresh HTTP and code caches
  const page = await context.newPage();
  // The page says when it is done on the console. Polling for it with
  // waitForFunction would run Playwright's injected script on the page's
  // main thread in the middle of the cold start (about 20 ms here).
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench-cold-done', timeout: 60000 });
  await page.goto(`${base}${path}`, { waitUntil: 'commit' });
  await done;
  const cold = await page.evaluate(() => ({ ms: window.benchCold.ms, stages: window.benchCold.stages }));
  await then?.(page);
  await context.close();
  return cold;
};
const warmOnce = async (page) => {
  browserWarm = await page.evaluate(
    ({ article, big, median }) => {
      const { extract } = window.benchCold;
      const med = (0, eval)(`(${median})`); // scripts/bench-text.mjs's median
      return { article_ms: med(() => extract(article), 50, 5), megabyte_ms: med(() => extract(big), 3, 1) };
    },
    { article, big, median: median.toString() },
  );
  // news-lg: fetched by the page (fetchModel), then warm.
  browserWarm.news_lg = await page.evaluate(
    async ({ article, big, median }) => {
      const { fetchModel } = await import('/dist/index.js');
      const model = await fetchModel('news-lg');
      const med = (0, eval)(`(${median})`);
      return { article_ms: med(() => model.extract(article), 10, 2), megabyte_ms: med(() => model.extract(big), 1, 0) };
    },
    { article, big, median: median.toString() },
  );
};
for (let run = 0; run < COLD_RUNS; run++) {
  const floorFirst = run % 2 === 1;
  const floor = floorFirst ? await coldRun('/benches/browser/floor.html') : null;
  const cold = await coldRun('/benches/browser/index.html');
  colds.push(cold.ms);
  coldStages.push({ ...cold.stages, rendered: cold.ms });
  const floorMs = (floor ?? (await coldRun('/benches/browser/floor.html'))).ms;
  floors.push(floorMs);
  overFloor.push(cold.ms - floorMs);
}
// Warm: the package's page once more, untimed, then extract in it again and again.
await coldRun('/benches/browser/index.html', warmOnce);
const chromiumVersion = browser.version();
await browser.close();
server.close();
server.closeAllConnections();
colds.sort((a, b) => a - b);
// The median time of each stage of the cold start, from the end of the one before.
const stageNames = ['script', 'imported', 'initialised', 'firstCall', 'extracted', 'rendered'];
const middle = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const coldStagesMs = Object.fromEntries(
  stageNames.map((name, i) => [name, middle(coldStages.map((s) => s[name] - (i ? s[stageNames[i - 1]] : 0)))]),
);
const chromiumResult = {
  version: chromiumVersion,
  cold_ms: colds[colds.length >> 1],
  cold_runs_ms: colds,
  // navigation to script start; importing the package; fetching and compiling
  // the wasm (and the article); the first call (model parse, rule automata
  // loaded); extracting the article; rendering the marks.
  cold_stages_ms: coldStagesMs,
  // The same article as plain text without the package (floor.html), in the
  // same runs; and the median of each run's difference.
  cold_floor_ms: middle([...floors]),
  cold_over_floor_ms: middle([...overFloor]),
  ...browserWarm,
};
chromiumResult.tokens_per_s = tokens.megabyte / (chromiumResult.megabyte_ms / 1e3);
chromiumResult.news_lg.tokens_per_s = tokens.megabyte / (chromiumResult.news_lg.megabyte_ms / 1e3);

// --- What a browser downloads ---
const sizes = downloadSizes();
// news-lg is fetched only when asked for: reported apart from the default download.
const newsLgGzip = gzipSync(newsLgBytes, { level: 9 }).length;

// --- Results ---
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; Node ${process.version}; Chromium ${chromiumVersion}; ${execSync('rustc --version').toString().trim()}`;
const MB = 2 ** 20;
const results = {
  date: new Date().toISOString(),
  machine,
  inputs: { article_words: article.split(/\s+/).filter(Boolean).length, article_tokens: tokens.article, megabyte_bytes: Buffer.byteLength(big), megabyte_tokens: tokens.megabyte },
  native,
  node_wasm: nodeWasm,
  node_wasm_news_lg: nodeNewsLg,
  wasm_memory_bytes: wasmMemory,
  wasm_memory_bytes_news_lg: wasmMemoryNewsLg,
  chromium: chromiumResult,
  compromise,
  sizes,
  news_lg_file: { raw: newsLgBytes.length, gzip9: newsLgGzip },
};
const targets = [
  ['native >= 1,000,000 tokens/s (1 MB, one thread)', native.megabyte_tokens_per_s >= 1e6],
  ['Chromium wasm >= 500,000 tokens/s (1 MB)', chromiumResult.tokens_per_s >= 5e5],
  ['Chromium article <= 5 ms warm', chromiumResult.article_ms <= 5],
  ['Chromium article <= 150 ms cold', chromiumResult.cold_ms <= 150],
  ['peak memory <= 64 MB for 1 MB (native RSS)', native.peak_rss_bytes <= 64 * MB],
  ['peak memory <= 64 MB for 1 MB (wasm linear memory)', wasmMemory.after <= 64 * MB],
  ['faster than compromise (article, Node)', nodeWasm.article_ms < compromise.article_ms],
  ['faster than compromise (1 MB, Node)', nodeWasm.megabyte_ms < compromise.megabyte_ms],
  ['news-lg: native >= 50,000 tokens/s (1 MB, one thread)', native.news_lg.megabyte_tokens_per_s >= 5e4],
  ['news-lg: Chromium >= 20,000 tokens/s warm (1 MB)', chromiumResult.news_lg.tokens_per_s >= 2e4],
  ['news-lg: Chromium article < 40 ms warm', chromiumResult.news_lg.article_ms < 40],
  ['news-lg: peak memory < 128 MiB for 1 MB (native RSS)', native.news_lg.peak_rss_bytes < 128 * MB],
  ['news-lg: peak memory < 128 MiB for 1 MB (wasm linear memory)', wasmMemoryNewsLg.after < 128 * MB],
  ['news-lg: model file <= 10 MB gzip -9', newsLgGzip <= 10 * 1e6],
];
results.targets = Object.fromEntries(targets);
writeFileSync('benches/results.json', JSON.stringify(results, null, 2) + '\n');

const f = (x, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const k = (x) => `${f(x / 1e3, 0)}k`;
const rows = [
  ['', 'article (ms)', '1 MB (ms)', 'tokens/s (1 MB)'],
  ['native (criterion)', f(native.article_ms, 2), f(native.megabyte_ms, 0), k(native.megabyte_tokens_per_s)],
  ['wasm, Node', f(nodeWasm.article_ms, 2), f(nodeWasm.megabyte_ms, 0), k(nodeWasm.tokens_per_s)],
  ['wasm, Chromium (warm)', f(chromiumResult.article_ms, 2), f(chromiumResult.megabyte_ms, 0), k(chromiumResult.tokens_per_s)],
  ['news-lg: native (criterion)', f(native.news_lg.article_ms, 2), f(native.news_lg.megabyte_ms, 0), k(native.news_lg.megabyte_tokens_per_s)],
  ['news-lg: wasm, Node', f(nodeNewsLg.article_ms, 2), f(nodeNewsLg.megabyte_ms, 0), k(nodeNewsLg.tokens_per_s)],
  ['news-lg: wasm, Chromium (warm)', f(chromiumResult.news_lg.article_ms, 2), f(chromiumResult.news_lg.megabyte_ms, 0), k(chromiumResult.news_lg.tokens_per_s)],
  [`compromise ${compromise.version}, Node`, f(compromise.article_ms, 2), f(compromise.megabyte_ms, 0), k(compromise.tokens_per_s)],
];
console.log(`\nMachine: ${machine}`);
console.log(`Inputs: article ${results.inputs.article_words} words / ${tokens.article} tokens; ${results.inputs.megabyte_bytes} bytes / ${tokens.megabyte} tokens\n`);
console.log('| ' + rows[0].join(' | ') + ' |');
console.log('|' + rows[0].map((_, i) => (i ? '---:' : '---')).join('|') + '|');
for (const r of rows.slice(1)) console.log('| ' + r.join(' | ') + ' |');
console.log(`\nChromium cold start (navigation to highlighted article), median of ${COLD_RUNS}: ${f(chromiumResult.cold_ms)} ms (${colds.map((c) => f(c, 0)).join(', ')})`);
console.log(
  `  stages (medians, ms): ${Object.entries(coldStagesMs).map(([k, v]) => `${k} ${f(v)}`).join(', ')}`,
);
console.log(
  `  the same page without the package (the article as plain text): ${f(chromiumResult.cold_floor_ms)} ms; the package adds ${f(chromiumResult.cold_over_floor_ms)} ms (median of the runs' differences)`,
);
console.log(`Model load (native): ${f(native.model_load_ms, 2)} ms; rule automata loaded (native): ${f(native.rules_load_ms, 2)} ms`);
console.log(`news-lg: model load (native) ${f(native.news_lg.model_load_ms, 1)} ms; peak memory, 1 MB: native ${f(native.news_lg.peak_rss_bytes / MB)} MiB RSS, wasm linear memory ${f(wasmMemoryNewsLg.after / MB)} MiB (${f(wasmMemoryNewsLg.before / MB)} MiB after loading it)`);
console.log(`Peak memory, 1 MB: native ${f(native.peak_rss_bytes / MB)} MiB RSS (ner extract; ${f(native.baseline_rss_bytes / MB)} MiB for an empty input); wasm linear memory ${f(wasmMemory.after / MB)} MiB (${f(wasmMemory.before / MB)} MiB after init)`);
console.log(`news-lg model file (fetched only when chosen): ${newsLgBytes.length} bytes raw, ${newsLgGzip} gzip -9`);
console.log('Downloads (bytes): ' + Object.entries(sizes).map(([n, s]) => `${n} ${s.raw} raw, ${s.gzip9} gzip -9, ${s.brotli} brotli`).join('; '));
console.log(`Ratios, compromise time / ner-highlight time (Node): article ${f(compromise.article_ms / nodeWasm.article_ms)}x, 1 MB ${f(compromise.megabyte_ms / nodeWasm.megabyte_ms)}x; native vs compromise 1 MB ${f(compromise.megabyte_ms / native.megabyte_ms)}x`);
console.log('\nTargets:');
for (const [name, ok] of targets) console.log(`  ${ok ? 'met    ' : 'NOT met'}  ${name}`);
console.log('\nWritten: benches/results.json');
