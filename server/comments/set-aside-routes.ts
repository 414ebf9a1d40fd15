import type { FastifyInstance } from 'fastify';
import { Errors } from '../errors.ts';
import { errorResponses } from '../http/schemas.ts';
import type { CommentRouteKit } from './route-kit.ts';
import { PublicThreadSchema, SetAsideBody, ThreadConflictResponse, ThreadParams } from './schemas.ts';
import { checkSetAside, setThreadAside, undoSetAside } from './set-aside.ts';

/**
 * `PUT /api/documents/:id/threads/:threadId/set-aside` `{reason, duplicateOf?, note?, expectedVersion?}` leaves a
 * thread out of the synthesis table (or changes why); `DELETE` on the same path takes it back
 * in. Secretariat only; each is recorded in the thread's history and the audit trail, and
 * announced to open pages. Both answer with the thread (`setAside` set, or null); a PUT based
 * on a stale `expectedVersion` gets 409 `ERR_THREAD_VERSION_CONFLICT` with the current thread.
 */
export async function setAsideRoutes(app: FastifyInstance, kit: CommentRouteKit): Promise<void> {
  const path = '/api/documents/:id/threads/:threadId/set-aside';

  app.put<{ Params: ThreadParams; Body: SetAsideBody }>(
    path,
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: ThreadParams, body: SetAsideBody, response: { 200: PublicThreadSchema, ...errorResponses(400, 401, 403, 404), 409: ThreadConflictResponse } },
    },
    async (request, reply) => {
      const { document, user } = kit.openable(request);
      // Load the document before writing: a load that fails must fail the request before anything is stored.
      await app.collab.open(document.id);
      const thread = await kit.visibleThread(document, user, request.params.threadId);
      // The thread it repeats must be one the person sees: a draft does not exist for them.
      if (request.body.duplicateOf !== undefined) await kit.visibleThread(document, user, request.body.duplicateOf);
      const input = await checkSetAside(app.comments, document.id, thread.id, {
        reason: request.body.reason,
        duplicateOf: request.body.duplicateOf ?? null,
        note: request.body.note ?? '',
      });
      return kit.withConflicts(document, reply, async () => {
        const updated = await setThreadAside(app.comments, document.id, thread.id, user, input, request.body.expectedVersion);
        await app.audit.record('thread.set_aside', user.id, document.id, { threadId: thread.id, reason: input.reason, duplicateOf: input.duplicateOf, note: input.note });
        return updated;
      });
    },
  );

  app.delete<{ Params: ThreadParams }>(
    path,
    { preHandler: app.requireRole('secretariat'), schema: { params: ThreadParams, response: { 200: PublicThreadSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { document, user } = kit.openable(request);
      await app.collab.open(document.id);
      await kit.visibleThread(document, user, request.params.threadId);
      const { thread, changed } = await undoSetAside(app.comments, document.id, request.params.threadId, user);
      if (!changed) {
        const [shown] = await kit.present(document.id, [thread]);
        if (!shown) throw new Errors.Internal();
        return shown;
      }
      await app.audit.record('thread.set_aside_undone', user.id, document.id, { threadId: thread.id });
      return kit.announceOne(document, thread);
    },
  );
}
