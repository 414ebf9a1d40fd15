/**
 * Attaches to a block's redline ops who inserted and who deleted their characters, and when,
 * from the blocks' Yjs ids (`OutlineBlock.idRuns`) and the resolvers in `CompareOptions`.
 */
import type { CompareOptions, EditLookup, OutlineBlock } from './types.ts';
import type { BlockChange, EditStamp, RedlineOp } from './comparison-schema.ts';
import type { TextOp } from './word-diff.ts';

/** Walks a block's id runs forward, handing out the id segments of successive character ranges. */
class IdCursor {
  private run = 0;
  private runStart = 0;

  constructor(private readonly runs: ReadonlyArray<readonly [number, number, number]>) {}

  /** `[client, firstClock, length]` segments covering characters `start … end - 1`; `start` never goes back. */
  segments(start: number, end: number): Array<[number, number, number]> {
    while (this.run < this.runs.length && this.runStart + (this.runs[this.run]?.[2] ?? 0) <= start) {
      this.runStart += this.runs[this.run]?.[2] ?? 0;
      this.run += 1;
    }
    const out: Array<[number, number, number]> = [];
    for (let scan = this.run, scanStart = this.runStart; scan < this.runs.length && scanStart < end; scan += 1) {
      const [client, clock, length] = this.runs[scan] ?? [0, 0, 0];
      const from = Math.max(start, scanStart);
      const to = Math.min(end, scanStart + length);
      if (to > from) out.push([client, clock + (from - scanStart), to - from]);
      scanStart += length;
    }
    return out;
  }
}

/** Distinct names and the latest time over some characters. */
class Tally {
  readonly authors: string[] = [];
  latest = -Infinity;

  add(author: string | null, at?: number): void {
    if (author !== null && !this.authors.includes(author)) this.authors.push(author);
    if (at !== undefined && at > this.latest) this.latest = at;
  }

  /** `{ at }` when a time is known, `{}` otherwise. */
  time(): { at?: string } {
    return Number.isFinite(this.latest) ? { at: new Date(this.latest).toISOString() } : {};
  }
}

/**
 * Feeds `tally` the recorded edits over `segments` (`pick` chooses insertions or deletions);
 * `unknown` is called for the client of each stretch nobody recorded.
 */
function tallyEdits(segments: ReadonlyArray<[number, number, number]>, pick: (clock: number, client: number) => ReturnType<EditLookup['insertion']>, tally: Tally, unknown: (client: number) => void): void {
  for (const [client, first, length] of segments) {
    const stop = first + length;
    let clock = first;
    while (clock < stop) {
      const hit = pick(clock, client);
      if ('next' in hit) {
        unknown(client);
        clock = Math.max(clock + 1, Math.min(hit.next, stop));
      } else {
        tally.add(hit.author, hit.at);
        clock = Math.min(hit.end, stop);
      }
    }
  }
}

/**
 * The ops with attribution: an insert op gets `authors` (recorded authors, else the owner of
 * the inserting client id through `authorOf`) and `at` when recorded; a delete op gets the
 * recorded deleters and time. Without resolvers the ops are copied unchanged.
 */
export function attributeOps(ops: readonly TextOp[], from: OutlineBlock | null, to: OutlineBlock | null, options: CompareOptions): RedlineOp[] {
  const { authorOf, edits } = options;
  if (authorOf === undefined && edits === undefined) return ops.map((op) => ({ ...op }));
  const names = new Map<number, string | null>();
  const nameOf = (client: number): string | null => {
    if (authorOf === undefined) return null;
    if (!names.has(client)) names.set(client, authorOf(client));
    return names.get(client) ?? null;
  };
  const toCursor = new IdCursor(to?.idRuns ?? []);
  const fromCursor = new IdCursor(from?.idRuns ?? []);
  let toOffset = 0;
  let fromOffset = 0;
  return ops.map((op) => {
    const length = op.text.length;
    if (op.op === 'equal') {
      toOffset += length;
      fromOffset += length;
      return { ...op };
    }
    const tally = new Tally();
    if (op.op === 'insert') {
      const segments = toCursor.segments(toOffset, toOffset + length);
      toOffset += length;
      if (edits === undefined) for (const [client] of segments) tally.add(nameOf(client));
      else tallyEdits(segments, (clock, client) => edits.insertion(client, clock), tally, (client) => tally.add(nameOf(client)));
      return { ...op, authors: tally.authors, ...tally.time() };
    }
    const segments = fromCursor.segments(fromOffset, fromOffset + length);
    fromOffset += length;
    if (edits === undefined) return { ...op };
    tallyEdits(segments, (clock, client) => edits.deletion(client, clock), tally, () => undefined);
    return { ...op, ...(tally.authors.length > 0 ? { authors: tally.authors } : {}), ...tally.time() };
  });
}

/** The recorded edit of a block element (`itemId` "client:clock"), as a stamp. */
function elementStamp(itemId: string | null, lookup: (client: number, clock: number) => ReturnType<EditLookup['insertion']>): EditStamp | null {
  const match = itemId === null ? null : /^(\d+):(\d+)$/u.exec(itemId);
  if (match === null) return null;
  const hit = lookup(Number(match[1]), Number(match[2]));
  return 'next' in hit ? null : { author: hit.author, at: new Date(hit.at).toISOString() };
}

/**
 * `insertedBy` for a block whose `to` element is new (added, or moved: re-created elsewhere)
 * and `deletedBy` for one whose `from` element is gone (removed or moved), when recorded.
 */
export function blockStamps(from: OutlineBlock | null, to: OutlineBlock | null, options: CompareOptions): Pick<BlockChange, 'insertedBy' | 'deletedBy'> {
  const { edits } = options;
  if (edits === undefined) return {};
  const created = from === null || (to !== null && from.itemId !== to.itemId);
  const gone = to === null || (from !== null && from.itemId !== to.itemId);
  const insertedBy = created && to !== null ? elementStamp(to.itemId, (client, clock) => edits.insertion(client, clock)) : null;
  const deletedBy = gone && from !== null ? elementStamp(from.itemId, (client, clock) => edits.deletion(client, clock)) : null;
  return { ...(insertedBy ? { insertedBy } : {}), ...(deletedBy ? { deletedBy } : {}) };
}
