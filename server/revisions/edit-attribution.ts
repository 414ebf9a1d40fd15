import * as Y from 'yjs';
import type { DocumentHooks } from '../collab/shared-document.ts';
import type { TransactionOrigin } from '../collab/origins.ts';
import type { EditRecord, IdRange } from '../storage/records.ts';
import type { EditAttributionStore } from '../storage/store.ts';
import { EditIndex } from './edit-index.ts';

/** How long edits are gathered before they are written (one frame per document per flush). */
const FLUSH_DELAY_MS = 1000;
/** Pending records past which a flush starts at once, so memory stays bounded under a burst. */
const MAX_PENDING_RECORDS = 2000;

/** Appends `range` to `ranges`, extending the last one when it continues it. */
function pushRange(ranges: IdRange[], range: IdRange): void {
  const last = ranges[ranges.length - 1];
  if (last !== undefined && last[0] === range[0] && last[1] + last[2] === range[1]) last[2] += range[2];
  else ranges.push([range[0], range[1], range[2]]);
}

/**
 * The ids an update inserted (its items, not garbage-collected structs or skips) and deleted.
 * A Y.Doc's `update` event carries exactly what its transaction changed: structs new to the
 * document and items that became deleted in it, never deletions the document already knew
 * (a reconnecting client resends its whole delete set, but only the new part is in the event).
 */
export function editedIds(update: Uint8Array): { inserted: IdRange[]; deleted: IdRange[] } {
  const { structs, ds } = Y.decodeUpdate(update);
  const inserted: IdRange[] = [];
  for (const struct of structs) if (struct instanceof Y.Item) pushRange(inserted, [struct.id.client, struct.id.clock, struct.length]);
  const deleted: IdRange[] = [];
  for (const [client, items] of ds.clients) for (const item of items) pushRange(deleted, [client, item.clock, item.len]);
  return { inserted, deleted };
}

/**
 * The account an edit is made for: a connection's user, or the user a server edit acts for. None
 * for another process's update: that process records it (the records are read back from the
 * shared store), so recording it here too would count it twice.
 */
function editorOf(origin: TransactionOrigin): string | null {
  if (origin.source === 'connection') return origin.connection.identity.userId;
  if (origin.source === 'server') return origin.userId ?? null;
  return null;
}

/**
 * Records who inserted and who deleted what, and when, from the updates as they reach the
 * shared document, into an `EditAttributionStore`. Consecutive edits of one person within a
 * flush are merged into one record (its time is the last edit's, so at most a second late).
 * Only pending records are held in memory; the history is read back on demand (`indexOf`).
 */
export class EditAttributionRecorder {
  private readonly pending = new Map<string, EditRecord[]>();
  private pendingCount = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EditAttributionStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Hooks recording every attributable change and releasing a document's file when it is unloaded. */
  hooks(): DocumentHooks {
    return {
      onChange: (document, update, origin) => {
        const userId = editorOf(origin);
        if (userId !== null) this.note(document.id, update, userId);
      },
      onUnload: async (document) => {
        await this.flush();
        await this.store.release(document.id);
      },
    };
  }

  /** Records the ids `update` inserted and deleted as `userId`'s, at the current time. */
  note(documentId: string, update: Uint8Array, userId: string): void {
    const { inserted, deleted } = editedIds(update);
    if (inserted.length === 0 && deleted.length === 0) return;
    const at = this.now();
    let records = this.pending.get(documentId);
    if (!records) this.pending.set(documentId, (records = []));
    const last = records[records.length - 1];
    if (last !== undefined && last.userId === userId) {
      last.at = at;
      for (const range of inserted) pushRange(last.inserted, range);
      for (const range of deleted) pushRange(last.deleted, range);
    } else {
      records.push({ userId, at, inserted, deleted });
      this.pendingCount += 1;
    }
    if (this.pendingCount >= MAX_PENDING_RECORDS) void this.flush().catch(() => this.schedule());
    else this.schedule();
  }

  private schedule(): void {
    if (this.pending.size === 0 || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => this.schedule());
    }, FLUSH_DELAY_MS);
    this.timer.unref();
  }

  /** Writes every pending record; what could not be written stays pending (and is retried). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending];
    this.pending.clear();
    this.pendingCount = 0;
    const run = this.flushing.then(async () => {
      const failures: unknown[] = [];
      await Promise.all(
        batch.map(([documentId, records]) =>
          this.store.append(documentId, records).catch((error: unknown) => {
            // Not stored: put back in front of anything newer rather than lose who edited.
            const newer = this.pending.get(documentId) ?? [];
            this.pending.set(documentId, [...records, ...newer]);
            this.pendingCount += records.length;
            failures.push(error);
          }),
        ),
      );
      if (failures.length > 0) throw failures[0];
    });
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** The document's attribution so far (pending records written first), as a lookup index. */
  async indexOf(documentId: string): Promise<EditIndex> {
    // Records that cannot be written now are still pending; the export falls back for them.
    await this.flush().catch(() => undefined);
    return new EditIndex(await this.store.forDocument(documentId));
  }
}
