import type { ThreadRecord } from '../storage/records.ts';
import type { ThreadPosition } from '../comments/schemas.ts';
import type { PublicRound, RoundDashboard } from './schemas.ts';
import { statusCounts, type OrganizationStanding } from './status.ts';
import { vietNamDate } from './deadline.ts';
import type { OrganizationStatus } from './schemas.ts';

/**
 * Statuses of organisations that answered with comments (a written response with items, or
 * spoken at a meeting): their comments in the round are its official ones, which the round's
 * synthesis table holds and the next round carries over.
 */
export const ANSWERED_WITH_COMMENTS: readonly OrganizationStatus[] = ['responded', 'responded_late', 'oral'];

/** Statuses of organisations that have not answered: their drafts, if any, are not official comments. */
export const NOT_ANSWERED: readonly OrganizationStatus[] = ['pending', 'preparing', 'overdue'];

/**
 * The dashboard of a round from the standings the viewer may see: counts by status, the rows,
 * comments per section (in document order, by the section each comment sits in now;
 * `positionOf` resolves that in the live draft) and organisations answered over time.
 */
export function buildDashboard(
  round: PublicRound,
  now: string,
  standings: readonly OrganizationStanding[],
  positionOf: (thread: ThreadRecord) => ThreadPosition,
): RoundDashboard {
  const rows = standings.map((standing) => standing.row);
  const sections = new Map<string, { sectionId: string | null; sectionNumber: string | null; sectionTitle: string | null; count: number; order: number }>();
  for (const standing of standings) {
    for (const thread of standing.threads) {
      const position = positionOf(thread);
      const key = position.sectionId ?? '';
      const entry = sections.get(key);
      if (entry) {
        entry.count += 1;
        entry.order = Math.min(entry.order, position.order);
      } else {
        sections.set(key, { sectionId: position.sectionId, sectionNumber: position.sectionNumber, sectionTitle: position.sectionTitle, count: 1, order: position.order });
      }
    }
  }
  const perDay = new Map<string, number>();
  for (const standing of standings) {
    if (standing.firstResponseAt === null) continue;
    const day = vietNamDate(standing.firstResponseAt);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  let total = 0;
  const responsesOverTime = [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, count]) => ({ date, responses: (total += count) }));
  return {
    round,
    now,
    counts: statusCounts(rows),
    organizations: rows,
    sections: [...sections.values()]
      .sort((a, b) => a.order - b.order)
      .map(({ sectionId, sectionNumber, sectionTitle, count }) => ({ sectionId, sectionNumber, sectionTitle, count })),
    responsesOverTime,
    deadline: round.deadline,
  };
}
