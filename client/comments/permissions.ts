import type { PublicThread } from '../api/comment-records.ts';
import type { Role } from '../api/records.ts';
import { isUndecided } from './status-labels.ts';

/**
 * What the signed-in person may do with comments, as the sidebar needs to know it. The
 * server enforces every rule (server/comments/policy.ts); the UI only avoids offering
 * actions that would be refused.
 */

/** The signed-in person as the comment rules see them. */
export interface CommentActor {
  role: Role;
  organizationId: string | null;
}

/** True when the person may start a thread (everyone but observers). */
export function canStartThread(actor: CommentActor): boolean {
  return actor.role !== 'observer';
}

/** True when the person may reply: not observers; ministries only in their own organisation's threads. */
export function canReply(actor: CommentActor, thread: PublicThread): boolean {
  if (actor.role === 'observer') return false;
  if (actor.role === 'ministry') return thread.organization !== null && thread.organization.id === actor.organizationId;
  return true;
}

/** True for the secretariat, who decides every thread. */
export function canDecide(actor: CommentActor): boolean {
  return actor.role === 'secretariat';
}

/** True when the thread was sent in its organisation's official response to a round: locked for the organisation. */
export function sentInResponse(thread: PublicThread): boolean {
  return thread.roundId !== null && !thread.draft && thread.submissionId !== null;
}

/**
 * True when a ministry officer may withdraw the thread: their organisation's own, while
 * undecided, and not yet sent in an official response (a draft may always be withdrawn).
 */
export function canWithdraw(actor: CommentActor, thread: PublicThread): boolean {
  return actor.role === 'ministry' && thread.organization !== null && thread.organization.id === actor.organizationId && isUndecided(thread.status) && !sentInResponse(thread);
}

/** True for the roles that file official written submissions from the sidebar (ministry officers). */
export function canFileSubmission(actor: CommentActor): boolean {
  return actor.role === 'ministry' && actor.organizationId !== null;
}

/** True for the roles that may download the synthesis table (secretariat and editors). */
export function canDownloadSynthesis(actor: CommentActor): boolean {
  return actor.role === 'secretariat' || actor.role === 'editor';
}
