import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses } from '../http/schemas.ts';
import type { DocumentRecord, ThreadRecord, UserRecord } from '../storage/records.ts';
import { reattachThread } from './reattach.ts';
import { AnchorSchema, PublicThreadSchema, ThreadParams, type PublicThread } from './schemas.ts';

/** `PUT …/threads/:threadId/anchor`: the new passage, in the shape a new thread's anchor has. */
export const ReattachBody = Type.Object({ anchor: AnchorSchema }, { additionalProperties: false });
export type ReattachBody = Static<typeof ReattachBody>;

/** What the re-attach route borrows from the comment routes. */
export interface ReattachRouteContext {
  /** The document of `:id` if the request's user may open it (else `ERR_FORBIDDEN`). */
  openable(request: FastifyRequest<{ Params: { id: string } }>): { document: DocumentRecord; user: UserRecord };
  /** Tells every open page of the document about the changed thread and answers with its presentation. */
  announceOne(document: DocumentRecord, thread: ThreadRecord): Promise<PublicThread>;
}

/**
 * `PUT /api/documents/:id/threads/:threadId/anchor` (secretariat): re-attaches an orphaned
 * thread to a passage of the live draft (see `reattachThread` for what is refused), audits it
 * as `thread.reattached` with the quotes before and after, and tells open pages through the
 * thread's live event.
 */
export async function reattachRoutes(app: FastifyInstance, context: ReattachRouteContext): Promise<void> {
  app.put<{ Params: ThreadParams; Body: ReattachBody }>(
    '/api/documents/:id/threads/:threadId/anchor',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: ThreadParams, body: ReattachBody, response: { 200: PublicThreadSchema, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const { document, user } = context.openable(request);
      const shared = await app.collab.open(document.id);
      const { thread, change } = await reattachThread(app.store.comments, {
        documentId: document.id,
        threadId: request.params.threadId,
        by: user,
        anchor: request.body.anchor,
        doc: shared.doc,
      });
      await app.audit.record('thread.reattached', user.id, document.id, { threadId: thread.id, fromQuote: change.fromQuote, toQuote: change.toQuote });
      return context.announceOne(document, thread);
    },
  );
}
