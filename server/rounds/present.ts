import type { Database, RoundRecord } from '../storage/records.ts';
import type { PublicRound } from './schemas.ts';

/**
 * A round as the API shows it, names instead of ids; `organizations` limited to `visible`
 * (see policy.ts). An organisation or revision deleted since is shown by its id.
 */
export function presentRound(data: Readonly<Database>, round: RoundRecord, visible: readonly string[]): PublicRound {
  const person = (id: string) => ({ id, displayName: data.users.find((user) => user.id === id)?.displayName ?? id });
  const organizations = new Map(data.organizations.map((org) => [org.id, org]));
  const revision = data.revisions.find((candidate) => candidate.id === round.revisionId);
  return {
    id: round.id,
    documentId: round.documentId,
    title: round.title,
    requestLetter: { ...round.requestLetter },
    revision: { id: round.revisionId, name: revision?.name ?? round.revisionId },
    deadline: round.deadline,
    organizations: visible.map((id) => {
      const org = organizations.get(id);
      return { id, name: org?.name ?? id, shortName: org?.shortName ?? id };
    }),
    allInvited: round.allInvited,
    ministriesSeeEachOther: round.ministriesSeeEachOther,
    state: round.state,
    openedBy: person(round.openedBy),
    openedAt: round.openedAt,
    closedAt: round.closedAt,
    history: round.history.map((event) => ({ kind: event.kind, by: person(event.by), at: event.at, from: event.from, to: event.to, reason: event.reason })),
  };
}
