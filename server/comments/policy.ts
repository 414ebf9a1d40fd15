import type { DocumentRecord, RoundRecord, ThreadRecord, ThreadStatus, UserRecord } from '../storage/records.ts';

/**
 * Who may do what with comment threads (the document must already be openable by the user;
 * see documents/access.ts). The one place these rules live; routes and live events ask here.
 */

/** What visibility needs of a document's rounds. */
export type RoundVisibility = Pick<RoundRecord, 'id' | 'revisionId' | 'ministriesSeeEachOther' | 'openedAt'>;

/** True when `user` is an officer of the thread's organisation. */
function ownOrganization(user: UserRecord, thread: ThreadRecord): boolean {
  return user.role === 'ministry' && user.organizationId !== null && thread.organizationId === user.organizationId;
}

/**
 * The round whose visibility rule governs `thread`: the round it was made in, else the latest
 * round that sent the revision it was made on; null for comments outside rounds.
 */
export function governingRound<R extends RoundVisibility>(rounds: readonly R[], thread: Pick<ThreadRecord, 'roundId' | 'revisionId'>): R | null {
  if (thread.roundId) return rounds.find((round) => round.id === thread.roundId) ?? null;
  if (thread.revisionId === null) return null;
  let found: R | null = null;
  for (const round of rounds) if (round.revisionId === thread.revisionId && (found === null || round.openedAt > found.openedAt)) found = round;
  return found;
}

/**
 * True when `user` sees `thread`, given the document's rounds:
 * - a draft (bản nháp) only by officers of its own organisation, never by anyone else, the
 *   secretariat included, until the response is sent;
 * - everyone but ministries sees every other thread;
 * - a ministry sees its own organisation's threads; another organisation's thread of a round
 *   only when the round lets ministries see each other's comments; outside rounds, when the
 *   secretariat opened comments to all participants.
 */
export function canSeeThread(user: UserRecord, document: DocumentRecord, thread: ThreadRecord, rounds: readonly RoundVisibility[]): boolean {
  if (thread.draft === true) return ownOrganization(user, thread);
  if (user.role !== 'ministry') return true;
  if (ownOrganization(user, thread)) return true;
  const round = governingRound(rounds, thread);
  if (round !== null) return round.ministriesSeeEachOther;
  return document.commentsVisibility === 'all_participants';
}

/**
 * True when the thread was sent in an organisation's official response to a round: its
 * organisation can no longer change or withdraw it (`ERR_RESPONSE_LOCKED`); a correction is a
 * new response. The secretariat's decisions are not affected.
 */
export function lockedForMinistry(user: UserRecord, thread: ThreadRecord): boolean {
  return user.role === 'ministry' && Boolean(thread.roundId) && thread.draft !== true && thread.submissionId !== null;
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
 * withdrawn); a ministry officer withdraws their organisation's own thread while undecided
 * (a sent response's comments are locked first: see `lockedForMinistry`).
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
