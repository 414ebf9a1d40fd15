import type { RoundRecord, UserRecord } from '../storage/records.ts';

/**
 * Who sees what of a round (the document must already be openable by the user). The one
 * place these rules live. The secretariat alone opens, extends and closes rounds (route guards).
 */

/** True when `user` may read `round`: everyone who opens the document, but a ministry only the rounds consulting it. */
export function canSeeRound(user: UserRecord, round: RoundRecord): boolean {
  if (user.role !== 'ministry') return true;
  return user.organizationId !== null && round.organizations.includes(user.organizationId);
}

/** The organisations of a round whose rows and names `user` sees: all, or a ministry's own. */
export function visibleOrganizations(user: UserRecord, round: RoundRecord): string[] {
  if (user.role !== 'ministry') return round.organizations;
  return round.organizations.filter((id) => id === user.organizationId);
}
