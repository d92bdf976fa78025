// How the extension finds a page's article (extension/content/article.js),
// on the layouts news sites use: each case's page is read as the extension
// reads it (findArticle, then marks.js's readText with its `exclude`), and
// the text must hold the story and none of the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useSiteAndBrowser } from './chromium.mjs';

const running = useSiteAndBrowser();

/** A sentence of running text (over the 40 characters a paragraph needs). */
const story = (n) => `Story sentence ${n}: the council voted on the new light-rail plan after a long session.`;

/** The text the extension would highlight in a page whose body is `html`, and the root's tag. */
async function articleText(html) {
  const page = await open(running.browser.context, `${running.site.url}tests/browser/fixtures/highlight.html`);
  const result = await page.evaluate(async (body) => {
    const { findArticle } = await import('/extension/content/article.js');
    const { readText } = await import('/dist/marks.js');
    document.body.innerHTML = body;
    const { root, exclude } = findArticle(document);
    return { text: readText(root, { exclude }).text, root: root.localName };
  }, html);
  assert.deepEqual(page.errors, []);
  await page.close();
  return result;
}

function assertStoryOnly({ text }, others) {
  for (let n = 1; n <= 3; n++) assert.ok(text.includes(story(n)), `story ${n} missing from: ${text}`);
  for (const other of others) assert.ok(!text.includes(other), `"${other}" in: ${text}`);
}

test('WordPress: an <article> whose classes name its category ("category-cookies", "tag-social") is still the article', async () => {
  const found = await articleText(`
    <div class="site has-sidebar">
      <article class="post type-post category-cookies tag-social">
        <h1>Headline</h1><div class="entry-content"><p>${story(1)}</p><p>${story(2)}</p><p>${story(3)}</p></div>
      </article>
      <aside class="widget"><p>Popular this week: the best recipes for chocolate chip cookies in Paris.</p></aside>
    </div>`);
  assert.equal(found.root, 'article');
  assertStoryOnly(found, ['Popular this week']);
});

test('ASP.NET: a <form> around the whole page is not taken for a form in the page', async () => {
  const found = await articleText(`
    <form id="aspnetForm">
      <nav><a href="#">Home</a> <a href="#">Sections with Goldman Sachs</a></nav>
      <div class="content"><p>${story(1)}</p><p>${story(2)}</p><p>${story(3)}</p></div>
      <div class="comments"><p>John Smith wrote: I lived in Berlin for ten years and loved the trams.</p></div>
    </form>`);
  assertStoryOnly(found, ['Goldman Sachs', 'John Smith']);
});

test('paragraphs that are <div>s (no <p>) are the article, not a teaser that has a <p>', async () => {
  const found = await articleText(`
    <div class="story">
      <h1>Headline</h1>
      <div data-testid="paragraph-0">${story(1)}</div><div data-testid="paragraph-1">${story(2)}</div>
      <div data-testid="paragraph-2">${story(3)}</div>
    </div>
    <div class="more-stories"><p>Elsewhere: Tokyo opens its newest subway line to great fanfare.</p></div>`);
  assertStoryOnly(found, ['Tokyo opens']);
});

test('comments as <article>s inside the article (as HTML recommends) are left out', async () => {
  const found = await articleText(`
    <main><article>
      <h1>Headline</h1><p>${story(1)}</p><p>${story(2)}</p><p>${story(3)}</p>
      <section><h2>Reader responses</h2>
        <article><p>John Smith wrote: I lived in Berlin for ten years and loved the trams there.</p></article>
      </section>
    </article></main>`);
  assert.equal(found.root, 'article');
  assertStoryOnly(found, ['John Smith']);
});

test('a page with no running text is read whole, less its navigation', async () => {
  const found = await articleText('<nav><a href="#">London Live</a></nav><div>Angela Merkel visited Paris.</div>');
  assert.equal(found.root, 'body');
  assert.ok(found.text.includes('Angela Merkel visited Paris.'));
  assert.ok(!found.text.includes('London Live'));
});

test('a live blog (an <article> of post <article>s) and an articleBody written as an <article> are the story', async () => {
  const live = await articleText(`
    <main><article><h1>Live: the council votes</h1>
      <article><p>${story(1)}</p></article><article><p>${story(2)}</p></article><article><p>${story(3)}</p></article>
    </article></main>`);
  assertStoryOnly(live, []);
  const body = await articleText(`
    <article><header><h1>Headline</h1></header>
      <article itemprop="articleBody"><p>${story(1)}</p><p>${story(2)}</p><p>${story(3)}</p></article>
    </article>`);
  assertStoryOnly(body, []);
});

test('lists of headline links and a consent banner beside the story do not widen the article to the page', async () => {
  const links = Array.from({ length: 10 }, (_, i) => `<li><a href="#">Most read ${i}: Tokyo opens its newest subway line to fanfare</a></li>`).join('');
  const found = await articleText(`
    <main>
      <article><h1>Headline</h1>${Array.from({ length: 3 }, (_, i) => `<p>${story(i + 1)}</p>`).join('')}</article>
      <div class="most-read"><ul>${links}</ul></div>
    </main>
    <div class="consent">We and our 742 partners store and access information on your device, such as cookies, to show you adverts. Accept all to continue.</div>`);
  assert.equal(found.root, 'article');
  assertStoryOnly(found, ['Most read', '742 partners']);
});

test('comments, asides, footers and hidden parts stay out even when they hold more text than the story', async () => {
  const long = (what) => Array.from({ length: 6 }, (_, i) => `<li>${what} ${i}: I lived in Berlin for ten years and took the tram every single day.</li>`).join('');
  const found = await articleText(`
    <main>
      <article><h1>Headline</h1><p>${story(1)}</p><p>${story(2)}</p><p>${story(3)}</p></article>
      <section id="comments"><ul>${long('Comment')}</ul></section>
      <aside><ul>${long('Aside')}</ul></aside>
      <div hidden><ul>${long('Transcript')}</ul></div>
    </main>
    <footer><p>${long('Footer')}</p></footer>`);
  assertStoryOnly(found, ['Comment 0', 'Aside 0', 'Transcript 0', 'Footer 0']);
});
