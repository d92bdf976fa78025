// What a browser downloads stays near the committed snapshot (benches/sizes.json):
// a file that grows past it by more than the allowance fails here, so that a
// bigger download is a decision (`make sizes`, then commit the snapshot), never
// an accident such as a second model or a debug build slipping into the wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOWNLOADED, SNAPSHOT, downloadSizes } from '../../scripts/sizes.mjs';

/** Growth allowed over the snapshot: 2% and a kilobyte (compilers drift a little). */
const allowed = (bytes) => Math.ceil(bytes * 1.02) + 1024;

test('the downloads are no bigger than the committed snapshot allows', () => {
  const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
  assert.deepEqual(Object.keys(snapshot).sort(), [...DOWNLOADED].sort(), 'benches/sizes.json lists the downloaded files');
  const now = downloadSizes({ brotli: false });
  for (const file of DOWNLOADED) {
    for (const kind of ['raw', 'gzip9']) {
      const before = snapshot[file][kind];
      const after = now[file][kind];
      assert.ok(
        after <= allowed(before),
        `${file} grew from ${before} to ${after} bytes (${kind}, +${(((after - before) / before) * 100).toFixed(1)}%): ` +
          'if that is meant, run `make sizes` and commit benches/sizes.json',
      );
    }
  }
});
