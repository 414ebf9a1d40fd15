import { Type, type Static } from '@sinclair/typebox';
import { Id, LiteralUnion, Nullable, NullableString, PersonSchema, Timestamp } from '../http/schemas.ts';
import { ROUND_STATES, THREAD_STATUSES } from '../storage/records.ts';

/**
 * Where an organisation stands in a round: `pending` (no answer, before the deadline),
 * `preparing` (comments in the round, no official response yet), `responded` (a submission
 * on time), `no_comments`, `overdue` (no response, deadline passed), `responded_late`, `oral`
 * (no written response, but spoke at a meeting during the round).
 */
export const ORGANIZATION_STATUSES = ['pending', 'preparing', 'responded', 'no_comments', 'overdue', 'responded_late', 'oral'] as const;

/** One organisation status. */
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const DateOnly = Type.String({ format: 'date' });

/** `:id` + `:roundId`. */
export const RoundParams = Type.Object({ id: Id, roundId: Id }, { additionalProperties: false });
export type RoundParams = Static<typeof RoundParams>;

/** A deadline: a date (the end of that day, Viet Nam time) or a date-time with its offset. */
export const DeadlineInput = Type.Union([DateOnly, Type.String({ format: 'date-time' })]);

/** `POST /api/documents/:id/rounds`. */
export const CreateRoundBody = Type.Object(
  {
    title: Text(300),
    requestLetter: Type.Object({ number: Text(100), date: DateOnly }, { additionalProperties: false }),
    revisionId: Id,
    deadline: DeadlineInput,
    organizations: Type.Union([Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true }), Type.Literal('all_invited')]),
    ministriesSeeEachOther: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CreateRoundBody = Static<typeof CreateRoundBody>;

/** `POST …/rounds/:roundId/extend`. */
export const ExtendRoundBody = Type.Object({ deadline: DeadlineInput, reason: Text(2000) }, { additionalProperties: false });
export type ExtendRoundBody = Static<typeof ExtendRoundBody>;

const OrganizationRef = Type.Object({ id: Type.String(), name: Type.String(), shortName: Type.String() }, { additionalProperties: false });

/** A round as the API shows it. A ministry sees only its own organisation in `organizations`. */
export const PublicRound = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    title: Type.String(),
    requestLetter: Type.Object({ number: Type.String(), date: Type.String() }, { additionalProperties: false }),
    revision: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    deadline: Timestamp,
    organizations: Type.Array(OrganizationRef),
    allInvited: Type.Boolean(),
    ministriesSeeEachOther: Type.Boolean(),
    state: LiteralUnion(ROUND_STATES),
    openedBy: PersonSchema,
    openedAt: Timestamp,
    closedAt: Nullable(Timestamp),
    history: Type.Array(
      Type.Object(
        { kind: LiteralUnion(['opened', 'extended', 'closed']), by: PersonSchema, at: Timestamp, from: NullableString, to: NullableString, reason: NullableString },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PublicRound = Static<typeof PublicRound>;

/** The response an organisation's status rests on (its latest submission in the round). */
export const RoundResponseSchema = Type.Object(
  {
    submissionId: Type.String(),
    documentNumber: Type.String(),
    date: Type.String(),
    signer: Type.String(),
    noComments: Type.Boolean(),
    filedAt: Timestamp,
    late: Type.Boolean(),
  },
  { additionalProperties: false },
);

const countsOf = <T extends readonly string[]>(keys: T) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer()])) as Record<T[number], ReturnType<typeof Type.Integer>>, {
    additionalProperties: false,
  });

/** Counts of each organisation status (every status present, zeros included). */
export const StatusCountsSchema = countsOf(ORGANIZATION_STATUSES);

/** Counts of each decision status of comments (every status present). */
export const DecisionCountsSchema = countsOf(THREAD_STATUSES);

/** One organisation's row: its status, its response, its comments in the round and their decisions. */
export const RoundRowSchema = Type.Object(
  {
    organization: OrganizationRef,
    status: LiteralUnion(ORGANIZATION_STATUSES),
    /** It also spoke at a meeting during the round. */
    oral: Type.Boolean(),
    response: Nullable(RoundResponseSchema),
    /** Responses filed in the round, superseded ones included. */
    responses: Type.Integer(),
    commentCount: Type.Integer(),
    decisions: DecisionCountsSchema,
  },
  { additionalProperties: false },
);
export type RoundRow = Static<typeof RoundRowSchema>;

/** A round with every organisation's current status (a ministry: its own row only). */
export const RoundWithStatuses = Type.Object({ ...PublicRound.properties, now: Timestamp, statuses: Type.Array(RoundRowSchema) }, { additionalProperties: false });
export type RoundWithStatuses = Static<typeof RoundWithStatuses>;

/** Comments of the round in one section (null ids: no section, or a passage since deleted). */
export const SectionCountSchema = Type.Object(
  { sectionId: NullableString, sectionNumber: NullableString, sectionTitle: NullableString, count: Type.Integer() },
  { additionalProperties: false },
);

/** `GET …/rounds/:roundId/dashboard`. */
export const RoundDashboard = Type.Object(
  {
    round: PublicRound,
    now: Timestamp,
    counts: StatusCountsSchema,
    organizations: Type.Array(RoundRowSchema),
    sections: Type.Array(SectionCountSchema),
    /** Organisations answered by the end of each day (Viet Nam time) on which one answered, cumulative. */
    responsesOverTime: Type.Array(Type.Object({ date: Type.String(), responses: Type.Integer() }, { additionalProperties: false })),
    deadline: Timestamp,
  },
  { additionalProperties: false },
);
export type RoundDashboard = Static<typeof RoundDashboard>;
