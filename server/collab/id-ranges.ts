import type * as Y from 'yjs';

/**
 * A set of Yjs ids (client, clock) kept as ranges per client. Small and unsorted: it holds the
 * ids of one moved block's text, so lookups scan a handful of ranges.
 */
export class IdRanges {
  private readonly byClient = new Map<number, { clock: number; len: number }[]>();

  /** Adds the ids `clock … clock + len - 1` of `client`, merging with a range it extends. */
  add(client: number, clock: number, len: number): void {
    if (len <= 0) return;
    const ranges = this.byClient.get(client) ?? [];
    const last = ranges[ranges.length - 1];
    if (last && last.clock + last.len === clock) last.len += len;
    else ranges.push({ clock, len });
    this.byClient.set(client, ranges);
  }

  /** True when `clock` of `client` is in the set. */
  has(client: number, clock: number): boolean {
    const ranges = this.byClient.get(client);
    if (!ranges) return false;
    for (const range of ranges) if (clock >= range.clock && clock < range.clock + range.len) return true;
    return false;
  }

  /** True when the unit at `offset` of `item` is in the set. */
  hasUnit(item: Y.Item, offset: number): boolean {
    return this.has(item.id.client, item.id.clock + offset);
  }
}
