import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { IdRanges } from './id-ranges.ts';
import { ALL_UNITS, applyTextEdits, byPositionDescending, LIVE_UNITS, replayEdits, textUnits, unitString, type TextEdit, type UnitFilter } from './moved-text.ts';
import type { TransactionOrigin } from './origins.ts';

/** Origin of the server's own transactions that replay concurrent edits into moved blocks. */
export const MOVE_REPAIR_ORIGIN: TransactionOrigin = { source: 'server', reason: 'move-repair' };

/** How many moved-away blocks a loaded document remembers (the oldest is forgotten first). */
export const MAX_MOVED_AWAY = 500;

/**
 * A block element deleted by a move (or any change of one client that deleted a block and
 * inserted one with the same block id in the same transaction) and what the server knows of it.
 */
interface MovedAway {
  /** The deleted original; its content is kept from garbage collection while remembered. */
  element: Y.XmlElement;
  blockId: string;
  /** The copy inserted by the move; looked up again by block id once it is gone (moved again, undone). */
  twin: Y.XmlElement;
  /** The document's state vector right after the move: items beyond it came later. */
  stateAtMove: Map<number, number>;
  /** Units of the original that were alive when it was moved. */
  alive: IdRanges;
  /** Units of the original deleted afterwards by clients that had not seen the move. */
  deletedLater: IdRanges;
  /** Units (`client:clock`) of the original's text as already carried into the copy. */
  view: Set<string>;
}

/** Decoded delete set of an update, by client. */
type DeleteRanges = Map<number, { clock: number; len: number }[]>;

function rangesHave(ranges: DeleteRanges | null, client: number, clock: number): boolean {
  for (const range of ranges?.get(client) ?? []) if (clock >= range.clock && clock < range.clock + range.len) return true;
  return false;
}

function keysOf(units: readonly { key: string }[]): Set<string> {
  return new Set(units.map((unit) => unit.key));
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a) if (!b.has(key)) return false;
  return true;
}

/** The block id of `element` read from its attribute item, also when the element is deleted. */
/** Every struct `transaction` integrated into `doc`, client by client, in clock order. */
function* structsAddedBy(doc: Y.Doc, transaction: Y.Transaction): Generator<Y.AbstractStruct> {
  for (const [client, clock] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (clock === before) continue;
    const structs = doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (struct) yield struct;
    }
  }
}

function blockIdOf(element: Y.XmlElement): string | null {
  const item = element._map.get('id');
  const values = item ? item.content.getContent() : [];
  const value: unknown = values[values.length - 1];
  return typeof value === 'string' && value !== '' ? value : null;
}

function isTextBlock(element: Y.XmlElement): boolean {
  return outlineSchema.nodes[element.nodeName]?.isTextblock === true;
}

/** The element an item holds, when it holds one. */
function elementOf(struct: Y.AbstractStruct): Y.XmlElement | null {
  return struct instanceof Y.Item && struct.content instanceof Y.ContentType && struct.content.type instanceof Y.XmlElement ? struct.content.type : null;
}

/** The live element with block id `id` under `parent`, depth first. */
function findLiveBlock(parent: Y.XmlFragment, id: string): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.getAttribute('id') === id) return child;
    const inner = findLiveBlock(child, id);
    if (inner) return inner;
  }
  return null;
}

/**
 * Keeps what is typed into a block while another person moves it. A move deletes the block's
 * Y element and inserts a copy elsewhere (`document-model/y-moves.ts`); text typed concurrently
 * into the original lands in a deleted element and would be invisible. For every transaction
 * from a client that deletes a text block and inserts one with the same block id, this
 * remembers the original (its content is kept from garbage collection, up to `limit` blocks per
 * loaded document) and replays into the live copy, in a transaction of its own with
 * `MOVE_REPAIR_ORIGIN`:
 * - at the move, what the mover had not seen (typed or deleted before the move reached the server);
 * - afterwards, every character inserted into or deleted from the original by a client that had
 *   not seen the move yet.
 * Positions go through a character diff, so edits made in the copy meanwhile are respected;
 * inserted text keeps its marks. Replaying is idempotent: an update applied again changes no
 * item and replays nothing. Call `noteIncoming` with every client (or remote) update just before applying it.
 */
export class MoveRepair {
  /** Remembered originals, keyed by the Y type (element) object, oldest first. */
  private readonly moved = new Map<object, MovedAway>();
  private incoming: { update: Uint8Array; format: 'v1' | 'v2' } | null = null;
  private decoded: DeleteRanges | null = null;

