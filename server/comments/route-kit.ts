import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentRecord, ThreadRecord, UserRecord } from '../storage/records.ts';
import type { PublicThread } from './schemas.ts';

/**
 * What the comment routes share with the route modules they register (proposals, section
 * paths, re-attachment, set-aside, synthesis table): the access check, the presentation and
 * announcement of threads, and the answer to a version conflict, written once in routes.ts.
 */
export interface CommentRouteKit {
  /** The document of `:id` if the request's user may open it (`ERR_FORBIDDEN` otherwise). */
  openable(request: FastifyRequest<{ Params: { id: string } }>): { document: DocumentRecord; user: UserRecord };
  /** Whether `user` sees a thread of `document` (drafts, rounds and visibility settings: policy.ts). */
  seesThread(document: DocumentRecord, user: UserRecord): (thread: ThreadRecord) => boolean;
  /** The thread of the document if `user` sees it; `ERR_THREAD_NOT_FOUND` otherwise (a hidden thread does not exist for them). */
  visibleThread(document: DocumentRecord, user: UserRecord, threadId: string): Promise<ThreadRecord>;
  /** Tells every open page of the document about changed threads (each sees what it may). */
  announce(document: DocumentRecord, threads: ThreadRecord[]): Promise<PublicThread[]>;
  /** Threads presented against the live document. */
  present(documentId: string, threads: ThreadRecord[]): Promise<PublicThread[]>;
  /** Tells every open page of the document about a changed thread and answers with it. */
  announceOne(document: DocumentRecord, thread: ThreadRecord): Promise<PublicThread>;
  /** Runs a thread change, announces the result, and answers a version conflict with 409 and `error.current`. */
  withConflicts(document: DocumentRecord, reply: FastifyReply, change: () => Promise<ThreadRecord>): Promise<PublicThread | FastifyReply>;
}
