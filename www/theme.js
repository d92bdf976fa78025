// Dark mode: follows the system until the user picks, then remembers the pick
// (where the browser lets the page store it: with storage blocked, the pick
// lasts as long as the page).
const KEY = 'ner-highlight-theme';

/** Wires `button` (aria-pressed = dark) to the page's colour scheme. */
export function setUpTheme(button) {
  const saved = stored();
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  apply(button, dark);
  button.addEventListener('click', () => {
    const next = button.getAttribute('aria-pressed') !== 'true';
    apply(button, next);
    store(next ? 'dark' : 'light');
  });
}

/** The saved pick, if the browser lets the page read it. */
function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked ("block all cookies"): a SecurityError
  }
}

function store(value) {
  try {
    localStorage.setItem(KEY, value);
  } catch {
    // Storage blocked or full: the pick lasts as long as the page.
  }
}

function apply(button, dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  button.setAttribute('aria-pressed', String(dark));
}
