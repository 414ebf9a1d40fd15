import { Type, type Static } from '@sinclair/typebox';
import { Id, LiteralUnion, NullableString, Timestamp } from '../http/schemas.ts';
import { PublicDocument } from '../documents/schemas.ts';

/** The media type of a .docx, the body of `POST /api/documents/import`. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Largest .docx accepted, in bytes (the route's own body limit; the server default is 1 MB of JSON). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const Count = Type.Integer({ minimum: 0 });

/** What an import converted and what it dropped, shown before the user confirms. */
export const ImportReport = Type.Object(
  {
    converted: Type.Object(
      {
        /** Headings at levels 1–4 (index 0 is level 1). */
        headingsByLevel: Type.Array(Count, { minItems: 4, maxItems: 4 }),
        paragraphs: Count,
        lists: Count,
        listItems: Count,
        tables: Count,
        tableCells: Count,
        numbersRemoved: Count,
        legacyRuns: Type.Object({ tcvn3: Count, vni: Count }, { additionalProperties: false }),
        wholeDocumentTcvn3: Type.Boolean(),
        headingSource: LiteralUnion(['styles', 'numbering', 'none'] as const),
        headingsClamped: Count,
      },
      { additionalProperties: false },
    ),
    dropped: Type.Object(
      {
        images: Count,
        comments: Count,
        trackedChanges: Count,
        footnotes: Count,
        endnotes: Count,
        textBoxes: Count,
        nestedTables: Count,
        /** Blocks of a state-format letterhead (header block, DỰ THẢO mark, title line) left out. */
        stateFormatFrame: Count,
      },
      { additionalProperties: false },
    ),
    /** Messages of the Word reader (unrecognised elements and the like). */
    warnings: Count,
  },
  { additionalProperties: false },
);
export type ImportReport = Static<typeof ImportReport>;

/** One heading of the preview outline, with the number the workspace computes for it. */
export const OutlineEntry = Type.Object(
  { level: Type.Integer({ minimum: 1, maximum: 4 }), number: Type.String(), text: Type.String() },
  { additionalProperties: false },
);
export type OutlineEntry = Static<typeof OutlineEntry>;

/** Headings listed in a preview at most (`outlineTruncated` counts the rest). */
export const MAX_PREVIEW_HEADINGS = 2000;

/** `POST /api/documents/import` answer: a preview to confirm. */
export const ImportPreview = Type.Object(
  {
    previewId: Id,
    fileName: Type.String(),
    expiresAt: Timestamp,
    report: ImportReport,
    outline: Type.Array(OutlineEntry),
    outlineTruncated: Count,
  },
  { additionalProperties: false },
);
export type ImportPreview = Static<typeof ImportPreview>;

/** `POST /api/documents/import` query: the file's name, shown in the report and the revision name. */
export const ImportQuery = Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 255 })) }, { additionalProperties: false });
export type ImportQuery = Static<typeof ImportQuery>;

/** `:previewId` parameter. */
export const PreviewParams = Type.Object({ previewId: Id }, { additionalProperties: false });
export type PreviewParams = Static<typeof PreviewParams>;

/** `POST /api/documents/import/:previewId/confirm` body: a new document (`title`) or a new version of `documentId`. */
export const ConfirmImportBody = Type.Union([
  Type.Object({ title: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }) }, { additionalProperties: false }),
  Type.Object({ documentId: Id }, { additionalProperties: false }),
]);
export type ConfirmImportBody = Static<typeof ConfirmImportBody>;

/** What a confirmed import made: the document, and for a new version the revision taken before it. */
export const ConfirmImportResponse = Type.Object(
  { document: PublicDocument, beforeRevisionId: NullableString },
  { additionalProperties: false },
);
export type ConfirmImportResponse = Static<typeof ConfirmImportResponse>;
