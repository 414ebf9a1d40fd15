import type { EditRecord, IdRange } from '../storage/records.ts';

/** Who made an edit and when. */
export interface EditStamp {
  userId: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Ranges of one client sorted by first clock, each with the stamp of its record. */
type ClientRanges = Array<{ clock: number; end: number; stamp: EditStamp }>;

function indexRanges(records: readonly EditRecord[], pick: (record: EditRecord) => IdRange[]): Map<number, ClientRanges> {
  const byClient = new Map<number, ClientRanges>();
  for (const record of records) {
    const stamp = { userId: record.userId, at: record.at };
    for (const [client, clock, length] of pick(record)) {
      let ranges = byClient.get(client);
      if (!ranges) byClient.set(client, (ranges = []));
      ranges.push({ clock, end: clock + length, stamp });
    }
  }
  // A stable sort keeps records in append order among equal starts: the first record wins.
  for (const ranges of byClient.values()) ranges.sort((a, b) => a.clock - b.clock);
  return byClient;
}

/** A recorded edit covering an item: its stamp and the end (exclusive) of its range. */
export type EditHit = { stamp: EditStamp; end: number } | { next: number };

/** The range holding `clock` (its stamp and end), or the next recorded clock after it (Infinity for none). */
function find(byClient: ReadonlyMap<number, ClientRanges>, client: number, clock: number): EditHit {
  const ranges = byClient.get(client);
  if (!ranges) return { next: Infinity };
  // Last range starting at or before `clock`: ranges of one client do not overlap, since the
  // document records an item's insertion and its deletion once each.
  let low = 0;
  let high = ranges.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((ranges[middle]?.clock ?? Infinity) <= clock) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const range = ranges[found];
  if (range !== undefined && clock < range.end) return { stamp: range.stamp, end: range.end };
  return { next: ranges[found + 1]?.clock ?? Infinity };
}

/**
 * Lookup of a document's edit records by Yjs item id: who inserted a character (or block)
 * and when, and who deleted it and when. `{ next }` when the edit predates recording or came
 * from no account (template content, the server's own repairs).
 */
export class EditIndex {
  private readonly inserts: Map<number, ClientRanges>;
  private readonly deletes: Map<number, ClientRanges>;

  constructor(records: readonly EditRecord[]) {
    this.inserts = indexRanges(records, (record) => record.inserted);
    this.deletes = indexRanges(records, (record) => record.deleted);
  }

  /** Who inserted the item `client:clock`, and when. */
  insertion(client: number, clock: number): EditHit {
    return find(this.inserts, client, clock);
  }

  /** Who deleted the item `client:clock`, and when. */
  deletion(client: number, clock: number): EditHit {
    return find(this.deletes, client, clock);
  }
}
