import { Type, type Static } from '@sinclair/typebox';
import { Id, LiteralUnion, Nullable, PersonSchema, Timestamp } from '../http/schemas.ts';
import { ComparisonSchema } from './compare/comparison-schema.ts';

export { ComparisonSchema } from './compare/comparison-schema.ts';

/** A revision as the API shows it. */
export const PublicRevision = Type.Object(
  {
    id: Id,
    documentId: Id,
    kind: LiteralUnion(['named', 'checkpoint']),
    name: Type.String(),
    note: Type.String(),
    reason: Type.String(),
    createdBy: Nullable(PersonSchema),
    createdAt: Timestamp,
    stateBytes: Type.Integer(),
    storedBytes: Type.Integer(),
    restoredFrom: Nullable(Id),
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

/**
 * `GET /api/documents/:id/compare` query. `detail=changes` leaves out the text of unchanged
 * blocks other than headings (they carry `textOmitted: true`); the default, `full`, has every
 * block's text.
 */
export const CompareQuery = Type.Object(
  {
    from: VersionRef,
    to: VersionRef,
    lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
    detail: Type.Optional(LiteralUnion(['full', 'changes'])),
  },
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
/** ProseMirror JSON of a node. */
export type ProseMirrorNode = Static<typeof ProseMirrorNode>;

/** `GET /api/documents/:id/revisions/:revisionId` answer. */
export const RevisionContent = Type.Object({ revision: PublicRevision, content: ProseMirrorNode }, { additionalProperties: false });
export type RevisionContent = Static<typeof RevisionContent>;

/** One side of a comparison. */
export const VersionInfo = Type.Object(
  { ref: Type.String(), label: Type.String(), revision: Nullable(PublicRevision) },
  { additionalProperties: false },
);
export type VersionInfo = Static<typeof VersionInfo>;

/** `GET /api/documents/:id/compare` answer. */
export const CompareResponse = Type.Object(
  { documentId: Id, from: VersionInfo, to: VersionInfo, comparison: ComparisonSchema },
  { additionalProperties: false },
);
export type CompareResponse = Static<typeof CompareResponse>;

/** `GET /api/compare-cache`: how much memory the cache of revisions' comparable blocks holds, within its budget, and how it served. */
export const BlockCacheStatsSchema = Type.Object(
  { entries: Type.Integer(), bytes: Type.Integer(), budgetBytes: Type.Integer(), hits: Type.Integer(), misses: Type.Integer() },
  { additionalProperties: false },
);
