import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { currentUser } from '../auth/plugin.ts';
import { canOpenDocument } from '../documents/access.ts';
import { Errors } from '../errors.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { contentDisposition } from '../revisions/routes.ts';
import type { DocumentRecord, SubmissionRecord, ThreadRecord, UserRecord } from '../storage/records.ts';
import { canReply, canSeeThread, canSetStatus, canStartThread, governingRound, lockedForMinistry } from './policy.ts';
import { checkResponse, pendingDrafts, supersededBy } from '../rounds/response.ts';
import { sentVersionOf } from '../rounds/sent-version.ts';
import { presenterFor, threadPosition } from './present.ts';
import type { PublicThread } from './schemas.ts';
import { pageOf } from '../http/page.ts';
import {
  CommentSettingsBody,
  CreateSubmissionBody,
  CreateThreadBody,
  PageQuery,
  PublicSubmission,
  PublicThreadSchema,
  ReplyBody,
  StatusBody,
  SubmissionParams,
  ThreadConflictResponse,
  ThreadParams,
  ThreadsQuery,
  ThreadsResponse,
} from './schemas.ts';
import type { CommentRouteKit } from './route-kit.ts';
import { setAsideRoutes } from './set-aside-routes.ts';
import { synthesisRoutes } from './synthesis/routes.ts';
import { MAX_ATTACHMENT_BYTES } from './attachments.ts';
import { decisionAudit } from './decision-audit.ts';
import { conflictingThread } from './conflict.ts';
import { proposalRoutes } from './proposal-routes.ts';
import { sectionRoutes } from './section-routes.ts';
import { reattachRoutes } from './reattach-route.ts';
import { announceRoundChange } from '../rounds/events.ts';
import { roundThreadIds } from '../rounds/round-threads.ts';

/**
 * Comment threads, replies, decisions, official submissions, live events and the synthesis
 * table of a document. Every route checks that the user may open the document, then the
 * comment rules of policy.ts.
 */
