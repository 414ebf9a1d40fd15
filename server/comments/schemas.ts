import { Type, type Static } from '@sinclair/typebox';
import { Id, LiteralUnion, Nullable, NullableString, PersonSchema as Person, Timestamp, PageLimit } from '../http/schemas.ts';
import { THREAD_STATUSES } from '../storage/records.ts';

/** Where a thread stands: `open` is new; the secretariat decides the middle four; a ministry may withdraw. */
export const ThreadStatusSchema = LiteralUnion(THREAD_STATUSES);
const Status = ThreadStatusSchema;

/** Who may see the comments of other organisations. */
export const CommentVisibilitySchema = LiteralUnion(['own_organization', 'all_participants']);
export type CommentVisibility = Static<typeof CommentVisibilitySchema>;
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
export type ThreadAnchor = Static<typeof AnchorSchema>;

/**
 * Where the server resolved a thread's passage in the live document: its current text (the
 * original quote when `orphaned`, i.e. deleted), block and section (the nearest heading above).
 * `order` is the document order key: index of the top-level block, then offset; orphans sort last.
 */
export const ThreadPositionSchema = Type.Object(
  {
    status: LiteralUnion(['active', 'orphaned']),
    text: Type.String(),
    blockId: NullableString,
    sectionId: NullableString,
    sectionNumber: NullableString,
    sectionTitle: NullableString,
    order: Type.Number(),
  },
  { additionalProperties: false },
);
export type ThreadPosition = Static<typeof ThreadPositionSchema>;

/** One comment of a thread; the first is the thread's own comment, the rest are replies. */
export const ThreadCommentSchema = Type.Object({ id: Type.String(), author: Person, body: Type.String(), createdAt: Timestamp }, { additionalProperties: false });
export type ThreadComment = Static<typeof ThreadCommentSchema>;

/** A thread as the API shows it: names instead of ids, and where its passage is now. */
export const PublicThreadSchema = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    organization: Nullable(Type.Object({ id: Type.String(), name: Type.String(), shortName: Type.String() }, { additionalProperties: false })),
    author: Person,
    /** `inline` (selected in the editor), `written` (item of a công văn), `oral` (said at a meeting). */
    source: LiteralUnion(['inline', 'written', 'oral']),
    anchor: Nullable(AnchorSchema),
    sectionBlockId: NullableString,
    position: ThreadPositionSchema,
    revisionId: NullableString,
    submissionId: NullableString,
    meeting: Nullable(Type.Object({ name: Type.String(), date: Type.String() }, { additionalProperties: false })),
    status: Status,
    explanation: NullableString,
    decidedBy: Nullable(Person),
    decidedAt: Nullable(Timestamp),
    history: Type.Array(Type.Object({ status: Status, explanation: NullableString, by: Person, at: Timestamp }, { additionalProperties: false })),
    comments: Type.Array(ThreadCommentSchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type PublicThread = Static<typeof PublicThreadSchema>;

/** An opaque page cursor (today the offset of the next item). */
export const PageCursor = Type.String({ pattern: '^[0-9]{1,9}$' });

/**
 * Optional pagination of list routes: `limit` is the page size, `cursor` the `nextCursor` of
 * the previous page; without `limit` the whole list is returned as before.
 */
export const PageQuery = Type.Object(
  { limit: Type.Optional(PageLimit), cursor: Type.Optional(PageCursor) },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

/** `GET /api/documents/:id/threads` query: filters, and the optional page. */
export const ThreadsQuery = Type.Object(
  {
    organizationId: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(Status),
    sectionId: Type.Optional(Type.String({ maxLength: 64 })),
    revisionId: Type.Optional(Id),
    ...PageQuery.properties,
  },
  { additionalProperties: false },
);
export type ThreadsQuery = Static<typeof ThreadsQuery>;

/** The thread list with counts (over the visible threads, before filtering). */
export const ThreadsResponse = Type.Object(
  {
    visibility: CommentVisibilitySchema,
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
export type ThreadsResponse = Static<typeof ThreadsResponse>;

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
  { visibility: CommentVisibilitySchema },
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
    /** The consultation round answered; by default the document's only open round consulting the organisation. */
    roundId: Type.Optional(Id),
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
    revisionId: NullableString,
    documentNumber: Type.String(),
    date: Type.String(),
    signer: Type.String(),
    noComments: Type.Boolean(),
    attachment: Nullable(
      Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() }, { additionalProperties: false }),
    ),
    threadIds: Type.Array(Type.String()),
    /** The consultation round it answers, or null. */
    roundId: NullableString,
    createdBy: Person,
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type PublicSubmission = Static<typeof PublicSubmission>;

/** `:id` + `:threadId`. */
export const ThreadParams = Type.Object({ id: Id, threadId: Id }, { additionalProperties: false });
export type ThreadParams = Static<typeof ThreadParams>;

/** `:id` + `:submissionId`. */
export const SubmissionParams = Type.Object({ id: Id, submissionId: Id }, { additionalProperties: false });
export type SubmissionParams = Static<typeof SubmissionParams>;
