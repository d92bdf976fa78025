// Registered after content.js for the sites the user chose in the options:
// highlights the article as soon as the page has loaded.
globalThis.nerHighlightExtension?.highlight().catch((error) => console.warn(`ner-highlight: ${error.message}`));
