import { THREAD_STATUSES, type OrganizationRecord, type RoundRecord, type SubmissionRecord, type ThreadRecord, type ThreadStatus } from '../storage/records.ts';
import { ORGANIZATION_STATUSES, type OrganizationStatus, type RoundRow } from './schemas.ts';

/** One organisation's standing in a round, with the comments it rests on (for per-section counts). */
export interface OrganizationStanding {
  row: RoundRow;
  /** The organisation's comments counted in the round. */
  threads: ThreadRecord[];
  /** When its first response was filed (the responses-over-time chart), or null. */
  firstResponseAt: string | null;
}

/** True when `at` (ISO) falls in the round's window: from opening to closing (or now, if open). */
function inWindow(round: RoundRecord, at: string): boolean {
  return at >= round.openedAt && (round.closedAt === null || at <= round.closedAt);
}

/**
 * Whether a thread belongs to the round: a written item counts only when it comes from the
 * organisation's latest response in the round (a correction replaces the earlier items); a
 * comment made in a round (`roundId`: a draft, or a draft sent with a response) counts in that
 * round only; another inline or oral comment counts when it was made on the revision sent, or
 * during the round.
 */
function inRound(round: RoundRecord, thread: ThreadRecord, latestSubmissionId: string | null): boolean {
  if (thread.roundId && thread.source !== 'written') return thread.roundId === round.id;
  if (thread.source === 'written') return thread.submissionId !== null && thread.submissionId === latestSubmissionId;
  return thread.revisionId === round.revisionId || inWindow(round, thread.createdAt);
}

/** The deadline in force at `at` (ISO): the last opening or extension recorded by then. */
export function deadlineAt(round: RoundRecord, at: string): string {
  let deadline = round.history.find((event) => event.kind === 'opened')?.to ?? round.deadline;
  for (const event of round.history) if (event.kind === 'extended' && event.to !== null && event.at <= at) deadline = event.to;
  return deadline;
}

/** A zero count for every value of `keys`. */
export function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/**
 * Computes every consulted organisation's status at `now` (ms) from the round, the document's
 * submissions and threads. Pure: the same inputs always give the same rows. A response is late
 * when filed after the deadline in force at that moment (a later extension does not rewrite it);
 * `overdue` compares `now` with the current deadline, so an extension turns it back to pending.
 * `preparing`: drafts (or comments recorded for it) in the round, no response yet; drafts never
 * count in `commentCount`, `decisions` or `threads`.
 * The status uses the organisation's latest response in the round; earlier ones only count in
 * `responses`. Order of rows: the round's order of organisations.
 */
export function organizationStandings(
  round: RoundRecord,
  now: number,
  organizations: ReadonlyMap<string, OrganizationRecord>,
  submissions: readonly SubmissionRecord[],
  threads: readonly ThreadRecord[],
): OrganizationStanding[] {
  const deadline = Date.parse(round.deadline);
  const roundSubmissions = submissions.filter((submission) => submission.roundId === round.id);
  return round.organizations.map((organizationId) => {
    const organization = organizations.get(organizationId);
    const own = roundSubmissions
      .filter((submission) => submission.organizationId === organizationId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const latest = own.at(-1) ?? null;
    const ofRound = threads.filter((thread) => thread.organizationId === organizationId && inRound(round, thread, latest?.id ?? null));
    // Drafts only tell that the organisation is preparing: counting them would leak their
    // number and sections before the response is sent (withdrawn drafts are not preparation).
    const drafts = ofRound.filter((thread) => thread.draft === true && thread.status !== 'withdrawn');
    const counted = ofRound.filter((thread) => thread.draft !== true);
    const oral = counted.some((thread) => thread.source === 'oral');
    const late = latest !== null && latest.createdAt > deadlineAt(round, latest.createdAt);
    let status: OrganizationStatus;
    if (latest !== null) status = latest.noComments ? 'no_comments' : late ? 'responded_late' : 'responded';
    else if (oral) status = 'oral';
    else if (now > deadline) status = 'overdue';
    else if (drafts.length > 0 || counted.length > 0) status = 'preparing';
    else status = 'pending';
    const decisions = zeroCounts<ThreadStatus>(THREAD_STATUSES);
    for (const thread of counted) decisions[thread.status] += 1;
    return {
      row: {
        organization: { id: organizationId, name: organization?.name ?? organizationId, shortName: organization?.shortName ?? organizationId },
        status,
        oral,
        response:
          latest === null
            ? null
            : {
                submissionId: latest.id,
                documentNumber: latest.documentNumber,
                date: latest.date,
                signer: latest.signer,
                noComments: latest.noComments,
                filedAt: latest.createdAt,
                late,
              },
        responses: own.length,
        commentCount: counted.length,
        decisions,
      },
      threads: counted,
      firstResponseAt: own[0]?.createdAt ?? null,
    };
  });
}

/** Counts of rows by status, every status present. */
export function statusCounts(rows: readonly RoundRow[]): Record<OrganizationStatus, number> {
  const counts = zeroCounts<OrganizationStatus>(ORGANIZATION_STATUSES);
  for (const row of rows) counts[row.status] += 1;
  return counts;
}
