// The package from a plain <script type="module"> and in a Web Worker,
// straight from dist/ with no bundler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useSiteAndBrowser } from './chromium.mjs';

const running = useSiteAndBrowser();

test('a module script and a worker find the same entities; a bad model is a clear error; a stopped or broken worker rejects its calls; an aborted call is dropped or rejected; the worker edge cases', async () => {
  const page = await open(running.browser.context, `${running.site.url}tests/browser/fixtures/module.html`);
  await page.waitForFunction(() => window.results);
  const { text, main, worker, badModel, after: afterError, terminated, broken, edge } = await page.evaluate(() => window.results);
  assert.deepEqual(
    main.entities.map((e) => [text.slice(e.start, e.end), e.label]),
    [['Angela Merkel', 'PERSON'], ['Paris', 'GPE'], ['Tuesday', 'DATE'], ['$4.5 billion', 'MONEY']],
  );
  assert.deepEqual(worker, main);
  assert.match(badModel, /invalid model file: not a model file/);
  assert.deepEqual(afterError, main);
  assert.deepEqual(terminated, Array(3).fill('ner-highlight worker terminated'));
  assert.deepEqual(edge, {
    beforeInit: 'PER LOC DATE MONEY',
    initialised: 'resolved',
    progressThrows: 'onProgress threw: boom',
    unsendable: 'DataCloneError',
    resent: 'PER LOC DATE MONEY',
    badTwice: Array(2).fill('invalid model file: not a model file (bad magic bytes)'),
    abort: {
      first: 'PERSON GPE DATE MONEY',
      dropped: 'AbortError: signal is aborted without reason',
      last: 'PERSON GPE DATE MONEY',
      droppedRan: false,
      underWay: 'Error: changed my mind',
      next: 'PERSON GPE DATE MONEY',
      underWayProgress: false,
      already: 'AbortError: signal is aborted without reason',
      notASignal: 'TypeError: ner-highlight: signal must be an AbortSignal',
      undefinedSignal: 'PERSON GPE DATE MONEY',
      modelAfterDropped: ['AbortError: signal is aborted without reason', 'PER LOC DATE MONEY'],
    },
  });
  assert.deepEqual(broken, Array(2).fill('ner-highlight worker failed: could not start'));
  assert.deepEqual(page.errors, []);
});
