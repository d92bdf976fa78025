// The article as text nodes with a <mark> around each entity, as displaCy
// shows it: a colour per label and a badge naming the label. Text only ever
// reaches the page through text nodes, never as HTML.

/**
 * Replaces the children of `view` with `text`, marking `entities`.
 * @returns {HTMLElement[]} the marks, one per entity, in the entities' order
 */
export function renderText(view, text, entities, hidden) {
  const fragment = document.createDocumentFragment();
  const marks = [];
  let position = 0;
  entities.forEach((entity, index) => {
    fragment.append(text.slice(position, entity.start));
    const mark = markFor(entity, index, text.slice(entity.start, entity.end));
    mark.classList.toggle('off', hidden.has(entity.label));
    marks.push(mark);
    fragment.append(mark);
    position = entity.end;
  });
  fragment.append(text.slice(position));
  view.replaceChildren(fragment);
  return marks;
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
  mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  mark.focus({ preventScroll: true });
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}
