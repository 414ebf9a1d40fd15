import { Type, type Static } from '@sinclair/typebox';
import { Id, LiteralUnion, Nullable, NullableString, PersonSchema as Person, Timestamp, PageLimit } from '../http/schemas.ts';
import { SET_ASIDE_REASONS, THREAD_EVENTS, THREAD_STATUSES } from '../storage/records.ts';

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

/** Wording proposed in place of a passage: a single line of text. */
const ProposalText = Type.String({ minLength: 1, maxLength: 20_000, pattern: '^[^\\r\\n]*\\S[^\\r\\n]*$' });

/** A version a change is based on (see `PublicThread.version`). */
export const ExpectedVersion = Type.Integer({ minimum: 1 });

/** What a history entry records besides decisions. */
export const ThreadEventSchema = LiteralUnion(THREAD_EVENTS);

/**
 * Replacement wording an organisation proposes for its passage ("đề nghị sửa thành"), and
 * whether (when, by whom) the secretariat put it into the live draft.
 */
export const ProposalSchema = Type.Object(
  {
    text: Type.String(),
    appliedAt: Nullable(Timestamp),
    appliedBy: Nullable(Person),
    /**
     * Word by word (Vietnamese-aware tokens): from the passage as it stands now to the proposed
     * text; once applied, from the text it replaced to the proposal.
     */
    diff: Type.Array(Type.Object({ op: LiteralUnion(['equal', 'insert', 'delete']), text: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Proposal = Static<typeof ProposalSchema>;

/** One comment of a thread; the first is the thread's own comment, the rest are replies. */
export const ThreadCommentSchema = Type.Object({ id: Type.String(), author: Person, body: Type.String(), createdAt: Timestamp }, { additionalProperties: false });
export type ThreadComment = Static<typeof ThreadCommentSchema>;

/** Why a thread is left out of the synthesis table. */
export const SetAsideReasonSchema = LiteralUnion(SET_ASIDE_REASONS);

/** A thread left out of the synthesis table: why (and which thread it repeats), by whom, when. */
export const SetAsideSchema = Type.Object(
  { reason: SetAsideReasonSchema, duplicateOf: NullableString, note: Type.String(), by: Person, at: Timestamp },
  { additionalProperties: false },
);
export type SetAside = Static<typeof SetAsideSchema>;

/**
 * One entry of a thread's history: a decision, or (with `event`) a set-aside (with its reason)
 * or its undoing, a proposal applied or reverted.
 */
export const HistoryEntrySchema = Type.Object(
  {
    status: Status,
    explanation: NullableString,
    by: Person,
    at: Timestamp,
    event: Type.Optional(ThreadEventSchema),
    setAside: Type.Optional(Type.Object({ reason: SetAsideReasonSchema, duplicateOf: NullableString, note: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type HistoryEntry = Static<typeof HistoryEntrySchema>;

/** One re-attachment: who, when, the quote before (null: tied to a whole section) and after. */
export const AnchorChangeSchema = Type.Object(
  { by: Person, at: Timestamp, fromQuote: NullableString, toQuote: Type.String() },
  { additionalProperties: false },
);
export type AnchorChange = Static<typeof AnchorChangeSchema>;

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
    history: Type.Array(HistoryEntrySchema),
    /** Left out of the synthesis table by the secretariat (still shown in the workspace), or null. */
    setAside: Nullable(SetAsideSchema),
    /** Re-attachments of the thread to a new passage by the secretariat, oldest first. */
    anchorHistory: Type.Array(AnchorChangeSchema),
    comments: Type.Array(ThreadCommentSchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** Grows by one with every change; send it back as `expectedVersion` so a stale change is refused. */
    version: Type.Integer({ minimum: 1 }),
    proposal: Nullable(ProposalSchema),
    /** The consultation round the comment was made in (or answers), or null. */
    roundId: NullableString,
    /**
     * A draft (bản nháp) of its organisation's response to `roundId`: only the organisation's
     * officers see it, until the response is sent.
     */
    draft: Type.Boolean(),
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
    /** Only the threads a consultation round counts (its dashboard's comments). */
    roundId: Type.Optional(Id),
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
    /** Wording proposed in place of the passage (needs `anchor`). */
    proposal: Type.Optional(ProposalText),
    /**
     * The round a ministry comments in (by default the document's only open round consulting
     * its organisation): the comment is then a draft of the organisation's response.
     */
    roundId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateThreadBody = Static<typeof CreateThreadBody>;

/** `POST …/threads/:threadId/comments`. */
export const ReplyBody = Type.Object({ body: Body }, { additionalProperties: false });
export type ReplyBody = Static<typeof ReplyBody>;

/**
 * `POST …/threads/:threadId/status`: a decision and its explanation (also to edit only the
 * explanation: send the same status). With `expectedVersion`, refused with 409
 * `ERR_THREAD_VERSION_CONFLICT` if the thread changed since that version.
 */
export const StatusBody = Type.Object(
  { status: Status, explanation: Type.Optional(Type.String({ maxLength: 20_000 })), expectedVersion: Type.Optional(ExpectedVersion) },
  { additionalProperties: false },
);
export type StatusBody = Static<typeof StatusBody>;

/**
 * `PUT …/threads/:threadId/set-aside`: leave the thread out of the synthesis table. A
 * `duplicate` names the thread it repeats (`duplicateOf`, required then and only then); `other`
 * needs a note. `expectedVersion`: the thread version seen (see `PublicThread.version`).
 */
export const SetAsideBody = Type.Object(
  {
    reason: SetAsideReasonSchema,
    duplicateOf: Type.Optional(Id),
    note: Type.Optional(Type.String({ maxLength: 2_000 })),
    expectedVersion: Type.Optional(ExpectedVersion),
  },
  { additionalProperties: false },
);
export type SetAsideBody = Static<typeof SetAsideBody>;

/** `PUT …/threads/:threadId/proposal`: proposed wording for the passage, or null to withdraw it. */
export const ProposalBody = Type.Object(
  { text: Type.Union([ProposalText, Type.Null()]), expectedVersion: Type.Optional(ExpectedVersion) },
  { additionalProperties: false },
);
export type ProposalBody = Static<typeof ProposalBody>;

/** `POST …/threads/:threadId/proposal/apply` and `…/revert`: optionally the version seen. */
export const VersionedBody = Type.Object({ expectedVersion: Type.Optional(ExpectedVersion) }, { additionalProperties: false });
export type VersionedBody = Static<typeof VersionedBody>;

/**
 * A 409 answer of the thread routes. For `ERR_THREAD_VERSION_CONFLICT`, `current` is the
 * thread as it is now (someone else's change), so the client can show it and decide again.
 */
export const ThreadConflictResponse = Type.Object(
  {
    error: Type.Object(
      { code: Type.String(), message: Type.String(), current: Type.Optional(PublicThreadSchema) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ThreadConflictResponse = Static<typeof ThreadConflictResponse>;

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
    /** In a round the organisation already answered: the response in force that this one corrects. */
    supersedes: Type.Optional(Id),
    documentNumber: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    date: DateOnly,
    signer: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    noComments: Type.Boolean(),
    attachment: Type.Optional(AttachmentInput),
    items: Type.Array(
      Type.Object(
        {
          body: Body,
          anchor: Type.Optional(AnchorSchema),
          sectionBlockId: Type.Optional(Type.String({ maxLength: 64 })),
          proposal: Type.Optional(ProposalText),
        },
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
    /** The earlier response of the organisation in the round that this one corrects, or null. */
    supersedes: NullableString,
    /** The later response that corrects this one (it stays readable, marked superseded), or null. */
    supersededBy: NullableString,
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
