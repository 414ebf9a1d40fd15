import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses } from '../http/schemas.ts';
import { reattachThread } from './reattach.ts';
import type { CommentRouteKit } from './route-kit.ts';
import { AnchorSchema, ExpectedVersion, PublicThreadSchema, ThreadConflictResponse, ThreadParams } from './schemas.ts';

/**
 * `PUT …/threads/:threadId/anchor`: the new passage, in the shape a new thread's anchor has,
 * and optionally the thread version seen (a stale one gets 409 with the current thread).
 */
export const ReattachBody = Type.Object({ anchor: AnchorSchema, expectedVersion: Type.Optional(ExpectedVersion) }, { additionalProperties: false });
export type ReattachBody = Static<typeof ReattachBody>;

/**
 * `PUT /api/documents/:id/threads/:threadId/anchor` (secretariat): re-attaches an orphaned
 * thread to a passage of the live draft (see `reattachThread` for what is refused), audits it
 * as `thread.reattached` with the quotes before and after, and tells open pages through the
 * thread's live event.
 */
export async function reattachRoutes(app: FastifyInstance, context: Pick<CommentRouteKit, 'openable' | 'withConflicts' | 'visibleThread'>): Promise<void> {
  app.put<{ Params: ThreadParams; Body: ReattachBody }>(
    '/api/documents/:id/threads/:threadId/anchor',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: ThreadParams, body: ReattachBody, response: { 200: PublicThreadSchema, ...errorResponses(400, 401, 403, 404), 409: ThreadConflictResponse } },
    },
    async (request, reply) => {
      const { document, user } = context.openable(request);
      const shared = await app.collab.open(document.id);
      // A thread the person does not see (an organisation's draft) does not exist for them.
      await context.visibleThread(document, user, request.params.threadId);
      return context.withConflicts(document, reply, async () => {
        const { thread, change } = await reattachThread(app.comments, {
          documentId: document.id,
          threadId: request.params.threadId,
          by: user,
          anchor: request.body.anchor,
          doc: shared.doc,
          expectedVersion: request.body.expectedVersion,
        });
        await app.audit.record('thread.reattached', user.id, document.id, { threadId: thread.id, fromQuote: change.fromQuote, toQuote: change.toQuote });
        return thread;
      });
    },
  );
}
