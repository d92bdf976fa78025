// What a browser downloads of the package, and the committed snapshot of it:
//   node scripts/sizes.mjs          prints the sizes of dist/'s files
//   node scripts/sizes.mjs --write  writes them to benches/sizes.json (`make sizes`)
// `make bench` reports these sizes; tests/js/sizes.test.mjs fails when a file
// grows well past the snapshot, so that growth is a decision, not an accident.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);

/** The files a page loads, relative to the repository root. */
export const DOWNLOADED = ['dist/ner_highlight_bg.wasm', 'dist/ner_highlight.js', 'dist/index.js'];

/** Where the snapshot is kept. */
export const SNAPSHOT = new URL('benches/sizes.json', root);

/**
 * Each downloaded file's size in bytes: raw, gzip -9 and (unless `brotli` is
 * false, as it is slow) brotli at quality 11.
 */
export function downloadSizes({ brotli = true } = {}) {
  const sizes = {};
  for (const file of DOWNLOADED) {
    const bytes = readFileSync(new URL(file, root));
    sizes[file] = { raw: bytes.length, gzip9: gzipSync(bytes, { level: 9 }).length };
    if (brotli) {
      sizes[file].brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = downloadSizes();
  if (process.argv.includes('--write')) {
    writeFileSync(SNAPSHOT, JSON.stringify(sizes, null, 2) + '\n');
    console.log(`Written: ${fileURLToPath(SNAPSHOT)}`);
  }
  for (const [file, s] of Object.entries(sizes)) {
    console.log(`${file}: ${s.raw} raw, ${s.gzip9} gzip -9, ${s.brotli} brotli`);
  }
}
