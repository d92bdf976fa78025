/**
 * The DOM half of `highlight`, without the model: for code that runs
 * `extract` elsewhere (a worker, an extension's background) and marks the
 * entities it found in the page.
 *
 *   const read = readText(article, { exclude: '.comments' });
 *   const { entities } = await worker.extract(read.text, { offsets: 'utf16' });
 *   markEntities(read, entities);
 */

/** One text node of what `readText` read, and where its text starts in `text`. */
export interface TextPiece {
  node: Text;
  start: number;
  /** The node's text when it was read. */
  data: string;
}

/** What `readText` read under an element. */
export interface ReadText {
  root: Element;
  /** The text nodes' text joined, with "\n\n" between blocks. */
  text: string;
  pieces: TextPiece[];
}

/** An entity to mark: UTF-16 offsets into `ReadText.text`. */
export interface MarkableEntity {
  start: number;
  end: number;
  label: string;
  score: number;
  source: string;
}

/**
 * Reads the text under `root` for highlighting (earlier highlights there are
 * removed first). Text in `<script>`, `<style>`, `<textarea>`, `<pre>`,
 * `<code>` and the like is left out, and so is every element `exclude`
 * accepts, with its contents. Throws a TypeError if `root` is not an element.
 */
export function readText(root: Element, options?: { exclude?: string | ((element: Element) => boolean) }): ReadText;

/**
 * Wraps each entity in `<mark data-ner="INDEX" data-label="LABEL">` elements,
 * one per text node it covers; text nodes changed since `readText` are left
 * alone. Each mark's `title` is `options.title(entity)`, by default its label,
 * score and source. Returns how many marks were added.
 */
export function markEntities(
  read: ReadText,
  entities: readonly MarkableEntity[],
  options?: { title?: (entity: MarkableEntity) => string },
): number;

/** Removes the marks added under `root`, joining the text nodes they split (and no others) again. */
export function clearHighlights(root: Element): void;

/** The marks added under `root`, in document order (to clear them a slice at a time with `clearMarks`). */
export function marksUnder(root: Element): Element[];

/**
 * Removes the given marks (in document order; one slice of `marksUnder` after
 * another), joining the text nodes they split. Marks no longer in the page are skipped.
 */
export function clearMarks(marks: Iterable<Element>): void;

/** Throws a TypeError naming `what` unless `root` is an element. */
export function assertElement(root: unknown, what: string): asserts root is Element;
