import type { OrganizationStatus, RoundRow } from '../../rounds/schemas.ts';
import { ANSWERED_WITH_COMMENTS, NOT_ANSWERED } from '../../rounds/dashboard.ts';
import type { PublicThread } from '../schemas.ts';
import { vietnameseDate } from './dates.ts';
import { commentCounts, type PreambleOrganization, type RoundRequest, type SynthesisPreamble } from './preamble.ts';

/** What a round's synthesis preamble is built from: the round's request and every consulted organisation's row. */
export interface RoundFacts {
  request: RoundRequest;
  /** One row per consulted organisation, as the round's dashboard shows it (same computation). */
  rows: readonly RoundRow[];
}


/**
 * The preamble of a round's table, from the same rows as the round's dashboard, so its figures
 * equal the dashboard's: consulted = the round's organisations; with comments = responded +
 * responded late + oral; no comments = no_comments; not answered = pending + preparing +
 * overdue; late = every row whose response was filed after the deadline in force. `threads` are
 * the round's comments of organisations that answered with comments; `rowsInTable` the rows
 * the table holds. Lists in Vietnamese name order.
 */
export function buildRoundPreamble(facts: RoundFacts, threads: readonly PublicThread[], rowsInTable: number): SynthesisPreamble {
  const collator = new Intl.Collator('vi');
  const meetings = new Map<string, Set<string>>();
  for (const thread of threads) {
    if (thread.organization === null || !thread.meeting) continue;
    const set = meetings.get(thread.organization.id) ?? new Set<string>();
    set.add(`ý kiến tại ${thread.meeting.name} ngày ${vietnameseDate(thread.meeting.date)}`);
    meetings.set(thread.organization.id, set);
  }
  const entry = (row: RoundRow): PreambleOrganization => ({
    organization: row.organization.name,
    channels: [
      ...(row.response === null ? [] : [`Công văn số ${row.response.documentNumber} ngày ${vietnameseDate(row.response.date)}`]),
      ...(meetings.get(row.organization.id) ?? []),
    ],
  });
  const byName = (a: PreambleOrganization, b: PreambleOrganization): number => collator.compare(a.organization, b.organization);
  const of = (statuses: readonly OrganizationStatus[]): RoundRow[] => facts.rows.filter((row) => statuses.includes(row.status));
  const spoken = threads.filter((thread) => thread.organization !== null && thread.status !== 'withdrawn');
  return {
    request: facts.request,
    consulted: facts.rows.length,
    withComments: of(ANSWERED_WITH_COMMENTS).map(entry).sort(byName),
    noComments: of(['no_comments']).map(entry).sort(byName),
    notReplied: of(NOT_ANSWERED)
      .map((row) => row.organization.name)
      .sort(collator.compare),
    late: facts.rows
      .filter((row) => row.response?.late === true)
      .map(entry)
      .sort(byName),
    comments: commentCounts(spoken, rowsInTable),
  };
}
