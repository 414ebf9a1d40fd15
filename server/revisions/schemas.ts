import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from '../http/schemas.ts';

/** A revision as the API shows it. */
export const PublicRevision = Type.Object(
  {
    id: Id,
    documentId: Id,
    kind: Type.Union([Type.Literal('named'), Type.Literal('checkpoint')]),
    name: Type.String(),
    note: Type.String(),
    reason: Type.String(),
    createdBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }, { additionalProperties: false }), Type.Null()]),
    createdAt: Timestamp,
    stateBytes: Type.Integer(),
    storedBytes: Type.Integer(),
    restoredFrom: Type.Union([Id, Type.Null()]),
    /** Comment threads filed against this revision (list them with `GET …/threads?revisionId=`). */
    threadCount: Type.Integer(),
  },
  { additionalProperties: false },
);
export type PublicRevision = Static<typeof PublicRevision>;

/** `POST /api/documents/:id/revisions` body. */
export const CreateRevisionBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type CreateRevisionBody = Static<typeof CreateRevisionBody>;

/** `:id` and `:revisionId` parameters. */
export const RevisionParams = Type.Object({ id: Id, revisionId: Id }, { additionalProperties: false });
export type RevisionParams = Static<typeof RevisionParams>;

/** A version reference: a revision id or `current` (the live draft). */
const VersionRef = Type.Union([Type.Literal('current'), Id]);

/** `GET /api/documents/:id/compare` query. */
export const CompareQuery = Type.Object(
  { from: VersionRef, to: VersionRef, lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])) },
  { additionalProperties: false },
);
export type CompareQuery = Static<typeof CompareQuery>;

const Mark = Type.Object({ type: Type.String(), attrs: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }, { additionalProperties: false });

/** ProseMirror JSON of a document (recursive). */
export const ProseMirrorNode = Type.Recursive((Node) =>
  Type.Object(
    {
      type: Type.String(),
      attrs: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      content: Type.Optional(Type.Array(Node)),
      text: Type.Optional(Type.String()),
      marks: Type.Optional(Type.Array(Mark)),
    },
    { additionalProperties: false },
  ),
);

/** `GET /api/documents/:id/revisions/:revisionId` answer. */
export const RevisionContent = Type.Object({ revision: PublicRevision, content: ProseMirrorNode }, { additionalProperties: false });

const Status = Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('moved'), Type.Literal('modified'), Type.Literal('unchanged')]);
const Counts = Type.Object(
  { added: Type.Integer(), removed: Type.Integer(), moved: Type.Integer(), modified: Type.Integer(), unchanged: Type.Integer() },
  { additionalProperties: false },
);
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** The structured comparison of two versions (see `compare/`). */
export const ComparisonSchema = Type.Object(
  {
    summary: Type.Object(
      {
        sections: Counts,
        blocks: Counts,
        words: Type.Object({ inserted: Type.Integer(), deleted: Type.Integer() }, { additionalProperties: false }),
        whitespaceOnly: Type.Integer(),
        formattingOnly: Type.Integer(),
      },
      { additionalProperties: false },
    ),
    sections: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          title: Type.String(),
          fromNumber: NullableString,
          toNumber: NullableString,
          status: Status,
          insertedWords: Type.Integer(),
          deletedWords: Type.Integer(),
          blockIds: Type.Array(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    blocks: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          kind: Type.String(),
          level: Type.Integer(),
          sectionId: NullableString,
          fromNumber: NullableString,
          toNumber: NullableString,
          status: Status,
          moved: Type.Boolean(),
          changeKind: Type.Union([Type.Literal('text'), Type.Literal('whitespace'), Type.Literal('formatting'), Type.Null()]),
          fromText: NullableString,
          toText: NullableString,
          ops: Type.Array(
            Type.Object(
              {
                op: Type.Union([Type.Literal('equal'), Type.Literal('insert'), Type.Literal('delete')]),
                text: Type.String(),
                authors: Type.Optional(Type.Array(Type.String())),
              },
              { additionalProperties: false },
            ),
          ),
          insertedWords: Type.Integer(),
          deletedWords: Type.Integer(),
          /** Set when the block was paired by similarity under a new id. */
          fromId: Type.Optional(Type.String()),
          /** Set when the block was too large to diff word by word (delete all + insert all). */
          coarse: Type.Optional(Type.Boolean()),
          listKind: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** One side of a comparison. */
const VersionInfo = Type.Object(
  { ref: Type.String(), label: Type.String(), revision: Type.Union([PublicRevision, Type.Null()]) },
  { additionalProperties: false },
);

/** `GET /api/documents/:id/compare` answer. */
export const CompareResponse = Type.Object(
  { documentId: Id, from: VersionInfo, to: VersionInfo, comparison: ComparisonSchema },
  { additionalProperties: false },
);
