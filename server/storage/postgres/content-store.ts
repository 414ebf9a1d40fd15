import * as Y from 'yjs';
import type { DocumentContentStore, StoredContent } from '../store.ts';
import { unavailable } from './database-health.ts';
import { inTransaction, LOCK_NAMESPACE, type Pool } from './pool.ts';

/** Compact once a document's log passes either bound (as the embedded store does). */
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
const COMPACT_AFTER_ROWS = 2000;

/** Appends that arrive while a batch is being committed wait at most for that commit. */
interface Pending {
  documentId: string;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** How much of a document's log this process knows is waiting for a compaction. */
interface LogSize {
  rows: number;
  bytes: number;
}

/**
 * Yjs content in PostgreSQL: `document_updates` (the log, in `seq` order) and
 * `document_snapshots` (one merged state per document).
 *
 * `append` resolves once its row is committed. Appends are group-committed: those that arrive
 * while a batch is in flight go together in the next one (a single multi-row INSERT), so the
 * batching delay is at most one commit.
 *
 * `compact` runs under `pg_advisory_xact_lock` on the document and merges the stored snapshot,
 * every logged row and the given state into the new snapshot before deleting exactly the rows
 * it merged. Two processes compacting at once therefore run one after the other, and neither
 * can drop an update it has not merged (Yjs updates commute, so the merge is always correct).
 */
export class PostgresContentStore implements DocumentContentStore {
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly sizes = new Map<string, LogSize>();

  constructor(private readonly pool: Pool) {}

  async load(documentId: string): Promise<StoredContent> {
    // One statement, so a compaction committing in between cannot hide rows from both parts.
    const result = await this.pool
      .query<{ part: number; data: Buffer }>(
        `SELECT 0 AS part, 0::bigint AS seq, data FROM document_snapshots WHERE document_id = $1
         UNION ALL SELECT 1, seq, data FROM document_updates WHERE document_id = $1
         ORDER BY part, seq`,
        [documentId],
      )
      .catch((error: unknown) => Promise.reject(unavailable(`loading document ${documentId}`, error)));
    const size: LogSize = { rows: 0, bytes: 0 };
    for (const row of result.rows) {
      if (row.part === 1) {
        size.rows += 1;
        size.bytes += row.data.length;
      }
    }
    this.sizes.set(documentId, size);
    return { updates: result.rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)), discardedBytes: 0 };
  }

  append(documentId: string, update: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ documentId, update, resolve, reject });
      this.kick();
    });
  }

  needsCompaction(documentId: string): boolean {
    const size = this.sizes.get(documentId);
    return size !== undefined && (size.rows >= COMPACT_AFTER_ROWS || size.bytes >= COMPACT_AFTER_BYTES);
  }

  async compact(documentId: string, state: Uint8Array): Promise<void> {
    await this.sync();
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || $2))', [LOCK_NAMESPACE.compaction, documentId]);
      const stored = await client.query<{ part: number; seq: number; data: Buffer }>(
        `SELECT 0 AS part, 0::bigint AS seq, data FROM document_snapshots WHERE document_id = $1
         UNION ALL SELECT 1, seq, data FROM document_updates WHERE document_id = $1
         ORDER BY part, seq`,
        [documentId],
      );
      const merged = Y.mergeUpdates([...stored.rows.map((row) => new Uint8Array(row.data)), state]);
      const lastSeq = stored.rows.reduce((last, row) => (row.part === 1 ? Math.max(last, row.seq) : last), 0);
      await client.query(
        `INSERT INTO document_snapshots (document_id, data, compacted_at) VALUES ($1, $2, now())
         ON CONFLICT (document_id) DO UPDATE SET data = EXCLUDED.data, compacted_at = now()`,
        [documentId, Buffer.from(merged)],
      );
      if (lastSeq > 0) await client.query('DELETE FROM document_updates WHERE document_id = $1 AND seq <= $2', [documentId, lastSeq]);
    }).catch((error: unknown) => Promise.reject(unavailable(`compacting document ${documentId}`, error)));
    this.sizes.set(documentId, { rows: 0, bytes: 0 });
  }

  async release(documentId: string): Promise<void> {
    await this.sync();
    this.sizes.delete(documentId);
  }

  async sync(): Promise<void> {
    while (this.flushing !== null || this.pending.length > 0) {
      this.kick();
      await this.flushing;
    }
  }

  /** Starts committing the waiting appends unless a batch is already in flight (it restarts when done). */
  private kick(): void {
    if (this.flushing !== null || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.commit(batch).finally(() => {
      this.flushing = null;
      this.kick();
    });
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      await this.pool.query('INSERT INTO document_updates (document_id, data) SELECT * FROM unnest($1::text[], $2::bytea[])', [
        batch.map((item) => item.documentId),
        batch.map((item) => Buffer.from(item.update.buffer, item.update.byteOffset, item.update.byteLength)),
      ]);
    } catch (error) {
      const refused = unavailable('appending a document update', error);
      for (const item of batch) item.reject(refused);
      return;
    }
    for (const item of batch) {
      const size = this.sizes.get(item.documentId);
      if (size) {
        size.rows += 1;
        size.bytes += item.update.byteLength;
      }
      item.resolve();
    }
  }
}
