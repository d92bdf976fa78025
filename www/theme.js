// Dark mode: follows the system until the user picks, then remembers the pick.
const KEY = 'ner-highlight-theme';

/** Wires `button` (aria-pressed = dark) to the page's colour scheme. */
export function setUpTheme(button) {
  const saved = localStorage.getItem(KEY);
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  apply(button, dark);
  button.addEventListener('click', () => {
    const next = button.getAttribute('aria-pressed') !== 'true';
    apply(button, next);
    localStorage.setItem(KEY, next ? 'dark' : 'light');
  });
}

function apply(button, dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  button.setAttribute('aria-pressed', String(dark));
}
