// Registered after content.js for the sites the user chose in the options:
// highlights the article as soon as the page has loaded.
const handle = globalThis[Symbol.for('ner-highlight.extension')];
if (typeof handle?.highlight === 'function') {
  handle.highlight().catch((error) => console.warn(`ner-highlight: ${error.message}`));
}
