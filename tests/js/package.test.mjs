// The npm package as users get it: what `npm pack` ships, what the exports
// point at, that Node resolves it by name, and that the types cover the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, access } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));

test('npm pack ships exactly the package files, the readme and the licences', async () => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
  const [{ files }] = JSON.parse(stdout);
  assert.deepEqual(files.map((f) => f.path).sort(), [
    'LICENSE-APACHE',
    'LICENSE-MIT',
    'README.md',
    'dist/highlight.d.ts',
    'dist/highlight.js',
    'dist/index.d.ts',
    'dist/index.js',
    'dist/marks.d.ts',
    'dist/marks.js',
    'dist/ner-highlight.css',
    'dist/ner-highlight.d.ts',
    'dist/ner-highlight.js',
    'dist/ner_highlight.js',
    'dist/ner_highlight_bg.wasm',
    'dist/news-lg.nermodel',
    'dist/worker-thread.js',
    'dist/worker.d.ts',
    'dist/worker.js',
    'package.json',
  ]);
});

test('package.json: ESM, side-effect free, every export target exists', async () => {
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'import', 'default']);
  const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
  for (const target of targets) await access(new URL(target, root));
});

test('Node resolves the package by its name', async () => {
  const byName = await import('ner-highlight');
  const byPath = await import('../../dist/index.js');
  assert.equal(byName.extract, byPath.extract);
});

test('every export of every module is declared in its .d.ts', async () => {
  for (const name of ['index', 'worker', 'highlight', 'marks']) {
    const module = await import(new URL(`dist/${name}.js`, root));
    const types = await readFile(new URL(`dist/${name}.d.ts`, root), 'utf8');
    for (const exported of Object.keys(module)) {
      assert.match(types, new RegExp(`export (declare )?(function|class|const) ${exported}\\b`), `${name}.d.ts lacks ${exported}`);
    }
  }
});
