/** An entity type: the 18 OntoNotes labels of the `news` model and the CoNLL-2003 ones. */
export type Label =
  | 'PERSON' | 'NORP' | 'FAC' | 'ORG' | 'GPE' | 'LOC' | 'PRODUCT' | 'EVENT' | 'WORK_OF_ART'
  | 'LAW' | 'LANGUAGE' | 'DATE' | 'TIME' | 'PERCENT' | 'MONEY' | 'QUANTITY' | 'ORDINAL'
  | 'CARDINAL' | 'PER' | 'MISC';

/** What found an entity: the statistical model or a rule recogniser. */
export type Source = 'model' | 'rule' | 'terms';

/** A labelled span of the input text. */
export interface Entity {
  /** Offset of the first character, in the unit of `options.offsets` (UTF-16 by default). */
  start: number;
  /** Offset one past the last character. */
  end: number;
  /** The entity type. */
  label: Label;
  /** The covered text: `text.slice(start, end)` with UTF-16 offsets. */
  text: string;
  /** Confidence, 0 to 1. */
  score: number;
  /** What found it: the model, a rule recogniser, or the `terms` option. */
  source: Source;
  /** The id of its group in `Extraction.groups`. */
  group: number;
}

/** The mentions of one name in the text ("Benjamin Netanyahu", "Netanyahu", "Netanyahu's"). */
export interface Group {
  /** Its index in `Extraction.groups`. */
  id: number;
  /** The fullest mention, without a possessive or a leading "the". */
  name: string;
  /** The label of the name. */
  label: Label;
  /** The number of mentions. */
  count: number;
  /** The mentions, as indices into `Extraction.entities`. */
  mentions: number[];
  /** A link that searches Wikipedia for the name (nothing is fetched). */
  wikipedia: string;
}

/** A name to find, with its label (the `terms` option). */
export interface Term {
  text: string;
  label: Label;
}

/** The result of `extract`. */
export interface Extraction {
  /** The entities, sorted by position, non-overlapping. */
  entities: Entity[];
  /** The entities grouped by name, most mentioned first, then by first position. */
  groups: Group[];
}

/** A model file's bytes, as read from disk or fetched. */
export type ModelBytes = Uint8Array | ArrayBuffer;

/** Options of `extract`; all may be left out. */
export interface ExtractOptions {
  /** Only entities with these labels. */
  labels?: Label[];
  /** Only entities scoring at least this (0 to 1). */
  minScore?: number;
  /** Unit of `start` and `end`: 'utf16' (default, for `String.prototype.slice`), 'codepoint' or 'utf8'. */
  offsets?: 'utf16' | 'codepoint' | 'utf8';
  /**
   * The model: the name of a built-in one ('news', the default and the only
   * one built into the wasm), the bytes of a model file (parsed once per bytes
   * object), a `Model` from `loadModel`, or the name of a model loaded
   * before with `loadModel` or `fetchModel` ('news-lg').
   */
  model?: 'news' | 'news-lg' | (string & {}) | ModelBytes | Model;
  /**
   * Names to find with their labels, matched case-sensitively on token
   * boundaries; a match wins over any entity it overlaps, with score 1 and
   * source 'terms'.
   */
  terms?: Term[];
  /** Texts never returned (compared ignoring case, a possessive and a leading "the"). */
  deny?: string[];
  /**
   * Called after each piece of a long text (pieces of up to 64 KiB, cut at
   * paragraphs or sentences) with the UTF-8 bytes done so far and in all.
   * If it throws, `extract` throws after the extraction.
   */
  onProgress?: (done: number, total: number) => void;
}

/** Where to load the WebAssembly module from; by default the .wasm next to the module. */
export type WasmSource = string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module;

/** A model file parsed once; pass it as `options.model`. */
export class Model {
  /** Parses and validates a model file; throws an Error saying what is wrong. Prefer `loadModel`. */
  constructor(bytes: Uint8Array);
  /** The model's short name, as written in its file. */
  readonly name: string;
  /** The labels the model assigns (the rule recognisers add the numeric ones). */
  readonly labels: Label[];
  /** Finds the entities in `text` with this model. */
  extract(text: string, options?: Omit<ExtractOptions, 'model'>): Extraction;
  /**
   * Frees the model's memory now rather than when it is garbage-collected. The
   * model cannot be used afterwards (its methods throw); `loadModel` with the
   * same bytes parses them again. Freeing twice does nothing.
   */
  free(): void;
}

/** Loads the WebAssembly module; call once before `extract`. */
export function init(wasm?: WasmSource): Promise<void>;

/** Finds the entities in `text`. Throws if `init` has not finished or the options are wrong. */
export function extract(text: string, options?: ExtractOptions): Extraction;

/**
 * Parses a model file once: the same bytes object always gives back the same
 * `Model`. Afterwards `extract(text, { model: name })` finds it by its name.
 */
export function loadModel(bytes: ModelBytes): Model;

/**
 * Fetches a model file and loads it: 'news-lg' is the neural model shipped
 * next to the module (fetched only now); anything else is a model file's URL.
 */
export function fetchModel(nameOrUrl: 'news-lg' | string | URL): Promise<Model>;
