// The side list: one button per entity group (the core's `groups`) with its
// mention count; each click scrolls to the group's next mention and flashes
// it. Beside it, a link that searches Wikipedia for the name.
import { badge, counter } from './legend.js';

/**
 * Fills `list` with the groups; `onPick(group, n)` runs with the n-th click on a group.
 * @param {import('./pkg/index.js').Group[]} groups
 */
export function renderEntityList(list, groups, onPick) {
  list.replaceChildren(
    ...groups.map((group) => {
      let clicks = 0;
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.label = group.label;
      const noun = group.mentions.length === 1 ? 'mention' : 'mentions';
      button.title = `${group.label}, ${group.mentions.length} ${noun}: show the next one`;
      button.setAttribute('aria-label', `${group.name}, ${group.label}, ${group.mentions.length} ${noun}: show the next one`);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = group.name;
      button.append(name, badge(group.label), counter(group.mentions.length));
      button.addEventListener('click', () => onPick(group, clicks++));
      const wikipedia = document.createElement('a');
      wikipedia.className = 'wikipedia';
      wikipedia.href = group.wikipedia;
      wikipedia.target = '_blank';
      wikipedia.rel = 'noopener noreferrer';
      wikipedia.textContent = 'W';
      wikipedia.title = `Search Wikipedia for ${group.name}`;
      wikipedia.setAttribute('aria-label', wikipedia.title); // read out as more than the letter W
      const item = document.createElement('li');
      item.dataset.label = group.label;
      item.append(button, wikipedia);
      return item;
    }),
  );
}
