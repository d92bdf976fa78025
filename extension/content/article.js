// Finds a page's main article, the way a reader would: an <article>, <main> or
// articleBody that holds most of the page's running text, or else the block
// holding most of it; and says which elements inside it are not article text
// (navigation, menus, share bars, ads, comments, hidden parts).

/** Elements that are never article text, whatever they hold. */
const NOT_ARTICLE_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'menu', 'dialog', 'button', 'iframe', 'select']);

/** ARIA roles of the same kind. */
const NOT_ARTICLE_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'menu', 'menubar', 'search', 'dialog', 'alertdialog', 'toolbar',
]);

/**
 * Words that name a part of a page that is not the article when a class or id
 * starts or ends with them ("comments", "comment-list", "site-nav", "ad", "ad-slot").
 */
const NOT_ARTICLE_WORDS = [
  'ad', 'ads', 'adslot', 'advert', 'advertisement', 'banner', 'breadcrumb', 'breadcrumbs', 'comment', 'comments',
  'cookie', 'cookies', 'disqus', 'footer', 'menu', 'nav', 'navbar', 'navigation', 'newsletter', 'outbrain', 'popup',
  'promo', 'related', 'recommended', 'share', 'sharing', 'sidebar', 'social', 'sponsor', 'sponsored', 'subscribe',
  'taboola', 'teaser', 'toolbar',
];
const NOT_ARTICLE_NAME = new RegExp(`^(${NOT_ARTICLE_WORDS.join('|')})([-_].*)?$|[-_](${NOT_ARTICLE_WORDS.join('|')})$`, 'i');

/** Paragraphs shorter than this (in characters) are not counted as running text (captions, bylines, buttons). */
const MIN_PARAGRAPH = 40;

/** An element that holds this share of the running text is taken as the article. */
const ARTICLE_SHARE = 0.8;

/**
 * Whether `element` is a part of a page that is not article text: by its tag,
 * its role, `hidden`/`aria-hidden`, or a class or id naming such a part.
 * @param {Element} element
 */
export function isNotArticle(element) {
  if (NOT_ARTICLE_TAGS.has(element.localName)) return true;
  const role = element.getAttribute('role');
  if (role && NOT_ARTICLE_ROLES.has(role.trim().toLowerCase())) return true;
  if (element.hidden || element.getAttribute('aria-hidden') === 'true') return true;
  if (element.id && NOT_ARTICLE_NAME.test(element.id)) return true;
  for (const name of element.classList) if (NOT_ARTICLE_NAME.test(name)) return true;
  return false;
}

/**
 * The main article of `document`: `root` is the element to highlight, and
 * `exclude(element)` tells which elements under it to leave alone.
 * @param {Document} document
 * @returns {{ root: Element, exclude: (element: Element) => boolean }}
 */
export function findArticle(document) {
  const body = document.body ?? document.documentElement;
  const credit = runningText(body);
  const total = credit.get(body) ?? 0;
  const exclude = (element) => element !== root && isNotArticle(element);
  let root = body;
  if (total > 0) root = semanticArticle(document, credit, total) ?? densestBlock(body, credit, total);
  return { root, exclude };
}

/**
 * How much running text each element holds: the length of the paragraphs
 * under it that are not inside a part that is not article text.
 */
function runningText(body) {
  const credit = new Map();
  for (const paragraph of body.querySelectorAll('p')) {
    const length = paragraph.textContent.trim().length;
    if (length < MIN_PARAGRAPH || insideNotArticle(paragraph, body)) continue;
    for (let el = paragraph; el; el = el.parentElement) {
      credit.set(el, (credit.get(el) ?? 0) + length);
      if (el === body) break;
    }
  }
  return credit;
}

/** Whether `element` or an ancestor below `body` is not article text. */
function insideNotArticle(element, body) {
  for (let el = element; el && el !== body; el = el.parentElement) {
    if (isNotArticle(el)) return true;
  }
  return false;
}

/**
 * The innermost articleBody, <article>, [role=main] or <main> holding most of
 * the running text, if there is one.
 */
function semanticArticle(document, credit, total) {
  const candidates = document.querySelectorAll('[itemprop~="articleBody"], article, [role="main"], main');
  let best = null;
  for (const candidate of candidates) {
    const held = credit.get(candidate) ?? 0;
    if (held < ARTICLE_SHARE * total) continue;
    // The innermost: an <article> inside <main> is the better guess.
    if (best === null || best.contains(candidate)) best = candidate;
  }
  // An articleBody holds only the body: the <article> around it has the headline too.
  if (best?.matches('[itemprop~="articleBody"]')) {
    const article = best.parentElement?.closest('article');
    if (article && (credit.get(article) ?? 0) === (credit.get(best) ?? 0)) best = article;
  }
  return best;
}

/**
 * The block with the most running text in paragraphs of its own, widened to
 * the ancestor that holds most of the page's running text (an article split
 * into several blocks).
 */
function densestBlock(body, credit, total) {
  let best = body;
  let bestOwn = 0;
  for (const [element] of credit) {
    if (element.localName === 'p') continue;
    let own = 0;
    for (const child of element.children) if (child.localName === 'p') own += credit.get(child) ?? 0;
    if (own > bestOwn) {
      best = element;
      bestOwn = own;
    }
  }
  while (best !== body && (credit.get(best) ?? 0) < ARTICLE_SHARE * total) best = best.parentElement;
  return best;
}
