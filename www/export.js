// Exports of a highlighted article: displaCy's "manual" JSON format and CSV.

/**
 * The article in displaCy's manual format: `{ text, ents: [{ start, end, label }] }`
 * (offsets in UTF-16 code units, as JavaScript strings count them).
 */
export function toDisplacy(text, entities) {
  return { text, ents: entities.map(({ start, end, label }) => ({ start, end, label })) };
}

const CSV_COLUMNS = ['start', 'end', 'label', 'text', 'score', 'source'];

/**
 * One CSV row per entity (RFC 4180: CRLF line ends, fields quoted when they
 * need it). A text that a spreadsheet would run as a formula (one starting
 * with =, +, -, @, a tab or a carriage return: "+1 555" is an entity, and an
 * article may hold worse) gets a leading apostrophe, which spreadsheets read
 * as "this is text" and do not show.
 */
export function toCsv(entities) {
  const cell = (e, column) => (column === 'text' ? notAFormula(e.text) : e[column]);
  const rows = [CSV_COLUMNS, ...entities.map((e) => CSV_COLUMNS.map((column) => cell(e, column)))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function notAFormula(text) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value) {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Offers `content` to the user as a file download. */
export function download(filename, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
