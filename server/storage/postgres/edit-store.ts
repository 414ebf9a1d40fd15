import type { EditRecord } from '../records.ts';
import type { EditAttributionStore } from '../store.ts';
import type { DatabaseHealth } from './database-health.ts';
import type { Pool } from './pool.ts';

/**
 * Edit attribution in `edit_batches`: one row per `append` (a JSON array of records), in append
 * order (`seq`). Nothing is held in memory; `forDocument` reads the document's rows each time
 * (exports are rare). Rows come only from `append`, so they have the record shape.
 */
export class PostgresEditStore implements EditAttributionStore {
  constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  async append(documentId: string, records: readonly EditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.health.guard('storing edit attribution', () =>
      this.pool.query('INSERT INTO edit_batches (document_id, records) VALUES ($1, $2)', [documentId, JSON.stringify(records)]),
    );
  }

  async forDocument(documentId: string): Promise<EditRecord[]> {
    const result = await this.health.guard('reading edit attribution', () =>
      this.pool.query<{ records: EditRecord[] }>('SELECT records FROM edit_batches WHERE document_id = $1 ORDER BY seq', [documentId]),
    );
    return result.rows.flatMap((row) => row.records);
  }

  /** Nothing is held per document. */
  async release(): Promise<void> {}
}
