// The extension's settings, kept in chrome.storage.sync (the options page
// writes them; the background and the panel read them).

/** Every label the models assign (OntoNotes), in the order the options page lists them. */
export const LABELS = [
  'PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LAW', 'LANGUAGE',
  'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'ORDINAL', 'CARDINAL',
];

/** The models one can choose: the built-in one, and the neural one shipped beside it. */
export const MODELS = {
  news: 'news: fast, built in (2 MB)',
  'news-lg': 'news-lg: about 1 F1 better, slower (10 MB, loaded when first used)',
};

/** The settings before the user changes any. */
export const DEFAULTS = Object.freeze({
  /** Labels shown: all. */
  labels: LABELS,
  /** Entities scoring below this are not shown (0 to 1). */
  minScore: 0,
  /** One of MODELS' keys. */
  model: 'news',
  /** Origins ("https://www.example.com") where the article is highlighted as soon as it loads. */
  sites: [],
});

/** The settings as stored, with the defaults for what is not, and values out of range put right. */
export async function loadSettings() {
  const stored = await chrome.storage.sync.get(DEFAULTS);
  return {
    labels: Array.isArray(stored.labels) ? stored.labels.filter((l) => LABELS.includes(l)) : DEFAULTS.labels,
    minScore: Number.isFinite(stored.minScore) ? Math.min(Math.max(stored.minScore, 0), 1) : 0,
    model: Object.hasOwn(MODELS, stored.model) ? stored.model : DEFAULTS.model,
    sites: Array.isArray(stored.sites) ? stored.sites.filter((s) => typeof s === 'string') : [],
  };
}

/** Saves some of the settings. */
export function saveSettings(changes) {
  return chrome.storage.sync.set(changes);
}

/** The host permission pattern of a site's origin ("https://www.example.com" -> "https://www.example.com/*"). */
export function sitePattern(origin) {
  return `${origin}/*`;
}

/**
 * The origin of what a user typed as a site ("example.com", "https://example.com/news/x"),
 * or throws an Error saying why it is not one.
 */
export function siteOrigin(typed) {
  const text = String(typed).trim();
  if (text === '') throw new Error('Type a site, such as www.example.com');
  let url;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new Error(`"${text}" is not a web address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Only http and https sites can be added');
  if (url.hostname === '') throw new Error(`"${text}" has no host name`);
  return url.origin;
}
