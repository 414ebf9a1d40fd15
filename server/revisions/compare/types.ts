import type { BlockKind, ListKind, TableCellPlace } from './comparison-schema.ts';

/**
 * Shapes of the comparison engine: the comparable units read from a document
 * (`OutlineBlock`). The JSON result of comparing two documents (`Comparison`) is defined once,
 * as a schema, in `comparison-schema.ts`.
 */

/**
 * One comparable unit of an outline, in document order: a heading, a top-level paragraph, a
 * list item (its own paragraphs joined by "\n"; nested lists give their own items) or a table
 * cell (all its paragraphs and list items joined by "\n").
 */
export interface OutlineBlock {
  /**
   * Key unique within the document: the block's `id` attribute for its first occurrence;
   * `"<id>~<n>"` for the n-th occurrence of a duplicated id; `"~<n>"` for the n-th block
   * without an id. Only keys equal to `attributeId` take part in id matching.
   */
  id: string;
  /** The raw `id` attribute, or null when missing or empty. */
  attributeId: string | null;
  /**
   * The Yjs item of the block's element (`"client:clock"`), or null outside a document. A Yjs
   * item never moves: a block with the same item in two versions stayed where it was, and one
   * moved by cut and paste, a move command or a restore was re-created under a new item.
   */
  itemId: string | null;
  kind: BlockKind;
  /** Heading level 1–4; list nesting depth (1 = top-level list) for list items; 0 for paragraphs. */
  level: number;
  /** List kind for list items, null otherwise. */
  listKind: ListKind | null;
  /** For table cells: table, row and shape; null or absent for other blocks. */
  cell?: TableCellPlace | null;
  /** Text, NFC; a `hard_break` is "\n". */
  text: string;
  /**
   * Canonical mark signature over `text` (UTF-16 offsets, half-open ranges, adjacent ranges of
   * one mark merged), sorted by start then mark name: `"strong:3-8;em:10-12"`; "" for none.
   */
  formatting: string;
  /** Section number for headings ("Phần I", "1.", "1.1.", "a)"), null otherwise. */
  number: string | null;
  /** Key of the heading this block belongs to (its own key for a heading); null before the first heading. */
  sectionId: string | null;
  /**
   * Run-length list of the Yjs client id that inserted each character of `text`:
   * `[clientId, length]`, lengths summing to `text.length`.
   */
  clientRuns: Array<[number, number]>;
  /**
   * Run-length Yjs ids of the characters of `text`: `[clientId, firstClock, length]`, clocks
   * consecutive within a run, lengths summing to `text.length` (ids of composed characters approximate).
   */
  idRuns: Array<[number, number, number]>;
}

/** Options of `compareDocuments`. */
export interface CompareOptions {
  /** Resolves a Yjs client id to an author name; when given, insert ops carry `authors`. */
  authorOf?: (clientId: number) => string | null;
  /** Who inserted / deleted the Yjs item `client:clock` and when; when given, ops and blocks carry it. */
  edits?: EditLookup;
  /** Blocks with more tokens on either side are shown as delete-all + insert-all (default 4000). */
  maxTokensPerBlock?: number;
  /** Edit distance (in tokens) past which a block's diff gives up the same way (default 1000). */
  maxEditLength?: number;
}

/** One known edit of an item: its author's name, its time, and the end (exclusive clock) of the recorded range holding it. */
export interface ResolvedEdit {
  author: string;
  at: number;
  end: number;
}

/** Resolves Yjs item ids to the recorded edits (see `CompareOptions.edits`). */
export interface EditLookup {
  /** The insertion of `client:clock`, or null with `next`: the next clock that has a record (Infinity for none). */
  insertion(client: number, clock: number): ResolvedEdit | { next: number };
  /** The deletion of `client:clock`, or `{ next }` as for `insertion`. */
  deletion(client: number, clock: number): ResolvedEdit | { next: number };
}
