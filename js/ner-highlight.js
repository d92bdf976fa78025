// The embeddable script: highlights the entities of a page's articles in place.
//
//   <script src="https://…/ner-highlight/dist/ner-highlight.js"
//           data-target="article" data-labels="PERSON,ORG,GPE"></script>
//
// data-target: CSS selector of the elements to highlight (default "article");
// data-labels: comma-separated labels (default: all); data-min-score: 0 to 1;
// data-style="none" leaves out the default colours (ner-highlight.css).
// It also defines `window.nerHighlight` with `ready` (a promise of the
// entities found), `highlight(selector?, options?)` and `clear(selector?)`.
// A classic script (not a module) so `document.currentScript` can name its
// data attributes and the files next to it; it loads those as modules.
(function () {
  'use strict';
  const script = document.currentScript;
  if (!script?.src) {
    // As a module, or inline, it cannot know where its files are.
    console.error('ner-highlight: load ner-highlight.js with a classic <script src="...">, not as a module or inline');
    return;
  }
  const base = script.src;
  const data = script.dataset;
  const defaults = {
    target: data.target || 'article',
    options: {
      ...(data.labels ? { labels: data.labels.split(',').map((l) => l.trim()).filter(Boolean) } : {}),
      ...(data.minScore ? { minScore: Number(data.minScore) } : {}),
    },
  };

  // Everything the first pass needs is asked for at once: the modules (the
  // wasm glue too, which index.js would otherwise fetch only once it has
  // arrived) and the wasm itself, which init() would fetch after them.
  const modules = Promise.all([
    import(new URL('./index.js', base)),
    import(new URL('./highlight.js', base)),
    import(new URL('./marks.js', base)),
    import(new URL('./ner_highlight.js', base)),
  ]);
  let wasm = fetch(new URL('./ner_highlight_bg.wasm', base));
  wasm.catch(() => {}); // a failed fetch is reported by init(), below

  if (data.style !== 'none') {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./ner-highlight.css', base).href;
    document.head.append(link);
  }

  const domReady = new Promise((resolve) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve, { once: true });
    else resolve();
  });

  /** Highlights every element matching `selector`; resolves to the entities found. */
  async function highlight(selector = defaults.target, options = defaults.options) {
    const [ner, { highlight: highlightIn }] = await modules;
    // The response fetched above serves the first init() only: a body is
    // read once, and a retry after a failure fetches again.
    const source = wasm;
    wasm = undefined;
    await ner.init(source);
    return targets(selector).flatMap((root) => highlightIn(root, options));
  }

  /** The elements matching `selector`, less those inside another one (highlighted with it). */
  function targets(selector) {
    const all = [...document.querySelectorAll(selector)];
    return all.filter((element) => !all.some((other) => other !== element && other.contains(element)));
  }

  /** Removes the highlights from every element matching `selector`. */
  async function clear(selector = defaults.target) {
    const [, { clearHighlights }] = await modules;
    for (const root of document.querySelectorAll(selector)) clearHighlights(root);
  }

  const ready = domReady.then(() => highlight());
  ready.catch((error) => console.error(`ner-highlight: ${error.message}`));
  window.nerHighlight = { ready, highlight, clear };
})();
