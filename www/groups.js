// Counting for the legend. The side list's groups come from the core as they
// are (`result.groups`: the mentions of one name, "Benjamin Netanyahu" with
// "Netanyahu" and "Netanyahu's", most mentioned first).

/** How many entities carry each label, most frequent first: [label, count] pairs. */
export function countLabels(entities) {
  const counts = new Map();
  for (const { label } of entities) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
