import type { DocumentRecord, ThreadRecord, ThreadStatus, UserRecord } from '../storage/records.ts';

/**
 * Who may do what with comment threads (the document must already be openable by the user;
 * see documents/access.ts). The one place these rules live; routes and live events ask here.
 */

/** True when `user` sees `thread`: everyone but ministries sees all; a ministry sees its own
 * organisation's threads, and everyone's when the secretariat opened them to all participants. */
export function canSeeThread(user: UserRecord, document: DocumentRecord, thread: ThreadRecord): boolean {
  if (user.role !== 'ministry') return true;
  return thread.organizationId === user.organizationId || document.commentsVisibility === 'all_participants';
}

/** True when `user` may start a thread (observers only read). */
export function canStartThread(user: UserRecord): boolean {
  return user.role !== 'observer';
}

/** True when `user` may reply in `thread`: not observers; ministries only in their own organisation's threads. */
export function canReply(user: UserRecord, thread: ThreadRecord): boolean {
  if (user.role === 'observer') return false;
  if (user.role === 'ministry') return thread.organizationId === user.organizationId;
  return true;
}

/** Statuses the secretariat decides. */
export const DECISIONS: ReadonlySet<ThreadStatus> = new Set(['under_review', 'accepted', 'partially_accepted', 'not_accepted']);

/** Decisions that need a written explanation (giải trình). */
export const NEEDS_EXPLANATION: ReadonlySet<ThreadStatus> = new Set(['partially_accepted', 'not_accepted']);

/**
 * True when `user` may move `thread` to `status`: the secretariat decides (any status but
 * withdrawn); a ministry officer withdraws their organisation's own thread while undecided.
 */
export function canSetStatus(user: UserRecord, thread: ThreadRecord, status: ThreadStatus): boolean {
  if (status === 'withdrawn') {
    const undecided = thread.status === 'open' || thread.status === 'under_review';
    if (!undecided) return false;
    if (user.role === 'secretariat') return true;
    return user.role === 'ministry' && thread.organizationId === user.organizationId;
  }
  return user.role === 'secretariat' && (DECISIONS.has(status) || status === 'open');
}

/**
 * True when `user` may set or withdraw the wording proposed in `thread`: a ministry officer
 * of the thread's organisation, or the secretariat on its behalf; never once withdrawn.
 */
export function canPropose(user: UserRecord, thread: ThreadRecord): boolean {
  if (thread.status === 'withdrawn') return false;
  if (user.role === 'secretariat') return true;
  return user.role === 'ministry' && thread.organizationId !== null && thread.organizationId === user.organizationId;
}
