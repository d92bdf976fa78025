// Builds the browser extension (Manifest V3) into dist-extension/ and zips it
// into dist-extension.zip, ready to load unpacked or to upload to a store.
//   node scripts/build-extension.mjs      (`make extension`, after the wasm build)
//
// The core is the npm package's own files, copied from dist/ as they are (one
// build of the wasm); the panel reuses the demo's list, legend and export
// modules from www/. The content script is the one file bundled (a content
// script cannot be a module): extension/content/main.js with dist/marks.js.
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = new URL('..', import.meta.url);
const path = (p) => fileURLToPath(new URL(p, root));
const out = path('dist-extension/');
const zip = path('dist-extension.zip');

/** The package's files the extension uses, from dist/. */
const CORE = ['index.js', 'ner_highlight.js', 'ner_highlight_bg.wasm', 'news-lg.nermodel', 'ner-highlight.css'];
/** The demo's modules the panel uses, from www/. */
const UI = ['entity-list.js', 'legend.js', 'groups.js', 'export.js'];
/** The extension's own files, from extension/. */
const OWN = [
  'background.js', 'settings.js', 'messages.js', 'auto-run.js', 'marks.css', 'badges.css', 'panel.html', 'panel.js', 'panel.css',
  'options.html', 'options.js', 'options.css', 'icons/16.png', 'icons/32.png', 'icons/48.png', 'icons/128.png',
];

for (const file of [...CORE.map((f) => `dist/${f}`), 'dist/marks.js']) {
  await stat(path(file)).catch(() => {
    throw new Error(`${file} is missing: build the package first (scripts/build-wasm.sh, or make extension)`);
  });
}

await rm(out, { recursive: true, force: true });
await rm(zip, { force: true });
await mkdir(out, { recursive: true });

const pkg = JSON.parse(await readFile(path('package.json'), 'utf8'));
const manifest = JSON.parse(await readFile(path('extension/manifest.json'), 'utf8'));
manifest.version = pkg.version;
await writeFile(`${out}manifest.json`, JSON.stringify(manifest, null, 2) + '\n');

for (const file of OWN) await cp(path(`extension/${file}`), `${out}${file}`);
for (const file of CORE) await cp(path(`dist/${file}`), `${out}ner/${file}`);
for (const file of UI) await cp(path(`www/${file}`), `${out}ui/${file}`);
for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) await cp(path(file), `${out}${file}`);

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: out,
    emptyOutDir: false,
    minify: false,
    target: 'es2022',
    lib: { entry: path('extension/content/main.js'), formats: ['iife'], name: 'nerHighlightContent', fileName: () => 'content.js' },
  },
});

// A zip with the files at its top level, as the stores want it.
execFileSync('zip', ['-q', '-r', '-X', zip, '.'], { cwd: out });
const size = (await stat(zip)).size;
console.log(`[build-extension] ${fileURLToPath(new URL('dist-extension/', root))} and dist-extension.zip (${(size / 1e6).toFixed(1)} MB)`);
