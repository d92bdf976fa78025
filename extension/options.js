// The options page: labels shown, minimum score, model, and the sites where
// the extension runs by itself. A site's host permission is asked for when the
// user adds it (a click is needed for Chrome to ask), never up front.
import { LABELS, MODELS, loadSettings, saveSettings, siteOrigin, sitePattern } from './settings.js';

const $ = (id) => document.getElementById(id);
const saved = $('saved');

/** Says the settings were saved (they are, on every change). */
function showSaved() {
  saved.textContent = 'Saved.';
  setTimeout(() => (saved.textContent = ''), 1500);
}

function renderLabels(shown) {
  $('labels').replaceChildren(
    ...LABELS.map((label) => {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = `label-${label}`;
      box.value = label;
      box.checked = shown.includes(label);
      box.addEventListener('change', async () => {
        const checked = [...document.querySelectorAll('#labels input:checked')].map((b) => b.value);
        await saveSettings({ labels: checked });
        showSaved();
      });
      const text = document.createElement('label');
      text.htmlFor = box.id;
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.dataset.label = label;
      badge.textContent = label;
      text.append(badge);
      const item = document.createElement('div');
      item.append(box, text);
      return item;
    }),
  );
}

function renderMinScore(minScore) {
  const input = $('min-score');
  const output = $('min-score-value');
  input.value = String(minScore);
  output.textContent = minScore.toFixed(2);
  input.addEventListener('input', () => (output.textContent = Number(input.value).toFixed(2)));
  input.addEventListener('change', async () => {
    await saveSettings({ minScore: Number(input.value) });
    showSaved();
  });
}

function renderModels(chosen) {
  $('models').replaceChildren(
    ...Object.entries(MODELS).map(([name, description]) => {
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'model';
      radio.id = `model-${name}`;
      radio.value = name;
      radio.checked = name === chosen;
      radio.addEventListener('change', async () => {
        await saveSettings({ model: name });
        showSaved();
      });
      const label = document.createElement('label');
      label.htmlFor = radio.id;
      label.textContent = description;
      const item = document.createElement('div');
      item.append(radio, label);
      return item;
    }),
  );
}

async function renderSites() {
  const { sites } = await loadSettings();
  // Settings sync between browsers; a permission does not: a site added elsewhere waits for one here.
  const allowed = await Promise.all(sites.map((site) => chrome.permissions.contains({ origins: [sitePattern(site)] })));
  $('sites').replaceChildren(
    ...sites.map((site, i) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = site;
      if (!allowed[i]) {
        const note = document.createElement('em');
        note.textContent = ' (not allowed in this browser yet: add it again to allow it)';
        name.append(note);
      }
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove ${site}`);
      remove.addEventListener('click', async () => {
        const { sites: now } = await loadSettings();
        await saveSettings({ sites: now.filter((s) => s !== site) });
        // The permission goes with the site (the background unregisters it).
        await chrome.permissions.remove({ origins: [sitePattern(site)] }).catch(() => {});
        await renderSites();
        showSaved();
      });
      item.append(name, ' ', remove);
      return item;
    }),
  );
}

$('add-site').addEventListener('submit', (event) => {
  event.preventDefault();
  const error = $('site-error');
  error.textContent = '';
  let origin;
  try {
    origin = siteOrigin($('site').value);
  } catch (e) {
    error.textContent = e.message;
    return;
  }
  // Asked for before anything else is awaited: Chrome shows its prompt only
  // while the click that asked for it is still being handled.
  chrome.permissions.request({ origins: [sitePattern(origin)] }).then(
    async (granted) => {
      if (!granted) {
        error.textContent = `Not added: permission to read ${origin} was not given.`;
        return;
      }
      const { sites } = await loadSettings();
      if (!sites.includes(origin)) await saveSettings({ sites: [...sites, origin] });
      $('site').value = '';
      await renderSites();
      showSaved();
    },
    (e) => (error.textContent = `Not added: ${e.message}`),
  );
});

const settings = await loadSettings();
renderLabels(settings.labels);
renderMinScore(settings.minScore);
renderModels(settings.model);
await renderSites();
