/**
 * Shapes of the comparison engine: the comparable units read from a document
 * (`OutlineBlock`) and the JSON-serialisable result of comparing two documents (`Comparison`).
 */

/** Kind of a comparable unit. Lists are not units themselves: each of their items is. */
export type BlockKind = 'heading' | 'paragraph' | 'list_item';

/** Kind of the list a `list_item` belongs to. */
export type ListKind = 'bullet' | 'ordered';

/**
 * One comparable unit of an outline, in document order: a heading, a top-level paragraph, or a
 * list item (its own paragraphs joined by "\n"; nested lists give their own items).
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
  kind: BlockKind;
  /** Heading level 1–4; list nesting depth (1 = top-level list) for list items; 0 for paragraphs. */
  level: number;
  /** List kind for list items, null otherwise. */
  listKind: ListKind | null;
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
}

/** Status of a block or section in a comparison. */
export type ChangeStatus = 'added' | 'removed' | 'moved' | 'modified' | 'unchanged';

/** Why a matched block is modified: its words, only its whitespace, or only its marks/structure. */
export type ChangeKind = 'text' | 'whitespace' | 'formatting';

/** One step of a word-level redline. */
export interface RedlineOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  /** For `insert` only, when an `authorOf` resolver was given: the distinct authors of the inserted characters. */
  authors?: string[];
}

/** Counts per status. */
export interface StatusCounts {
  added: number;
  removed: number;
  moved: number;
  modified: number;
  unchanged: number;
}

/** Totals of a comparison. */
export interface ComparisonSummary {
  sections: StatusCounts;
  /** Counted by `status`: a block both moved and edited counts as modified. */
  blocks: StatusCounts;
  words: { inserted: number; deleted: number };
  /** Blocks whose only change is whitespace. */
  whitespaceOnly: number;
  /** Blocks whose only change is marks, heading level, list depth or kind. */
  formattingOnly: number;
}

/** One heading section of a comparison. */
export interface SectionChange {
  /** Block id of the heading (see `BlockChange.id`). */
  id: string;
  /** Heading text in `to` (in `from` for a removed section). */
  title: string;
  fromNumber: string | null;
  toNumber: string | null;
  /**
   * `added`/`removed`/`moved` follow the heading; otherwise `modified` when any block of the
   * section changed, moved in or moved out; else `unchanged` (renumbering alone is no change).
   */
  status: ChangeStatus;
  insertedWords: number;
  deletedWords: number;
  /** Blocks shown in this section, heading first, in display order. */
  blockIds: string[];
}

/** One block of a comparison. */
export interface BlockChange {
  /**
   * Unique within the comparison: the `to` block's key (the `from` key for a removed block,
   * prefixed with "from:" in the rare case it collides with a `to` key).
   */
  id: string;
  /** The `from` key when the block was paired by similarity under a different id. */
  fromId?: string;
  kind: BlockKind;
  level: number;
  /** For list items: the kind of their list (in `to`, or `from` for a removed item). */
  listKind?: ListKind;
  /** Section in display order: the `to` section, or the nearest heading above for a removed block. */
  sectionId: string | null;
  fromNumber: string | null;
  toNumber: string | null;
  /** `modified` wins over `moved`: a block both moved and edited is `modified` with `moved: true`. */
  status: ChangeStatus;
  moved: boolean;
  changeKind: ChangeKind | null;
  fromText: string | null;
  toText: string | null;
  ops: RedlineOp[];
  insertedWords: number;
  deletedWords: number;
  /** True when the block was too large for a word diff and is shown as delete-all + insert-all. */
  coarse?: boolean;
}

/** The result of `compareDocuments`; plain JSON. */
export interface Comparison {
  summary: ComparisonSummary;
  /** One per heading, in display order. */
  sections: SectionChange[];
  /** Every block, in display order: `to` order with removed blocks at their old place. */
  blocks: BlockChange[];
}

/** Options of `compareDocuments`. */
export interface CompareOptions {
  /** Resolves a Yjs client id to an author name; when given, insert ops carry `authors`. */
  authorOf?: (clientId: number) => string | null;
  /** Blocks with more tokens on either side are shown as delete-all + insert-all (default 4000). */
  maxTokensPerBlock?: number;
  /** Edit distance (in tokens) past which a block's diff gives up the same way (default 1000). */
  maxEditLength?: number;
}
