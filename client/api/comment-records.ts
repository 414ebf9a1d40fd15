import type { ClientShapes } from '../../server/http/client-shapes.ts';
import type {
  CommentVisibility,
  PublicSubmission,
  ThreadAnchor,
  ThreadComment,
  ThreadPosition,
} from '../../server/comments/schemas.ts';
import { allowedValues, narrowShape, oneOf, SHAPES } from './shapes.ts';

/**
 * Comment threads and official submissions as `/api/documents/:id/threads` and
 * `/api/documents/:id/submissions` present them (the server's types), and guards that narrow
 * untrusted JSON to them. Every parser throws `TypeError` on a malformed value.
 */

export type { CommentVisibility, ThreadAnchor, ThreadComment, ThreadPosition };
/** A comment thread, with its decision and replies, as the client reads it (see `CLIENT_SHAPES.Thread`). */
export type PublicThread = ClientShapes['Thread'];
/** Where a thread stands: `open` is new; the secretariat decides the middle four; a ministry may withdraw. */
export type ThreadStatus = PublicThread['status'];
/** How a comment reached the committee: typed on a passage, filed in a công văn, or said at a meeting. */
export type ThreadSource = PublicThread['source'];
/** A person as the comment API shows them. */
export type Person = PublicThread['author'];
/** `GET /api/documents/:id/threads`: the visible threads in document order, and counts over all of them. */
export type ThreadList = ClientShapes['ThreadList'];
/** An official written submission (công văn), or a "no comments" answer. */
export type Submission = PublicSubmission;

/** Every status, in the order filters and badges list them (the server's order). */
export const THREAD_STATUSES: readonly ThreadStatus[] = allowedValues<ThreadStatus>(SHAPES.Thread.properties?.status);

/** Narrows a thread status. */
export const parseThreadStatus = (value: unknown): ThreadStatus => oneOf(THREAD_STATUSES, value, 'thread.status');

/** Narrows the comment visibility setting. */
export const parseVisibility = (value: unknown): CommentVisibility =>
  oneOf(allowedValues<CommentVisibility>(SHAPES.ThreadList.properties?.visibility), value, 'visibility');

/** Narrows an API thread. */
export const parseThread = (value: unknown): PublicThread => narrowShape('Thread', value, 'thread');

/** Narrows `GET /api/documents/:id/threads`. */
export const parseThreadList = (value: unknown): ThreadList => narrowShape('ThreadList', value, 'threads');

/** Narrows an API submission. */
export const parseSubmission = (value: unknown): Submission => narrowShape('Submission', value, 'submission');
