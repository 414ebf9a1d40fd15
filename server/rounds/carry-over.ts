import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { currentUser } from '../auth/plugin.ts';
import { canOpenDocument } from '../documents/access.ts';
import { Errors } from '../errors.ts';
import { errorResponses, LiteralUnion, NullableString, Timestamp } from '../http/schemas.ts';
import { canSeeThread } from '../comments/policy.ts';
import { presenterFor } from '../comments/present.ts';
import { ROUND_STATES, THREAD_STATUSES, type RoundRecord } from '../storage/records.ts';
import { canSeeRound, visibleOrganizations } from './policy.ts';
import { DecisionCountsSchema, RoundParams } from './schemas.ts';
import { organizationStandings, zeroCounts } from './status.ts';
import { ANSWERED_WITH_COMMENTS } from './dashboard.ts';

const RevisionRef = Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false });

/** One comment of the previous round with the decision taken on it. */
export const CarriedDecisionSchema = Type.Object(
  {
    threadId: Type.String(),
    organization: Type.Object({ id: Type.String(), name: Type.String(), shortName: Type.String() }, { additionalProperties: false }),
    /** The section it sits in now ("1.2. Mục tiêu"), or null. */
    section: NullableString,
    /** The passage quoted when it was made, or null for a section-wide comment. */
    quote: NullableString,
    comment: Type.String(),
    status: LiteralUnion(THREAD_STATUSES),
    explanation: NullableString,
  },
  { additionalProperties: false },
);

/** `GET …/rounds/:roundId/carry-over`: what the round takes over from the one before it. */
export const CarryOverSchema = Type.Object(
  {
    revision: RevisionRef,
    /** The document's round opened just before this one, or null for a first round. */
    previous: Type.Union([
      Type.Object({ id: Type.String(), title: Type.String(), revision: RevisionRef, state: LiteralUnion(ROUND_STATES), closedAt: Type.Union([Timestamp, Type.Null()]) }, { additionalProperties: false }),
      Type.Null(),
    ]),
    /** Decisions of the previous round's comments (every status), in document order. */
    counts: DecisionCountsSchema,
    decisions: Type.Array(CarriedDecisionSchema),
  },
  { additionalProperties: false },
);
export type CarryOver = Static<typeof CarryOverSchema>;

/** The document's round opened just before `round`, or null. */
export function previousRound(rounds: readonly RoundRecord[], round: RoundRecord): RoundRecord | null {
  const earlier = rounds.filter((candidate) => candidate.id !== round.id && (candidate.openedAt < round.openedAt || (candidate.openedAt === round.openedAt && candidate.id < round.id)));
  return earlier.sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.id.localeCompare(a.id))[0] ?? null;
}

/**
 * `GET /api/documents/:id/rounds/:roundId/carry-over` (whoever sees the round): the round
 * before it, its revision (the page links the comparison of the two versions sent) and the
 * official comments of that round (of organisations that answered with comments) with their decisions and explanations, limited to what the
 * viewer may see (a ministry: its own organisation's, when the earlier round consulted it).
 */
export async function carryOverRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: RoundParams }>(
    '/api/documents/:id/rounds/:roundId/carry-over',
    { preHandler: app.requireUser, schema: { params: RoundParams, response: { 200: CarryOverSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request): Promise<CarryOver> => {
      const user = currentUser(request);
      const document = app.documents.get(request.params.id);
      if (!canOpenDocument(user, document)) throw new Errors.Forbidden();
      const round = app.rounds.get(document.id, request.params.roundId);
      if (!canSeeRound(user, round)) throw new Errors.RoundNotFound();
      const { revisionName, organizations, presenter } = app.store.records.read((data) => ({
        revisionName: (id: string) => data.revisions.find((revision) => revision.id === id)?.name ?? id,
        organizations: new Map(data.organizations.map((org) => [org.id, { ...org }])),
        presenter: presenterFor(data),
      }));
      const rounds = app.rounds.list(document.id);
      const previous = previousRound(rounds, round);
      const counts = zeroCounts(THREAD_STATUSES);
      const revision = { id: round.revisionId, name: revisionName(round.revisionId) };
      if (previous === null) return { revision, previous: null, counts, decisions: [] };
      const [submissions, threads] = await Promise.all([app.comments.submissionsOf(document.id), app.comments.threadsOf(document.id)]);
      const visible = { ...previous, organizations: canSeeRound(user, previous) ? visibleOrganizations(user, previous) : [] };
      const counted = organizationStandings(visible, app.rounds.now(), organizations, submissions, threads)
        .filter((standing) => ANSWERED_WITH_COMMENTS.includes(standing.row.status))
        .flatMap((standing) => standing.threads)
        .filter((thread) => canSeeThread(user, document, thread, rounds));
      const shared = await app.collab.open(document.id);
      const shown = counted.map((thread) => presenter(thread, shared.doc)).sort((a, b) => a.position.order - b.position.order || a.createdAt.localeCompare(b.createdAt));
      for (const thread of shown) counts[thread.status] += 1;
      return {
        revision,
        previous: { id: previous.id, title: previous.title, revision: { id: previous.revisionId, name: revisionName(previous.revisionId) }, state: previous.state, closedAt: previous.closedAt },
        counts,
        decisions: shown.map((thread) => ({
          threadId: thread.id,
          organization: thread.organization === null ? { id: '', name: '', shortName: '' } : { id: thread.organization.id, name: thread.organization.name, shortName: thread.organization.shortName },
          section: thread.position.sectionNumber === null ? thread.position.sectionTitle : `${thread.position.sectionNumber} ${thread.position.sectionTitle ?? ''}`.trim(),
          quote: thread.anchor?.quote ?? null,
          comment: thread.comments[0]?.body ?? '',
          status: thread.status,
          explanation: thread.explanation,
        })),
      };
    },
  );
}
