import { RefusingBucket } from './rate-limiter.ts';

/** Per-connection awareness limits. */
export interface AwarenessLimits {
  /** Sustained awareness bytes per second a connection may send (its messages as received). */
  bytesPerSecond: number;
  /** Awareness bytes a connection may send at once before the sustained rate applies. */
  burstBytes: number;
  /** Bytes of the states a connection's client ids hold at one time, in total. */
  maxHeldBytes: number;
  /** Distinct client ids one connection may publish a state for. */
  maxClientIds: number;
  /** Entries in one awareness message. */
  maxEntriesPerMessage: number;
}

/** Why a connection went over its awareness budget. */
export type AwarenessOverrun = 'rate' | 'held_bytes' | 'client_ids';

/**
 * The awareness one connection has spent and holds: a byte-rate bucket for what it sends and,
 * per client id it publishes, the size of the state it holds. Whoever sends more than its share
 * is told so, and the caller closes it before the state reaches anyone else.
 */
export class AwarenessBudget {
  private readonly bucket: RefusingBucket;
  private readonly held = new Map<number, number>();

  constructor(private readonly limits: AwarenessLimits) {
    this.bucket = new RefusingBucket(limits.bytesPerSecond, limits.burstBytes);
  }

  /** Charges `bytes` sent (an awareness message, or the answer to a query); 'rate' when over the rate. */
  charge(bytes: number): AwarenessOverrun | null {
    return this.bucket.tryTake(bytes) ? null : 'rate';
  }

  /**
   * Checks the states an accepted message would leave this connection holding (a state of 0
   * bytes is a removal). Records them and returns null when within the budget; otherwise
   * records nothing and names the limit.
   */
  hold(entries: ReadonlyArray<{ clientId: number; bytes: number }>): AwarenessOverrun | null {
    const next = new Map(this.held);
    for (const { clientId, bytes } of entries) {
      if (bytes === 0) next.delete(clientId);
      else next.set(clientId, bytes);
    }
    if (next.size > this.limits.maxClientIds) return 'client_ids';
    let total = 0;
    for (const bytes of next.values()) total += bytes;
    if (total > this.limits.maxHeldBytes) return 'held_bytes';
    this.held.clear();
    for (const [clientId, bytes] of next) this.held.set(clientId, bytes);
    return null;
  }
}
