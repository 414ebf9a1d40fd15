import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentUser } from '../auth/plugin.ts';
import { Errors } from '../errors.ts';
import { errorResponses } from '../http/schemas.ts';
import type { CommentRouteKit } from './route-kit.ts';
import { canPropose, lockedForMinistry } from './policy.ts';
import { applyProposal, revertProposal, type ProposalDeps } from './proposals.ts';
import { ProposalBody, PublicThreadSchema, ThreadConflictResponse, ThreadParams, VersionedBody } from './schemas.ts';

const responses = { 200: PublicThreadSchema, ...errorResponses(400, 401, 403, 404), 409: ThreadConflictResponse };

/**
 * Proposed wording: `PUT …/threads/:threadId/proposal` (the thread's organisation, or the
 * secretariat), and the secretariat's `POST …/proposal/apply` and `…/proposal/revert`, which
 * change the live draft (one attributed update each) and are audited.
 */
export async function proposalRoutes(app: FastifyInstance, kit: CommentRouteKit): Promise<void> {
  /** The request's document, loaded, and the thread if the user sees it. */
  const target = async (request: FastifyRequest<{ Params: ThreadParams }>) => {
    const { document, user } = kit.openable(request);
    // Load the document before writing: a load that fails must fail the request before anything is stored.
    const shared = await app.collab.open(document.id);
    const thread = await kit.visibleThread(document, user, request.params.threadId);
    return { document, user, thread, shared };
  };

  app.put<{ Params: ThreadParams; Body: ProposalBody }>(
    '/api/documents/:id/threads/:threadId/proposal',
    { preHandler: app.requireUser, schema: { params: ThreadParams, body: ProposalBody, response: responses } },
    async (request, reply) => {
      const { document, user, thread } = await target(request);
      if (lockedForMinistry(user, thread)) throw new Errors.ResponseLocked();
      if (!canPropose(user, thread)) throw new Errors.Forbidden();
      if (!thread.anchor) throw new Errors.Validation('proposed wording replaces a passage: this comment is on a whole section');
      const { text, expectedVersion } = request.body;
      return kit.withConflicts(document, reply, () => app.comments.propose(document.id, thread.id, user, text, expectedVersion));
    },
  );

  const actions = [
    { path: 'apply', run: applyProposal, action: 'proposal.applied' },
    { path: 'revert', run: revertProposal, action: 'proposal.reverted' },
  ] as const;
  for (const { path, run, action } of actions) {
    app.post<{ Params: ThreadParams; Body: VersionedBody }>(
      `/api/documents/:id/threads/:threadId/proposal/${path}`,
      { preHandler: app.requireRole('secretariat'), schema: { params: ThreadParams, body: VersionedBody, response: responses } },
      async (request, reply) => {
        const { document, user, thread, shared } = await target(request);
        const deps: ProposalDeps = {
          comments: app.comments,
          doc: shared.doc,
          noteAuthor: (update, userId) => app.authorship.note(document.id, update, userId),
        };
        const answer = await kit.withConflicts(document, reply, async () => {
          const changed = await run(deps, document.id, thread.id, user, request.body.expectedVersion);
          await shared.whenStored();
          await app.audit.record(action, currentUser(request).id, document.id, { threadId: thread.id, organizationId: thread.organizationId });
          return changed;
        });
        return answer;
      },
    );
  }
}