  /**
   * Watches `doc` (and sets its `gcFilter`). A failure of the repair never fails the client's
   * update that triggered it: it is handed to `onError` and that update is simply not repaired.
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly onError: (error: unknown) => void,
    private readonly limit = MAX_MOVED_AWAY,
  ) {
    doc.gcFilter = (item) => !this.keeps(item);
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      try {
        this.afterTransaction(transaction);
      } catch (error) {
        onError(error);
      }
    });
  }

  /** Number of moved-away blocks remembered. */
  get size(): number {
    return this.moved.size;
  }

  /** True while deleted content is kept in memory (an encoded state then carries it; see `SharedDocument.compact`). */
  get keepsDeletedContent(): boolean {
    return this.moved.size > 0;
  }

  /** Records the client update about to be applied: its deletions are read when they concern a moved block. */
  noteIncoming(update: Uint8Array, format: 'v1' | 'v2'): void {
    this.incoming = { update, format };
    this.decoded = null;
  }

  /** Forgets the noted update once it was applied (or failed). */
  clearIncoming(): void {
    this.incoming = null;
    this.decoded = null;
  }

  private incomingDeletes(): DeleteRanges | null {
    if (!this.incoming) return null;
    if (!this.decoded) {
      const { update, format } = this.incoming;
      const { ds } = format === 'v1' ? Y.decodeUpdate(update) : Y.decodeUpdateV2(update);
      this.decoded = ds.clients as DeleteRanges;
    }
    return this.decoded;
  }

  /** The remembered block an item belongs to (the element itself, its attributes, text or children). */
  private recordOf(item: Y.Item): MovedAway | undefined {
    const own = elementOf(item);
    if (own) {
      const record = this.moved.get(own);
      if (record) return record;
    }
    let parent: unknown = item.parent;
    for (let depth = 0; depth < 8 && parent instanceof Y.AbstractType; depth++) {
      const record = this.moved.get(parent);
      if (record) return record;
      parent = parent._item?.parent;
    }
    return undefined;
  }

  private keeps(item: Y.Item): boolean {
    if (this.moved.size === 0) return false;
    if (this.recordOf(item) !== undefined) return true;
    // A remembered block nested in a moved container (a cell paragraph in a moved table, an item
    // in a moved list) lives inside the container's deleted element: collecting the container
    // would collect the block with it, so the containers around it are kept too.
    return item.content instanceof Y.ContentType && this.holdsRemembered(item.content.type);
  }

  /** True when a remembered block lies somewhere below `type`. */
  private holdsRemembered(type: Y.AbstractType<unknown>): boolean {
    for (const record of this.moved.values()) {
      for (let parent: unknown = record.element.parent; parent instanceof Y.AbstractType; parent = parent._item?.parent) {
        if (parent === type) return true;
      }
    }
    return false;
  }

  private afterTransaction(transaction: Y.Transaction): void {
    const origin = transaction.origin as TransactionOrigin | null;
    // Another process's update is followed too (moves it made are remembered, what it typed into
    // a moved block is counted as carried over) but never repaired here: the process that
    // received it from its client replays it, and that replay arrives here as an update of its own.
    const fromPeer = origin?.source === 'remote';
    const fromClient = this.incoming !== null && (origin?.source === 'connection' || fromPeer);
    if (!fromClient) return;
    const repairs = new Map<Y.XmlElement, TextEdit[]>();
    const affected = new Set<MovedAway>();
    this.noteNewItems(transaction, affected);
    this.noteLaterDeletions(affected);
    for (const record of affected) this.reconcile(record, repairs);
    this.detectMoves(transaction, repairs);
    if (repairs.size === 0 || fromPeer) return;
    this.doc.transact(() => {
      for (const [element, edits] of repairs) applyTextEdits(element, edits);
    }, MOVE_REPAIR_ORIGIN);
  }

  /** Items this transaction integrated inside remembered blocks. */
  private noteNewItems(transaction: Y.Transaction, affected: Set<MovedAway>): void {
    if (this.moved.size === 0) return;
    for (const struct of structsAddedBy(this.doc, transaction)) {
      const record = struct instanceof Y.Item ? this.recordOf(struct) : undefined;
      if (record) affected.add(record);
    }
  }

