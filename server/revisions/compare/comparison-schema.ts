import { Type, type Static } from '@sinclair/typebox';
import { LiteralUnion, Nullable, NullableString } from '../../http/schemas.ts';

/**
 * The comparison's shape, defined once: the engine's result types are `Static<>` of these
 * schemas, the route serialises with them, and the client imports the types.
 */

/**
 * Kind of a comparable unit. Lists are not units themselves: each of their items is; nor are
 * tables: each of their cells is (`table_cell`, header cells included, see `cell`).
 */
export const BLOCK_KINDS = ['heading', 'paragraph', 'list_item', 'table_cell'] as const;
/** Kind of a comparable unit (see `BLOCK_KINDS`). */
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** Kind of the list a `list_item` belongs to. */
export const ListKindSchema = LiteralUnion(['bullet', 'ordered']);
/** Kind of the list a `list_item` belongs to. */
export type ListKind = Static<typeof ListKindSchema>;

/**
 * Where a table cell stands: `table` and `row` are keys of its table and row (their block ids,
 * or synthetic keys when missing), the same in both versions for a table or row that kept its
 * identity, so the cells of one row can be laid out together; `header` for a header cell;
 * `colspan` / `rowspan` as in the document (1 when not merged). In `to` (in `from` for a
 * removed cell).
 */
