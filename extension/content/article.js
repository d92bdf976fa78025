// Finds a page's main article, the way a reader would: an <article>, <main> or
// articleBody that holds most of the page's running text, or else the block
// holding most of it; and says which elements inside it are not article text
// (navigation, menus, share bars, ads, comments, hidden parts).

/** Elements that are not article text, unless they hold most of the page's running text. */
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
  'consent', 'cookie', 'cookies', 'disqus', 'footer', 'menu', 'nav', 'navbar', 'navigation', 'newsletter', 'outbrain', 'popup',
  'promo', 'related', 'recommended', 'share', 'sharing', 'sidebar', 'social', 'sponsor', 'sponsored', 'subscribe',
  'taboola', 'teaser', 'toolbar',
];
const NOT_ARTICLE_NAME = new RegExp(`^(${NOT_ARTICLE_WORDS.join('|')})([-_].*)?$|[-_](${NOT_ARTICLE_WORDS.join('|')})$`, 'i');

/**
 * Class names that describe the article rather than name a part of the page:
 * WordPress's "category-comment" and "tag-social", "has-sidebar", "no-ads".
 */
const DESCRIBING_NAME = /^(category|tag|has|no|with|without|is|format|type)[-_]/i;

/** Blocks of fewer characters than this are not counted as running text (captions, bylines, buttons). */
const MIN_PARAGRAPH = 40;

/** Blocks whose own text (with their inline elements) can be a paragraph: `<p>`, and the `<div>`s some sites use instead. */
const PARAGRAPH_TAGS = 'p, div, section, li, blockquote, dd, td';

/** Elements inside a block that are part of its own text (links are not counted: see `ownTextLength`). */
const INLINE = new Set([
  'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'small',
  'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'br', 'font',
]);

/** An element that holds this share of the running text is taken as the article. */
const ARTICLE_SHARE = 0.8;

/** A part named as not article text is left out only if it holds less than this share of the running text. */
const PART_SHARE = 0.5;

/**
 * Whether `element` is named as a part of a page that is not article text: by
 * its tag, its role, `hidden`/`aria-hidden`, or a class or id naming such a part.
 * @param {Element} element
 */
export function namedNotArticle(element) {
  if (NOT_ARTICLE_TAGS.has(element.localName)) return true;
  const role = element.getAttribute('role');
  if (role && NOT_ARTICLE_ROLES.has(role.trim().toLowerCase())) return true;
  if (element.hidden || element.getAttribute('aria-hidden') === 'true') return true;
  if (element.id && notArticleName(element.id)) return true;
  for (const name of element.classList) if (notArticleName(name)) return true;
  return false;
}

function notArticleName(name) {
  return !DESCRIBING_NAME.test(name) && NOT_ARTICLE_NAME.test(name);
}

/**
 * The main article of `document`: `root` is the element to highlight, and
 * `exclude(element)` tells which elements under it to leave alone: parts
 * named as not article text that hold less than half the running text, and,
 * in an <article>, the <article>s inside it (comments, as HTML recommends).
 * @param {Document} document
 * @returns {{ root: Element, exclude: (element: Element) => boolean }}
 */
export function findArticle(document) {
  const body = document.body ?? document.documentElement;
  const paragraphs = paragraphsOf(body);
  // Where the story is, with every part named as not article text left out
  // (or, where that leaves nothing, as ASP.NET's page-wide <form> would, with none).
  const strict = creditOf(paragraphs, body, namedNotArticle);
  const anchor = densestHolder(strict) ?? densestHolder(creditOf(paragraphs, body, () => false));
  // A named part is left out unless the story is inside it.
  const isPart = (element) => namedNotArticle(element) && !(anchor && element.contains(anchor));
  const credit = creditOf(paragraphs, body, isPart);
  const total = credit.get(body) ?? 0;
  const root = total > 0 ? (semanticArticle(document, credit, total, anchor) ?? densestBlock(body, credit, total)) : body;
  const nested = nestedArticlesToLeaveOut(root, credit);
  const exclude = (element) => element !== root && (isPart(element) || nested.has(element));
  return { root, exclude };
}

/**
 * The <article>s inside an article root, when together they hold less than
 * half its running text: comments, as HTML recommends marking them up. More
 * than that (a live blog's posts, an articleBody written as an <article>) and
 * they are the story.
 */
