import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { currentUser } from '../auth/plugin.ts';
import { canOpenDocument } from '../documents/access.ts';
import { Errors } from '../errors.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { threadPosition } from '../comments/present.ts';
import type { DocumentRecord, RoundRecord, UserRecord } from '../storage/records.ts';
import { canSeeRound, visibleOrganizations } from './policy.ts';
import { presentRound } from './present.ts';
import { buildDashboard } from './dashboard.ts';
import { announceRoundChange } from './events.ts';
import { organizationStandings, type OrganizationStanding } from './status.ts';
import { CreateRoundBody, ExtendRoundBody, PublicRound, RoundDashboard, RoundParams, RoundWithStatuses } from './schemas.ts';

/**
 * Consultation rounds of a document: the secretariat opens, extends and closes them; everyone
 * who opens the document reads them, a ministry only the rounds consulting it and only its own
 * row of statuses. Statuses are computed on every read from the round, the submissions and the
 * threads, at the app's clock, so they are always current.
 */
export async function roundRoutes(app: FastifyInstance): Promise<void> {
  /** The document of `:id` if the request's user may open it. */
  const openable = (request: FastifyRequest<{ Params: { id: string } }>): { document: DocumentRecord; user: UserRecord } => {
    const user = currentUser(request);
    const document = app.documents.get(request.params.id);
    if (!canOpenDocument(user, document)) throw new Errors.Forbidden();
    return { document, user };
  };

  /** The round of `:roundId` if the user may see it (otherwise it does not exist for them). */
  const visibleRound = (request: FastifyRequest<{ Params: RoundParams }>) => {
    const { document, user } = openable(request);
    const round = app.rounds.get(document.id, request.params.roundId);
    if (!canSeeRound(user, round)) throw new Errors.RoundNotFound();
    return { document, user, round };
  };

  const present = (round: RoundRecord, user: UserRecord) => app.store.records.read((data) => presentRound(data, round, visibleOrganizations(user, round)));

  /** The standings of the organisations `user` sees, at the clock's now. */
  const standingsFor = async (round: RoundRecord, user: UserRecord): Promise<OrganizationStanding[]> => {
    const [submissions, threads] = await Promise.all([app.comments.submissionsOf(round.documentId), app.comments.threadsOf(round.documentId)]);
    const organizations = app.store.records.read((data) => new Map(data.organizations.map((org) => [org.id, { ...org }])));
    const visible = { ...round, organizations: visibleOrganizations(user, round) };
    return organizationStandings(visible, app.rounds.now(), organizations, submissions, threads);
  };

  const withStatuses = async (round: RoundRecord, user: UserRecord) => ({
    ...present(round, user),
    now: app.rounds.stamp(),
    statuses: (await standingsFor(round, user)).map((standing) => standing.row),
  });

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/rounds',
    { preHandler: app.requireUser, schema: { params: IdParams, response: { 200: Type.Array(PublicRound), ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { document, user } = openable(request);
      return app.rounds
        .list(document.id)
        .filter((round) => canSeeRound(user, round))
        .map((round) => present(round, user));
    },
  );

  app.post<{ Params: { id: string }; Body: CreateRoundBody }>(
    '/api/documents/:id/rounds',
    { preHandler: app.requireRole('secretariat'), schema: { params: IdParams, body: CreateRoundBody, response: { 201: RoundWithStatuses, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const { document, user } = openable(request);
      const revision = app.revisions.get(document.id, request.body.revisionId);
      if (revision.kind !== 'named') throw new Errors.RevisionNotNamed();
      const { round, invited } = await app.rounds.open(document, user, request.body);
      await app.audit.record('round.opened', user.id, document.id, {
        roundId: round.id,
        title: round.title,
        revisionId: round.revisionId,
        deadline: round.deadline,
        organizations: round.organizations.join(','),
        invited: invited.join(','),
      });
      await app.notifications.roundOpened(round, user);
      announceRoundChange(app, round);
      return reply.status(201).send(await withStatuses(round, user));
    },
  );

  app.get<{ Params: RoundParams }>(
    '/api/documents/:id/rounds/:roundId',
    { preHandler: app.requireUser, schema: { params: RoundParams, response: { 200: RoundWithStatuses, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { user, round } = visibleRound(request);
      return withStatuses(round, user);
    },
  );

  app.post<{ Params: RoundParams; Body: ExtendRoundBody }>(
    '/api/documents/:id/rounds/:roundId/extend',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: RoundParams, body: ExtendRoundBody, response: { 200: RoundWithStatuses, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const { document, user } = openable(request);
      const before = app.rounds.get(document.id, request.params.roundId);
      const round = await app.rounds.extend(document.id, before.id, user, request.body.deadline, request.body.reason);
      await app.audit.record('round.extended', user.id, document.id, { roundId: round.id, from: before.deadline, to: round.deadline, reason: request.body.reason });
      announceRoundChange(app, round);
      return withStatuses(round, user);
    },
  );

  app.post<{ Params: RoundParams }>(
    '/api/documents/:id/rounds/:roundId/close',
    { preHandler: app.requireRole('secretariat'), schema: { params: RoundParams, response: { 200: RoundWithStatuses, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      const { document, user } = openable(request);
      const round = await app.rounds.close(document.id, request.params.roundId, user);
      await app.audit.record('round.closed', user.id, document.id, { roundId: round.id });
      announceRoundChange(app, round);
      return withStatuses(round, user);
    },
  );

  app.get<{ Params: RoundParams }>(
    '/api/documents/:id/rounds/:roundId/dashboard',
    { preHandler: app.requireUser, schema: { params: RoundParams, response: { 200: RoundDashboard, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { document, user, round } = visibleRound(request);
      const standings = await standingsFor(round, user);
      // Sections as they are now in the live draft: where the drafting group will fold the comments in.
      const shared = await app.collab.open(document.id);
      return buildDashboard(present(round, user), app.rounds.stamp(), standings, (thread) => threadPosition(thread, shared.doc));
    },
  );
}
