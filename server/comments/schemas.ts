import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from '../http/schemas.ts';

const Status = Type.Union([
  Type.Literal('open'),
  Type.Literal('under_review'),
  Type.Literal('accepted'),
  Type.Literal('partially_accepted'),
  Type.Literal('not_accepted'),
  Type.Literal('withdrawn'),
]);
const Person = Type.Object({ id: Type.String(), displayName: Type.String() }, { additionalProperties: false });
const Body = Type.String({ minLength: 1, maxLength: 20_000, pattern: '\\S' });
const DateOnly = Type.String({ format: 'date' });

/** A passage: base64 Yjs relative positions plus the quote and the starting block's id. */
export const AnchorSchema = Type.Object(
  {
    start: Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9+/=]+$' }),
    end: Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9+/=]+$' }),
    quote: Type.String({ maxLength: 20_000 }),
    blockId: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
  },
  { additionalProperties: false },
);

/** A thread as the API shows it. */
export const PublicThreadSchema = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    organization: Type.Union([
      Type.Object({ id: Type.String(), name: Type.String(), shortName: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    author: Person,
    source: Type.Union([Type.Literal('inline'), Type.Literal('written'), Type.Literal('oral')]),
    anchor: Type.Union([AnchorSchema, Type.Null()]),
    sectionBlockId: Type.Union([Type.String(), Type.Null()]),
    position: Type.Object(
      {
        status: Type.Union([Type.Literal('active'), Type.Literal('orphaned')]),
        text: Type.String(),
        blockId: Type.Union([Type.String(), Type.Null()]),
        sectionId: Type.Union([Type.String(), Type.Null()]),
        sectionNumber: Type.Union([Type.String(), Type.Null()]),
        sectionTitle: Type.Union([Type.String(), Type.Null()]),
        order: Type.Number(),
      },
      { additionalProperties: false },
    ),
    revisionId: Type.Union([Type.String(), Type.Null()]),
    submissionId: Type.Union([Type.String(), Type.Null()]),
    meeting: Type.Union([Type.Object({ name: Type.String(), date: Type.String() }, { additionalProperties: false }), Type.Null()]),
    status: Status,
    explanation: Type.Union([Type.String(), Type.Null()]),
    decidedBy: Type.Union([Person, Type.Null()]),
    decidedAt: Type.Union([Timestamp, Type.Null()]),
    history: Type.Array(
      Type.Object({ status: Status, explanation: Type.Union([Type.String(), Type.Null()]), by: Person, at: Timestamp }, { additionalProperties: false }),
    ),
    comments: Type.Array(Type.Object({ id: Type.String(), author: Person, body: Type.String(), createdAt: Timestamp }, { additionalProperties: false })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);

/** `GET /api/documents/:id/threads` query: filters. */
/** An opaque page cursor (today the offset of the next item). */
export const PageCursor = Type.String({ pattern: '^[0-9]{1,9}$' });

/** Optional pagination of list routes; without `limit` the whole list is returned as before. */
export const PageQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), cursor: Type.Optional(PageCursor) },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

export const ThreadsQuery = Type.Object(
  {
    organizationId: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(Status),
    sectionId: Type.Optional(Type.String({ maxLength: 64 })),
    revisionId: Type.Optional(Id),
    /** Page size; without it every matching thread is returned. */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** `nextCursor` of the previous page. */
    cursor: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);
export type ThreadsQuery = Static<typeof ThreadsQuery>;

/** The thread list with counts (over the visible threads, before filtering). */
export const ThreadsResponse = Type.Object(
  {
    visibility: Type.Union([Type.Literal('own_organization'), Type.Literal('all_participants')]),
    threads: Type.Array(PublicThreadSchema),
    counts: Type.Object(
      { byOrganization: Type.Record(Type.String(), Type.Integer()), byStatus: Type.Record(Type.String(), Type.Integer()) },
      { additionalProperties: false },
    ),
    /** Present when `limit` was given and more threads follow: pass it as `cursor`. */
    nextCursor: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);

/** `POST /api/documents/:id/threads`. The secretariat may record an oral comment for an organisation. */
export const CreateThreadBody = Type.Object(
  {
    body: Body,
    anchor: Type.Optional(AnchorSchema),
    sectionBlockId: Type.Optional(Type.String({ maxLength: 64 })),
    revisionId: Type.Optional(Id),
    organizationId: Type.Optional(Id),
    meeting: Type.Optional(Type.Object({ name: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }), date: DateOnly }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type CreateThreadBody = Static<typeof CreateThreadBody>;

/** `POST …/threads/:threadId/comments`. */
export const ReplyBody = Type.Object({ body: Body }, { additionalProperties: false });
export type ReplyBody = Static<typeof ReplyBody>;

/** `POST …/threads/:threadId/status`. */
export const StatusBody = Type.Object(
  { status: Status, explanation: Type.Optional(Type.String({ maxLength: 20_000 })) },
  { additionalProperties: false },
);
export type StatusBody = Static<typeof StatusBody>;

/** `PUT /api/documents/:id/comment-settings`. */
export const CommentSettingsBody = Type.Object(
  { visibility: Type.Union([Type.Literal('own_organization'), Type.Literal('all_participants')]) },
  { additionalProperties: false },
);
export type CommentSettingsBody = Static<typeof CommentSettingsBody>;

/** An attachment sent inline as base64 (PDF or DOCX). */
const AttachmentInput = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    contentType: Type.Union([Type.Literal('application/pdf'), Type.Literal('application/vnd.openxmlformats-officedocument.wordprocessingml.document')]),
    dataBase64: Type.String({ minLength: 4, maxLength: 14_000_000, pattern: '^[A-Za-z0-9+/=]+$' }),
  },
  { additionalProperties: false },
);

/** `POST /api/documents/:id/submissions`: an official written submission (công văn), or "no comments". */
export const CreateSubmissionBody = Type.Object(
  {
    revisionId: Type.Optional(Id),
    organizationId: Type.Optional(Id),
    documentNumber: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    date: DateOnly,
    signer: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    noComments: Type.Boolean(),
    attachment: Type.Optional(AttachmentInput),
    items: Type.Array(
      Type.Object(
        { body: Body, anchor: Type.Optional(AnchorSchema), sectionBlockId: Type.Optional(Type.String({ maxLength: 64 })) },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type CreateSubmissionBody = Static<typeof CreateSubmissionBody>;

/** A submission as the API shows it. */
export const PublicSubmission = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    organization: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    revisionId: Type.Union([Type.String(), Type.Null()]),
    documentNumber: Type.String(),
    date: Type.String(),
    signer: Type.String(),
    noComments: Type.Boolean(),
    attachment: Type.Union([
      Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    threadIds: Type.Array(Type.String()),
    createdBy: Person,
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);

/** `:id` + `:threadId`. */
export const ThreadParams = Type.Object({ id: Id, threadId: Id }, { additionalProperties: false });
export type ThreadParams = Static<typeof ThreadParams>;

/** `:id` + `:submissionId`. */
export const SubmissionParams = Type.Object({ id: Id, submissionId: Id }, { additionalProperties: false });
export type SubmissionParams = Static<typeof SubmissionParams>;