export async function commentRoutes(app: FastifyInstance): Promise<void> {
  /** The document of `:id` if the request's user may open it. */
  const openable = (request: FastifyRequest<{ Params: { id: string } }>): { document: DocumentRecord; user: UserRecord } => {
    const user = currentUser(request);
    const document = app.documents.get(request.params.id);
    if (!canOpenDocument(user, document)) throw new Errors.Forbidden();
    return { document, user };
  };

  /**
   * Presents threads against the live document. Resolving anchors only reads the Y.Doc,
   * synchronously, so the shared document is used as it is, without a copy.
   */
  const present = async (documentId: string, threads: ThreadRecord[]): Promise<PublicThread[]> => {
    const shared = await app.collab.open(documentId);
    const presenter = app.store.records.read((data) => presenterFor(data));
    return threads.map((thread) => presenter(thread, shared.doc));
  };

  /** Whether `user` sees a thread of `document`, by the document's rounds as they are now. */
  const seesThread = (document: DocumentRecord, user: UserRecord): ((thread: ThreadRecord) => boolean) => {
    const rounds = app.rounds.list(document.id);
    return (thread) => canSeeThread(user, document, thread, rounds);
  };

  /** The thread of the document if `user` sees it; a hidden one does not exist for them. */
  const visibleThread = async (document: DocumentRecord, user: UserRecord, threadId: string): Promise<ThreadRecord> => {
    const thread = await app.comments.thread(document.id, threadId);
    if (!seesThread(document, user)(thread)) throw new Errors.ThreadNotFound();
    return thread;
  };

  /** Tells every open page of the document about changed threads (each sees what it may). */
  const announce = async (document: DocumentRecord, threads: ThreadRecord[]): Promise<PublicThread[]> => {
    const shown = await present(document.id, threads);
    threads.forEach((thread, index) => app.commentEvents.publish(document.id, 'thread', shown[index], { kind: 'thread', thread }));
    return shown;
  };

  /** Announces one thread and answers with it. */
  const announceOne = async (document: DocumentRecord, thread: ThreadRecord): Promise<PublicThread> => {
    const [shown] = await announce(document, [thread]);
    if (!shown) throw new Errors.Internal();
    return shown;
  };

  /**
   * Whether `user` sees a submission: all but ministries see all; a ministry its own
   * organisation's, and another's as it would see that organisation's sent comments (the
   * round's setting for a response to a round, the document's otherwise).
   */
  const seesSubmission = (document: DocumentRecord, user: UserRecord): ((submission: SubmissionRecord) => boolean) => {
    const rounds = app.rounds.list(document.id);
    return (submission) => {
      if (user.role !== 'ministry' || submission.organizationId === user.organizationId) return true;
      const round = submission.roundId ? governingRound(rounds, { roundId: submission.roundId, revisionId: null }) : null;
      return round !== null ? round.ministriesSeeEachOther : document.commentsVisibility === 'all_participants';
    };
  };

  /** The organisation a new thread is filed in: a ministry's own; others may name one only as the secretariat. */
  const organizationFor = (user: UserRecord, requested: string | undefined): string | null => {
    if (user.role === 'ministry') {
      if (requested !== undefined && requested !== user.organizationId) throw new Errors.Forbidden();
      return user.organizationId;
    }
    if (requested === undefined) return null;
    if (user.role !== 'secretariat') throw new Errors.Forbidden();
    if (!app.store.records.read((data) => data.organizations.some((org) => org.id === requested))) throw new Errors.OrganizationNotFound();
    return requested;
  };

  app.get<{ Params: { id: string }; Querystring: ThreadsQuery }>(
    '/api/documents/:id/threads',
    { preHandler: app.requireUser, schema: { params: IdParams, querystring: ThreadsQuery, response: { 200: ThreadsResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { document, user } = openable(request);
      const visible = (await app.comments.threadsOf(document.id)).filter(seesThread(document, user));
      const shared = await app.collab.open(document.id);
      const { presenter, organizationIds } = app.store.records.read((data) => ({
        presenter: presenterFor(data),
        organizationIds: new Set(data.organizations.map((org) => org.id)),
      }));
      // Positions are needed for the order of every thread; the full presentation (names,
      // copies) only for the threads answered.
      const placed = visible
        .map((thread) => ({ thread, position: threadPosition(thread, shared.doc) }))
        .sort((a, b) => a.position.order - b.position.order || a.thread.createdAt.localeCompare(b.thread.createdAt));
      const organizationKey = (thread: ThreadRecord): string =>
        thread.organizationId !== null && organizationIds.has(thread.organizationId) ? thread.organizationId : 'drafting_group';
      const byOrganization: Record<string, number> = {};
      const byStatus: Record<string, number> = {};
      for (const { thread } of placed) {
        const key = organizationKey(thread);
        byOrganization[key] = (byOrganization[key] ?? 0) + 1;
        byStatus[thread.status] = (byStatus[thread.status] ?? 0) + 1;
      }
      const { organizationId, status, sectionId, revisionId, roundId, limit, cursor } = request.query;
      const ofRound = roundId === undefined ? null : await roundThreadIds(app, document.id, roundId);
      const matching = placed.filter(
        ({ thread, position }) =>
          (ofRound === null || ofRound.has(thread.id)) &&
          (organizationId === undefined || organizationKey(thread) === organizationId) &&
          (status === undefined || thread.status === status) &&
          (sectionId === undefined || position.sectionId === sectionId) &&
          (revisionId === undefined || thread.revisionId === revisionId),
      );
      const page = pageOf(matching, limit, cursor);
      const threads = page.items.map(({ thread, position }) => presenter(thread, shared.doc, position));
      const answer = { visibility: document.commentsVisibility, threads, counts: { byOrganization, byStatus } };
      return page.nextCursor === undefined ? answer : { ...answer, nextCursor: page.nextCursor };
    },
  );

  app.post<{ Params: { id: string }; Body: CreateThreadBody }>(
    '/api/documents/:id/threads',
    { preHandler: app.requireUser, schema: { params: IdParams, body: CreateThreadBody, response: { 201: PublicThreadSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { document, user } = openable(request);
      // Load the document before writing: a load that fails must fail the request before anything is stored.
      await app.collab.open(document.id);
      if (!canStartThread(user)) throw new Errors.Forbidden();
      const { body, anchor, sectionBlockId, revisionId, meeting, proposal } = request.body;
      if (meeting && user.role !== 'secretariat') throw new Errors.Forbidden();
      if (proposal !== undefined && !anchor) throw new Errors.Validation('proposed wording replaces a passage (anchor)');
      if (!anchor && !sectionBlockId && !meeting) throw new Errors.Validation('a thread needs a passage (anchor) or a section (sectionBlockId)');
      if (revisionId) app.revisions.get(document.id, revisionId);
      const organizationId = organizationFor(user, request.body.organizationId);
      // A ministry's comment while a round consulting it is open is a draft of its response.
      const round = user.role === 'ministry' && organizationId !== null ? app.rounds.forSubmission(document.id, organizationId, request.body.roundId) : null;
      if (request.body.roundId !== undefined && round === null) throw new Errors.Forbidden();
      const thread = await app.comments.createThread({
        documentId: document.id,
        organizationId,
        author: user,
        source: meeting ? 'oral' : 'inline',
        body,
        anchor: anchor ?? null,
        sectionBlockId: sectionBlockId ?? null,
        // In a round, a comment is on the version the round sent (where its words are) unless it names another.
        revisionId: revisionId ?? (round === null ? null : await sentVersionOf(app.revisions, round, anchor ?? null)),
        meeting: meeting ?? null,
        proposal: proposal ?? null,
        roundId: round?.id ?? null,
        draft: round !== null,
      });
      return reply.status(201).send(await announceOne(document, thread));
    },
  );

  app.post<{ Params: ThreadParams; Body: ReplyBody }>(
    '/api/documents/:id/threads/:threadId/comments',
    { preHandler: app.requireUser, schema: { params: ThreadParams, body: ReplyBody, response: { 201: PublicThreadSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { document, user } = openable(request);
      // Load the document before writing: a load that fails must fail the request before anything is stored.
      await app.collab.open(document.id);
      const thread = await visibleThread(document, user, request.params.threadId);
      if (!canReply(user, thread)) throw new Errors.Forbidden();
      const updated = await app.comments.reply(document.id, thread.id, user, request.body.body);
      await app.notifications.threadReplied(updated, user);
      return reply.status(201).send(await announceOne(document, updated));
    },
  );

  /**
   * Runs a change of one thread; a version conflict is answered 409 with the thread as it is
   * now (`error.current`), so the person sees the other change instead of overwriting it.
   */
  const withConflicts = async (document: DocumentRecord, reply: FastifyReply, change: () => Promise<ThreadRecord>): Promise<PublicThread | FastifyReply> => {
    try {
      return await announceOne(document, await change());
    } catch (error) {
      const current = conflictingThread(error);
      if (current === null) throw error;
      const [shown] = await present(document.id, [current]);
      const refusal = new Errors.ThreadVersionConflict();
      return reply.status(409).send({ error: { code: refusal.code, message: refusal.message, current: shown } });
    }
  };

  app.post<{ Params: ThreadParams; Body: StatusBody }>(
    '/api/documents/:id/threads/:threadId/status',
    {
      preHandler: app.requireUser,
      schema: { params: ThreadParams, body: StatusBody, response: { 200: PublicThreadSchema, ...errorResponses(400, 401, 403, 404), 409: ThreadConflictResponse } },
    },
    async (request, reply) => {
      const { document, user } = openable(request);
      // Load the document before writing: a load that fails must fail the request before anything is stored.
      await app.collab.open(document.id);
      const thread = await visibleThread(document, user, request.params.threadId);
      if (lockedForMinistry(user, thread)) throw new Errors.ResponseLocked();
      if (!canSetStatus(user, thread, request.body.status)) throw new Errors.Forbidden();
      const { status, explanation, expectedVersion } = request.body;
      return withConflicts(document, reply, async () => {
        const updated = await app.comments.setStatus(document.id, thread.id, user, status, explanation ?? null, expectedVersion);
        await app.audit.record(...decisionAudit(thread, updated, user));
        await app.notifications.threadDecided(thread, updated, user);
        return updated;
      });
    },
  );

  app.put<{ Params: { id: string }; Body: CommentSettingsBody }>(
    '/api/documents/:id/comment-settings',
    { preHandler: app.requireRole('secretariat'), schema: { params: IdParams, body: CommentSettingsBody, response: { 200: CommentSettingsBody, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const visibility = request.body.visibility;
      const previousVisibility = await app.store.records.write((data) => {
        const document = data.documents.find((doc) => doc.id === request.params.id);
        if (!document) throw new Errors.DocumentNotFound();
        const previous = document.commentsVisibility;
        document.commentsVisibility = visibility;
        return previous;
      });
      await app.audit.record('comments.settings_changed', currentUser(request).id, request.params.id, { visibility, previousVisibility });
      app.commentEvents.publish(request.params.id, 'settings', { visibility }, { kind: 'document' });
      return { visibility };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/threads/events',
    { preHandler: app.requireUser, schema: { params: IdParams, response: errorResponses(400, 401, 403, 404) } },
    async (request, reply) => {
      const { document, user } = openable(request);
      reply.hijack();
      app.commentEvents.subscribe(document.id, user, reply.raw);
    },
  );

  /** A submission with its organisation's name and what supersedes it, for the API. */
  const presentSubmission = (submission: SubmissionRecord, superseded: ReadonlyMap<string, string>) =>
    app.store.records.read((data) => ({
      ...submission,
      roundId: submission.roundId ?? null,
      supersedes: submission.supersedes ?? null,
      supersededBy: superseded.get(submission.id) ?? null,
      organization: {
        id: submission.organizationId,
        name: data.organizations.find((org) => org.id === submission.organizationId)?.name ?? submission.organizationId,
      },
      createdBy: { id: submission.createdBy, displayName: data.users.find((u) => u.id === submission.createdBy)?.displayName ?? submission.createdBy },
    }));

  app.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/api/documents/:id/submissions',
    {
      preHandler: app.requireUser,
      schema: { params: IdParams, querystring: PageQuery, response: { 200: Type.Array(PublicSubmission), ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const { document, user } = openable(request);
      const all = await app.comments.submissionsOf(document.id);
      const visible = all.filter(seesSubmission(document, user));
      const superseded = supersededBy(all);
      const page = pageOf(visible, request.query.limit, request.query.cursor);
      if (page.nextCursor !== undefined) reply.header('x-next-cursor', page.nextCursor);
      return page.items.map((submission) => presentSubmission(submission, superseded));
    },
  );

  app.post<{ Params: { id: string }; Body: CreateSubmissionBody }>(
    '/api/documents/:id/submissions',
    {
      preHandler: app.requireUser,
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES * 1.4) + 1024 * 1024,
      schema: { params: IdParams, body: CreateSubmissionBody, response: { 201: PublicSubmission, ...errorResponses(400, 401, 403, 404, 409, 413) } },
    },
    async (request, reply) => {
      const { document, user } = openable(request);
      // Load the document before writing: a load that fails must fail the request before anything is stored.
      await app.collab.open(document.id);
      if (user.role !== 'ministry' && user.role !== 'secretariat') throw new Errors.Forbidden();
      const organizationId = organizationFor(user, request.body.organizationId);
      if (organizationId === null) throw new Errors.Validation('a submission is filed in an organisation’s name (organizationId)');
      const { noComments, items, revisionId } = request.body;
      if (noComments && items.length > 0) throw new Errors.Validation('a "no comments" submission has no items');
      if (items.some((item) => !item.anchor && !item.sectionBlockId)) throw new Errors.Validation('each item is tied to a passage (anchor) or a section (sectionBlockId)');
      if (items.some((item) => item.proposal !== undefined && !item.anchor)) throw new Errors.Validation('proposed wording replaces a passage (anchor)');
      if (revisionId) app.revisions.get(document.id, revisionId);
      const round = app.rounds.forSubmission(document.id, organizationId, request.body.roundId);
      // The stored rows, not copies: only the drafts are kept, and filing copies them.
      const [existing, threadsNow] = round === null ? [[], []] : await Promise.all([app.comments.submissionsOf(document.id), app.store.comments.threads(document.id)]);
      const drafts = round === null ? [] : pendingDrafts(threadsNow, round.id, organizationId);
      const { supersedes } =
        round === null
          ? { supersedes: null }
          : checkResponse({ round, organizationId, supersedes: request.body.supersedes, noComments, items: items.length, submissions: existing, drafts });
      if (round === null && request.body.supersedes !== undefined) throw new Errors.Validation('only a response to a round supersedes another (roundId)');
      if (round === null && !noComments && items.length === 0) throw new Errors.Validation('add at least one item, or declare "no comments"');
      const attachment = request.body.attachment
        ? await app.attachments.save(request.body.attachment.fileName, request.body.attachment.contentType, request.body.attachment.dataBase64)
        : null;
      const { submission, threads } = await app.comments.file({
        documentId: document.id,
        organizationId,
        author: user,
        revisionId: revisionId ?? round?.revisionId ?? null,
        roundId: round?.id ?? null,
        supersedes,
        publish: drafts,
        documentNumber: request.body.documentNumber,
        date: request.body.date,
        signer: request.body.signer,
        noComments,
        attachment,
        items: items.map((item) => ({ body: item.body, anchor: item.anchor ?? null, sectionBlockId: item.sectionBlockId ?? null, proposal: item.proposal ?? null })),
      });
      await app.audit.record('submission.filed', user.id, document.id, {
        submissionId: submission.id,
        organizationId,
        documentNumber: submission.documentNumber,
        date: submission.date,
        noComments,
        items: threads.length,
        revisionId: submission.revisionId,
        roundId: submission.roundId ?? null,
        supersedes: submission.supersedes ?? null,
      });
      await announce(document, threads);
      await app.notifications.responseFiled(submission, user);
      if (round !== null) announceRoundChange(app, round);
      return reply.status(201).send(presentSubmission(submission, new Map()));
    },
  );

  app.get<{ Params: SubmissionParams }>(
    '/api/documents/:id/submissions/:submissionId/attachment',
    { preHandler: app.requireUser, schema: { params: SubmissionParams, response: errorResponses(400, 401, 403, 404) } },
    async (request, reply) => {
      const { document, user } = openable(request);
      const submission = await app.comments.submission(document.id, request.params.submissionId);
      if (!seesSubmission(document, user)(submission)) throw new Errors.SubmissionNotFound();
      if (!submission.attachment) throw new Errors.SubmissionNotFound();
      const data = await app.attachments.read(submission.attachment.id);
      return reply
        .header('content-type', submission.attachment.contentType)
        .header('content-disposition', contentDisposition(submission.attachment.fileName))
        .send(data);
    },
  );

  const kit: CommentRouteKit = { openable, seesThread, visibleThread, announce, present, announceOne, withConflicts };
  await proposalRoutes(app, kit);
  await sectionRoutes(app, kit);
  await reattachRoutes(app, kit);
  await setAsideRoutes(app, kit);
  await synthesisRoutes(app, kit);
}
