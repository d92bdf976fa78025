// The legend: one toggle button per label found, with its count.

/**
 * Fills `list` with a button per [label, count]; `onToggle(label)` runs on a click.
 * Buttons say whether their label is shown with aria-pressed.
 */
export function renderLegend(list, counts, hidden, onToggle) {
  list.replaceChildren(
    ...counts.map(([label, count]) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.label = label;
      button.setAttribute('aria-pressed', String(!hidden.has(label)));
      button.title = `Show or hide ${label}`;
      // Read out as "PERSON, 3 mentions" (the badge and the count alone run together: "PERSON3").
      button.setAttribute('aria-label', `${label}, ${count} ${count === 1 ? 'mention' : 'mentions'}`);
      button.append(badge(label), counter(count));
      button.addEventListener('click', () => onToggle(label));
      const item = document.createElement('li');
      item.append(button);
      return item;
    }),
  );
}

/** A label's coloured badge. */
export function badge(label) {
  const span = document.createElement('span');
  span.className = 'badge';
  span.dataset.label = label;
  span.textContent = label;
  return span;
}

/** A count, in tabular figures. */
export function counter(count) {
  const span = document.createElement('span');
  span.className = 'count';
  span.textContent = String(count);
  return span;
}
