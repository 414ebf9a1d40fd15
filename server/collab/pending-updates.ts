import * as Y from 'yjs';

/**
 * What is left of an update after everything whose dependencies the document has was
 * integrated: a V2 update holding the rest, and for each client the lowest clock the rest waits
 * for (it may integrate once the document's state for that client is beyond that clock).
 */
export interface Leftover {
  update: Uint8Array;
  waiting: Map<number, number>;
}

/**
 * Applies `update` to `doc` like `Y.applyUpdate(V2)`, but never leaves anything in the
 * document's `store.pendingStructs` / `store.pendingDs`: what cannot be integrated yet (structs
 * or deletions referring to content the document lacks) is taken out and returned, so that the
 * cost of retrying it is borne by whoever owns it, not by every later update of the document.
 * Returns null when everything was integrated. Whatever was integrated is applied with `origin`
 * and emitted as usual. Throws what Yjs throws on an undecodable update (the pending fields are
 * still cleared).
 */
export function applyWithoutPending(doc: Y.Doc, update: Uint8Array, origin: unknown, format: 'v1' | 'v2'): Leftover | null {
  let structs: { missing: Map<number, number>; update: Uint8Array } | null = null;
  let deletions: Uint8Array | null = null;
  try {
    if (format === 'v1') Y.applyUpdate(doc, update, origin);
    else Y.applyUpdateV2(doc, update, origin);
  } finally {
    structs = doc.store.pendingStructs;
    deletions = doc.store.pendingDs;
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
  }
  if (!structs && !deletions) return null;
  const waiting = new Map(structs?.missing ?? []);
  if (deletions) {
    // A deletion of content the document lacks applies once the state passes the deleted clock.
    for (const [client, items] of Y.decodeUpdateV2(deletions).ds.clients) {
      for (const item of items) lowerTo(waiting, client, item.clock);
    }
  }
  const parts = [structs?.update, deletions].filter((part): part is Uint8Array => part != null);
  return { update: parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdatesV2(parts), waiting };
}

/** Budget of one connection's updates waiting for missing dependencies. */
export interface PendingBudget {
  /** Encoded bytes of the waiting rest. */
  maxBytes: number;
  /** Updates that left something waiting since the buffer was last empty. */
  maxUpdates: number;
}

/**
 * One connection's updates that wait for dependencies the document does not have. Kept apart
 * from the shared document, bounded in bytes and count, and merged only when retried, so that
 * adding costs O(size of the update) and a retry happens only when the document's state for a
 * client it waits for has moved past the clock it waits for.
 */
export class PendingUpdates {
  private parts: Uint8Array[] = [];
  private bytesValue = 0;
  private countValue = 0;
  private readonly waiting = new Map<number, number>();

  constructor(private readonly budget: PendingBudget) {}

  /** Encoded bytes held. */
  get bytes(): number {
    return this.bytesValue;
  }

  /** Updates that left something waiting since the buffer was last empty. */
  get count(): number {
    return this.countValue;
  }

  /** True when nothing waits. */
  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** Adds what was left of one update. Returns false once the buffer is over its budget. */
  add(leftover: Leftover): boolean {
    this.keep(leftover);
    this.countValue += 1;
    return this.withinBudget();
  }

  /** True when the state of one of `advanced` clients in `doc` moved past the clock the buffer waits for. */
  isReady(doc: Y.Doc, advanced: Iterable<number>): boolean {
    for (const client of advanced) {
      const clock = this.waiting.get(client);
      if (clock !== undefined && Y.getState(doc.store, client) > clock) return true;
    }
    return false;
  }

  /** Takes everything out as one V2 update (empty buffer afterwards; the count is kept for `restore`). */
  take(): Uint8Array {
    const merged = this.parts.length === 1 ? (this.parts[0] as Uint8Array) : Y.mergeUpdatesV2(this.parts);
    this.parts = [];
    this.bytesValue = 0;
    this.waiting.clear();
    return merged;
  }

  /** Puts back what a retry left; with nothing left the count starts again from zero. Returns false once over budget. */
  restore(leftover: Leftover | null): boolean {
    if (!leftover) {
      this.countValue = 0;
      return true;
    }
    this.keep(leftover);
    return this.withinBudget();
  }

  private keep(leftover: Leftover): void {
    this.parts.push(leftover.update);
    this.bytesValue += leftover.update.byteLength;
    for (const [client, clock] of leftover.waiting) lowerTo(this.waiting, client, clock);
  }

  private withinBudget(): boolean {
    return this.bytesValue <= this.budget.maxBytes && this.countValue <= this.budget.maxUpdates;
  }
}

/** Sets `map[key]` to `value` unless it already holds a lower one. */
function lowerTo(map: Map<number, number>, key: number, value: number): void {
  const current = map.get(key);
  if (current === undefined || value < current) map.set(key, value);
}
