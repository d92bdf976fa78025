// Groups the mentions of one entity for the side list. The core does not
// group yet: until extract returns a `groups` field, identical text with the
// same label is one group. When it does, `result.groups` is used as it comes.

/**
 * @typedef {{ label: string, text: string, mentions: number[] }} Group
 *   `mentions` are indices into `result.entities`.
 */

/**
 * The groups of `result`, most mentioned first.
 * @param {{ entities: { text: string, label: string }[], groups?: Group[] }} result
 * @returns {Group[]}
 */
export function groupEntities(result) {
  const groups = result.groups ?? groupByTextAndLabel(result.entities);
  return [...groups].sort(
    (a, b) => b.mentions.length - a.mentions.length || a.label.localeCompare(b.label) || a.text.localeCompare(b.text),
  );
}

function groupByTextAndLabel(entities) {
  const byKey = new Map();
  entities.forEach(({ text, label }, index) => {
    const key = `${label}\u0000${text}`;
    if (!byKey.has(key)) byKey.set(key, { label, text, mentions: [] });
    byKey.get(key).mentions.push(index);
  });
  return [...byKey.values()];
}

/** How many entities carry each label, most frequent first: [label, count] pairs. */
export function countLabels(entities) {
  const counts = new Map();
  for (const { label } of entities) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
