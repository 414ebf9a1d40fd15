import { safeColor } from './user-color.ts';

/** One person shown in the presence list. */
export interface Participant {
  /** Yjs client id of their connection (one person can have several). */
  clientId: number;
  name: string;
  color: string;
  isLocal: boolean;
}

/**
 * Participants from awareness states: only states with a `user.name` string count;
 * colours are validated; the local client comes first, the rest sorted by name
 * (Vietnamese collation). Several tabs of one person (same name and colour) are listed once.
 */
export function participantsFromStates(states: ReadonlyMap<number, unknown>, localClientId: number): Participant[] {
  const all: Participant[] = [];
  for (const [clientId, state] of states) {
    if (typeof state !== 'object' || state === null || !('user' in state)) continue;
    const user: unknown = state.user;
    if (typeof user !== 'object' || user === null || !('name' in user) || typeof user.name !== 'string') continue;
    const color = 'color' in user ? safeColor(user.color) : safeColor(undefined);
    all.push({ clientId, name: user.name, color, isLocal: clientId === localClientId });
  }
  const collator = new Intl.Collator('vi');
  all.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || collator.compare(a.name, b.name) || a.clientId - b.clientId);
  const seen = new Set<string>();
  return all.filter((participant) => {
    const key = `${participant.name}\u0000${participant.color}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