function nestedArticlesToLeaveOut(root, credit) {
  if (root.closest('article') === null) return new Set();
  // The outermost ones: those not inside another <article> within the root.
  const outermost = (article) => {
    const above = article.parentElement?.closest('article');
    return !above || above === root || !root.contains(above);
  };
  const nested = [...root.querySelectorAll('article')].filter(outermost);
  const held = nested.reduce((sum, a) => sum + (credit.get(a) ?? 0), 0);
  return held < PART_SHARE * (credit.get(root) ?? 0) ? new Set(nested) : new Set();
}

/** The paragraphs of running text under `body`, each with its length. */
function paragraphsOf(body) {
  const found = [];
  for (const element of body.querySelectorAll(PARAGRAPH_TAGS)) {
    const length = element.localName === 'p' ? element.textContent.trim().length : ownTextLength(element);
    if (length >= MIN_PARAGRAPH) found.push({ element, length });
  }
  return found;
}

/**
 * The length of the prose an element holds itself: its text nodes and inline
 * elements, not its blocks and not its links (a list of headlines is not
 * running text); 0 unless it ends a sentence somewhere.
 */
function ownTextLength(element) {
  let text = '';
  for (const child of element.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += child.data;
    else if (child.nodeType === Node.ELEMENT_NODE && INLINE.has(child.localName)) text += child.textContent;
  }
  return SENTENCE_END.test(text) ? text.trim().length : 0;
}

/** A sentence's end: . ! or ? before a space, a closing quote or bracket, or the end. */
const SENTENCE_END = /[.!?]["'”’)\]]*(\s|$)/;

/**
 * How much running text each element holds: the length of the paragraphs
 * under it, less those inside a part `isPart` accepts. `direct` counts only
 * the paragraphs that are its children (or itself, for a block with text of its own).
 */
function creditOf(paragraphs, body, isPart) {
  const credit = new Map();
  const direct = new Map();
  for (const { element, length } of paragraphs) {
    if (insidePart(element, body, isPart)) continue;
    const holder = element.localName === 'p' ? element.parentElement ?? element : element;
    direct.set(holder, (direct.get(holder) ?? 0) + length);
    for (let el = element; el; el = el.parentElement) {
      credit.set(el, (credit.get(el) ?? 0) + length);
      if (el === body) break;
    }
  }
  credit.direct = direct;
  return credit;
}

/** Whether `element` or an ancestor below `body` is a part `isPart` accepts. */
function insidePart(element, body, isPart) {
  for (let el = element; el && el !== body; el = el.parentElement) {
    if (isPart(el)) return true;
  }
  return false;
}

/**
 * The innermost articleBody, <article>, [role=main] or <main> around the
 * story (`anchor`, its densest block) that holds at least half the running
 * text, or, with no such one, the innermost holding most of it.
 */
function semanticArticle(document, credit, total, anchor) {
  const candidates = [...document.querySelectorAll('[itemprop~="articleBody"], article, [role="main"], main')];
  const innermost = (accept) => {
    let best = null;
    for (const candidate of candidates) {
      // The innermost: an <article> inside <main> is the better guess.
      if (accept(candidate) && (best === null || best.contains(candidate))) best = candidate;
    }
    return best;
  };
  const held = (candidate) => credit.get(candidate) ?? 0;
  let best =
    innermost((c) => anchor !== null && c.contains(anchor) && held(c) >= PART_SHARE * total) ??
    innermost((c) => held(c) >= ARTICLE_SHARE * total);
  // An articleBody holds only the body: the <article> around it has the headline too.
  if (best?.matches('[itemprop~="articleBody"]')) {
    const article = best.parentElement?.closest('article');
    if (article && held(article) === held(best)) best = article;
  }
  return best;
}

/**
 * The block with the most running text in paragraphs of its own, widened to
 * the ancestor that holds most of the page's running text (an article split
 * into several blocks).
 */
function densestBlock(body, credit, total) {
  let best = densestHolder(credit) ?? body;
  while (best !== body && (credit.get(best) ?? 0) < ARTICLE_SHARE * total) best = best.parentElement;
  return best;
}

/** The element with the most running text in paragraphs of its own (see `creditOf`), if any. */
function densestHolder(credit) {
  let best = null;
  let bestOwn = 0;
  for (const [element, own] of credit.direct) {
    if (own > bestOwn) {
      best = element;
      bestOwn = own;
    }
  }
  return best;
}
