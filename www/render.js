// The article as text nodes with a <mark> around each entity, as displaCy
// shows it: a colour per label and a badge naming the label. Text only ever
// reaches the page through text nodes, never as HTML.

/** Entities rendered between two frames, so a long article never freezes the page. */
const SLICE = 2000;

/**
 * Replaces the children of `view` with `text`, marking `entities`. A long
 * list is built a slice at a time, one slice per frame, off the page, and put
 * on the page at once, in blocks cut at line breaks (or spaces) that the
 * browser lays out only when they scroll into view (`content-visibility`, see
 * style.css).
 * Stops early, giving back `null`, once `current()` turns false (a newer run
 * has started).
 * @returns {Promise<HTMLElement[] | null>} the marks, one per entity, in the entities' order
 */
export async function renderText(view, text, entities, hidden, current = () => true) {
  const marks = [];
  const fragment = document.createDocumentFragment();
  const long = entities.length > SLICE;
  let part = long ? newPart(fragment) : fragment;
  let inPart = 0;
  let position = 0;
  /**
   * Adds the text up to `end`; once the block is full, starts a new one after
   * a line break, or after a space if there is none (an article pasted as one
   * line would otherwise be one block, laid out all at once: seconds of a
   * frozen page for 2 MB).
   */
  const addText = (end) => {
    const gap = text.slice(position, end);
    let cut = -1;
    if (long && inPart >= SLICE) {
      cut = gap.lastIndexOf('\n');
      if (cut < 0) cut = gap.lastIndexOf(' ');
    }
    if (cut >= 0) {
      part.append(gap.slice(0, cut + 1));
      part = newPart(fragment);
      inPart = 0;
      part.append(gap.slice(cut + 1));
    } else {
      part.append(gap);
    }
  };
  for (let from = 0; from < entities.length; from += SLICE) {
    if (from > 0) {
      await nextFrame();
      if (!current()) return null;
    }
    for (const entity of entities.slice(from, from + SLICE)) {
      addText(entity.start);
      const mark = markFor(entity, marks.length, text.slice(entity.start, entity.end));
      mark.classList.toggle('off', hidden.has(entity.label));
      marks.push(mark);
      part.append(mark);
      inPart += 1;
      position = entity.end;
    }
  }
  addText(text.length);
  view.replaceChildren(fragment);
  return marks;
}

/** A block of a long text, added to `parent`. */
function newPart(parent) {
  const part = document.createElement('div');
  part.className = 'part';
  parent.append(part);
  return part;
}

/** Resolves at the next frame (or soon, in a tab that is not drawn). */
function nextFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function markFor(entity, index, covered) {
  const mark = document.createElement('mark');
  mark.className = 'ner';
  mark.dataset.label = entity.label;
  mark.dataset.index = String(index);
  // Shown on hover and on focus (see style.css), so keyboard users see it too.
  mark.dataset.info = `${entity.label} · score ${entity.score.toFixed(2)} · ${entity.source}`;
  mark.tabIndex = -1;
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('aria-hidden', 'true');
  badge.textContent = entity.label;
  mark.append(covered, badge);
  return mark;
}

/** Briefly flashes `mark` after scrolling it into view, and focuses it. */
export function flash(mark) {
  // A smooth scroll aims at where the mark is estimated to be; across blocks
  // not laid out yet (content-visibility) the estimate is far off, and the
  // scroll stopped tens of thousands of pixels short. Far away, jump.
  const near = Math.abs(mark.getBoundingClientRect().top) < 2 * innerHeight;
  const smooth = near && !matchMedia('(prefers-reduced-motion: reduce)').matches;
  mark.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  mark.focus({ preventScroll: true });
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}