export const TableCellPlaceSchema = Type.Object(
  {
    table: Type.String(),
    row: Type.String(),
    header: Type.Boolean(),
    colspan: Type.Integer({ minimum: 1 }),
    rowspan: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
/** Where a table cell stands (see `TableCellPlaceSchema`). */
export type TableCellPlace = Static<typeof TableCellPlaceSchema>;

/** Status of a block or section in a comparison. */
export const ChangeStatusSchema = LiteralUnion(['added', 'removed', 'moved', 'modified', 'unchanged']);
/** Status of a block or section in a comparison. */
export type ChangeStatus = Static<typeof ChangeStatusSchema>;

/** Why a matched block is modified: its words, only its whitespace, or only its marks/structure. */
export const ChangeKindSchema = LiteralUnion(['text', 'whitespace', 'formatting']);
/** Why a matched block is modified. */
export type ChangeKind = Static<typeof ChangeKindSchema>;

/** One step of a word-level redline. */
export const RedlineOpSchema = Type.Object(
  {
    op: LiteralUnion(['equal', 'insert', 'delete']),
    text: Type.String(),
    /**
     * For `insert`, when an `authorOf` resolver was given: the distinct authors of the inserted
     * characters. For `delete`, when an `edits` resolver was given and knows: those who deleted them.
     */
    authors: Type.Optional(Type.Array(Type.String())),
    /** When an `edits` resolver was given and knows: the time (ISO 8601) of the op's latest insertion / deletion. */
    at: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
/** One step of a word-level redline. */
export type RedlineOp = Static<typeof RedlineOpSchema>;

/** Who made an edit and when (ISO 8601). */
export const EditStampSchema = Type.Object({ author: Type.String(), at: Type.String() }, { additionalProperties: false });
/** Who made an edit and when. */
export type EditStamp = Static<typeof EditStampSchema>;

/** Counts per status. */
export const StatusCountsSchema = Type.Object(
  { added: Type.Integer(), removed: Type.Integer(), moved: Type.Integer(), modified: Type.Integer(), unchanged: Type.Integer() },
  { additionalProperties: false },
);
/** Counts per status. */
export type StatusCounts = Static<typeof StatusCountsSchema>;

/** Totals of a comparison. `blocks` counts by `status`: a block both moved and edited counts as modified. */
export const ComparisonSummarySchema = Type.Object(
  {
    sections: StatusCountsSchema,
    blocks: StatusCountsSchema,
    words: Type.Object({ inserted: Type.Integer(), deleted: Type.Integer() }, { additionalProperties: false }),
    /** Blocks whose only change is whitespace. */
    whitespaceOnly: Type.Integer(),
    /** Blocks whose only change is marks, heading level, list depth or kind, or a cell's header or spans. */
    formattingOnly: Type.Integer(),
  },
  { additionalProperties: false },
);
/** Totals of a comparison. */
export type ComparisonSummary = Static<typeof ComparisonSummarySchema>;

/**
 * One heading section of a comparison. `id` is the heading's block id (see `BlockChange.id`);
 * `title` its text in `to` (in `from` for a removed section). `added`/`removed`/`moved` follow
 * the heading; otherwise `modified` when any block of the section changed, moved in or moved
 * out; else `unchanged` (renumbering alone is no change). `blockIds`: the blocks shown in this
 * section, heading first, in display order.
 */
export const SectionChangeSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    fromNumber: NullableString,
    toNumber: NullableString,
    status: ChangeStatusSchema,
    insertedWords: Type.Integer(),
    deletedWords: Type.Integer(),
    blockIds: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
/** One heading section of a comparison. */
export type SectionChange = Static<typeof SectionChangeSchema>;

/**
 * Where a moved block went, for the notes "chuyển từ mục …" (at its new place) and "chuyển
 * đến mục …" (at its old place, in the exports that show it). `fromSection` / `toSection`: the
 * number of the section it stood in before / stands in now (a heading's own number; null
 * before the first heading). `after`: the `id` in `blocks` of the block it followed in `from`
 * among those that stayed in place (null: it stood before all of them), i.e. where its old
 * place is shown; `fromOrder` orders the blocks that followed the same one. `first`: it opens
 * a run of blocks moved together (a section and its blocks); the notes go on that block only.
 */
export const BlockMoveSchema = Type.Object(
  {
    fromSection: NullableString,
    toSection: NullableString,
    after: NullableString,
    fromOrder: Type.Integer(),
    first: Type.Boolean(),
  },
  { additionalProperties: false },
);
/** Where a moved block went (see `BlockMoveSchema`). */
export type BlockMove = Static<typeof BlockMoveSchema>;

/**
 * One block of a comparison. `id` is unique within the comparison: the `to` block's key (the
 * `from` key for a removed block, prefixed with "from:" in the rare case it collides with a
 * `to` key). `sectionId`: the `to` section, or the nearest heading above for a removed block.
 * `modified` wins over `moved`: a block both moved and edited is `modified` with `moved: true`.
 */
export const BlockChangeSchema = Type.Object(
  {
    id: Type.String(),
    kind: LiteralUnion(BLOCK_KINDS),
    level: Type.Integer(),
    sectionId: NullableString,
    fromNumber: NullableString,
    toNumber: NullableString,
    status: ChangeStatusSchema,
    moved: Type.Boolean(),
    changeKind: Nullable(ChangeKindSchema),
    fromText: NullableString,
    toText: NullableString,
    ops: Type.Array(RedlineOpSchema),
    insertedWords: Type.Integer(),
    deletedWords: Type.Integer(),
    /** Set when the block was paired by similarity under a new id: the `from` key. */
    fromId: Type.Optional(Type.String()),
    /** Set when the block was too large to diff word by word (delete all + insert all). */
    coarse: Type.Optional(Type.Boolean()),
    /** Set exactly when `moved`: where it came from and went to. */
    move: Type.Optional(BlockMoveSchema),
    /** For list items: the kind of their list (in `to`, or `from` for a removed item). */
    listKind: Type.Optional(ListKindSchema),
    /** For table cells: their table, row and shape (see `TableCellPlaceSchema`). */
    cell: Type.Optional(TableCellPlaceSchema),
    /** When an `edits` resolver knows: who created the block element (an added or moved block) and when. */
    insertedBy: Type.Optional(EditStampSchema),
    /** When an `edits` resolver knows: who deleted the `from` block element (a removed or moved block) and when. */
    deletedBy: Type.Optional(EditStampSchema),
    /** Set when the answer leaves out this unchanged block's text (`detail=changes`): `fromText`, `toText` are null and `ops` empty. */
    textOmitted: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
/** One block of a comparison. */
export type BlockChange = Static<typeof BlockChangeSchema>;

/**
 * The structured comparison of two versions; plain JSON. `sections`: one per heading, in
 * display order; `blocks`: every block in display order (`to` order with removed blocks at
 * their old place).
 */
export const ComparisonSchema = Type.Object(
  { summary: ComparisonSummarySchema, sections: Type.Array(SectionChangeSchema), blocks: Type.Array(BlockChangeSchema) },
  { additionalProperties: false },
);
/** The result of `compareDocuments`. */
export type Comparison = Static<typeof ComparisonSchema>;
