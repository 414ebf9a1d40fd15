/**
 * How often, at most, an awareness state whose content did not change is passed on again. Clients
 * renew their state every 15 s and drop a state not renewed for 30 s, so one renewal per 10 s
 * keeps every state alive while a client that re-sends the same state as fast as it may does not
 * make the server repeat it to everyone.
 */
export const RENEWAL_FORWARD_MS = 10_000;

/**
 * Decides which awareness entries of an update are worth passing on: additions, removals and
 * states whose content changed always; an unchanged state (only its clock moved) at most once per
 * RENEWAL_FORWARD_MS. Fed by the awareness `change` event (content changes) right before the
 * `update` event it filters, which is the order y-protocols emits them in.
 */
export class AwarenessRelay {
  private readonly lastForwarded = new Map<number, number>();
  private readonly changed = new Set<number>();

  /** Notes the client ids whose state content changed in the update being applied. */
  noteChanged(updated: readonly number[]): void {
    for (const clientId of updated) this.changed.add(clientId);
  }

  /** The client ids of an `update` event to pass on now. */
  select(added: readonly number[], updated: readonly number[], removed: readonly number[], now = Date.now()): number[] {
    const forwarded: number[] = [...added];
    for (const clientId of updated) {
      if (this.changed.has(clientId) || now - (this.lastForwarded.get(clientId) ?? -Infinity) >= RENEWAL_FORWARD_MS) forwarded.push(clientId);
    }
    this.changed.clear();
    for (const clientId of forwarded) this.lastForwarded.set(clientId, now);
    for (const clientId of removed) this.lastForwarded.delete(clientId);
    return [...forwarded, ...removed];
  }
}