  /**
   * Deletions the incoming update makes inside remembered blocks. An update that also deletes the
   * block itself comes from a client that has seen the move (its whole state deletes the block's
   * content) or deleted the block: its deletions there are not replayed.
   */
  private noteLaterDeletions(affected: Set<MovedAway>): void {
    if (this.moved.size === 0) return;
    const deletes = this.incomingDeletes();
    if (!deletes) return;
    for (const [client, ranges] of deletes) {
      const structs = this.doc.store.clients.get(client);
      if (!structs) continue;
      const state = Y.getState(this.doc.store, client);
      for (const range of ranges) {
        if (range.clock >= state) continue;
        const end = Math.min(range.clock + range.len, state);
        for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
          const struct = structs[i];
          if (!struct || struct.id.clock >= end) break;
          const record = struct instanceof Y.Item ? this.recordOf(struct) : undefined;
          const own = record?.element._item?.id;
          if (!record || !own || rangesHave(deletes, own.client, own.clock)) continue;
          const from = Math.max(range.clock, struct.id.clock);
          const to = Math.min(end, struct.id.clock + struct.length);
          record.deletedLater.add(client, from, to - from);
          affected.add(record);
        }
      }
    }
  }

  /** Replays into the live copy what changed in a remembered original since the last replay. */
  private reconcile(record: MovedAway, repairs: Map<Y.XmlElement, TextEdit[]>): void {
    const include: UnitFilter = (item, offset) => {
      const clock = item.id.clock + offset;
      const later = clock >= (record.stateAtMove.get(item.id.client) ?? 0);
      return (later || record.alive.has(item.id.client, clock)) && !record.deletedLater.has(item.id.client, clock);
    };
    const now = keysOf(textUnits(record.element, include));
    if (sameKeys(now, record.view)) return;
    const twin = this.liveTwin(record);
    if (twin && !repairs.has(twin)) {
      const units = textUnits(record.element, ALL_UNITS, include);
      repairs.set(twin, replayEdits(units, record.view, now, unitString(textUnits(twin, LIVE_UNITS))));
    }
    record.view = now;
  }

  private liveTwin(record: MovedAway): Y.XmlElement | null {
    if (record.twin._item && !record.twin._item.deleted) return record.twin;
    const found = findLiveBlock(this.doc.getXmlFragment(CONTENT_FRAGMENT), record.blockId);
    if (found) record.twin = found;
    return found;
  }

  /** Blocks this transaction deleted and re-inserted under the same id: remember them and replay what their author had not seen. */
  private detectMoves(transaction: Y.Transaction, repairs: Map<Y.XmlElement, TextEdit[]>): void {
    const deleted = new Map<string, Y.XmlElement>();
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      const element = elementOf(struct);
      const id = element && isTextBlock(element) ? blockIdOf(element) : null;
      if (element && id && !this.moved.has(element)) deleted.set(id, element);
    });
    if (deleted.size === 0) return;
    const authorSaw = this.incomingDeletes();
    for (const struct of structsAddedBy(this.doc, transaction)) {
      const twin = !(struct instanceof Y.Item && struct.deleted) ? elementOf(struct) : null;
      const id = twin ? blockIdOf(twin) : null;
      const original = id ? deleted.get(id) : undefined;
      if (!twin || !id || !original) continue;
      deleted.delete(id);
      this.remember(transaction, original, twin, id, authorSaw, repairs);
    }
  }

  private remember(
    transaction: Y.Transaction,
    element: Y.XmlElement,
    twin: Y.XmlElement,
    blockId: string,
    authorSaw: DeleteRanges | null,
    repairs: Map<Y.XmlElement, TextEdit[]>,
  ): void {
    // What the author copied: the units its own change deleted.
    const seen = keysOf(textUnits(element, (item, offset) => rangesHave(authorSaw, item.id.client, item.id.clock + offset)));
    // What the server had: units alive before this transaction (or brought by it).
    const alive = new IdRanges();
    const hadFilter: UnitFilter = (item, offset) => !item.deleted || Y.isDeleted(transaction.deleteSet, Y.createID(item.id.client, item.id.clock + offset));
    const units = textUnits(element, ALL_UNITS, hadFilter);
    const had = keysOf(textUnits(element, (item, offset) => {
      const live = hadFilter(item, offset);
      if (live) alive.add(item.id.client, item.id.clock + offset, 1);
      return live;
    }));
    const record: MovedAway = {
      element,
      blockId,
      twin,
      stateAtMove: transaction.afterState,
      alive,
      deletedLater: new IdRanges(),
      view: had,
    };
    this.moved.set(element, record);
    this.forgetOldest();
    const edits = replayEdits(units, seen, had, unitString(textUnits(twin, LIVE_UNITS)), true);
    if (edits.length > 0) repairs.set(twin, [...(repairs.get(twin) ?? []), ...edits].sort(byPositionDescending));
  }

  private forgetOldest(): void {
    while (this.moved.size > this.limit) {
      const [oldest, record] = this.moved.entries().next().value as [object, MovedAway];
      this.moved.delete(oldest);
      // Its content was only kept for this; let it go like any deleted content.
      const item = record.element._item;
      if (item?.deleted && !(item.content instanceof Y.ContentDeleted)) item.gc(this.doc.store, false);
    }
  }
}
