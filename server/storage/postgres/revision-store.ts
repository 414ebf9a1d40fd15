import type { RevisionStateStore } from '../store.ts';
import type { DatabaseHealth } from './database-health.ts';
import type { Pool } from './pool.ts';

/** Revision states as `bytea` rows of `revision_states` (PostgreSQL compresses large values itself). */
export class PostgresRevisionStore implements RevisionStateStore {
  constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  async write(documentId: string, revisionId: string, state: Uint8Array): Promise<number> {
    // Written once: a retried write of the same revision leaves the first copy.
    await this.health.guard('storing a revision', () =>
      this.pool.query('INSERT INTO revision_states (document_id, revision_id, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [documentId, revisionId, Buffer.from(state)]),
    );
    return state.byteLength;
  }

  async read(documentId: string, revisionId: string): Promise<Uint8Array> {
    const result = await this.health.guard('reading a revision', () =>
      this.pool.query<{ data: Buffer }>('SELECT data FROM revision_states WHERE document_id = $1 AND revision_id = $2', [documentId, revisionId]),
    );
    const row = result.rows[0];
    if (!row) throw new Error(`revision ${revisionId} of document ${documentId} has no stored state`);
    return new Uint8Array(row.data);
  }

  async remove(documentId: string, revisionId: string): Promise<void> {
    await this.health.guard('deleting a revision', () => this.pool.query('DELETE FROM revision_states WHERE document_id = $1 AND revision_id = $2', [documentId, revisionId]));
  }

  /** How many revision states are stored (the migration's verification counts them). */
  async count(): Promise<number> {
    const result = await this.pool.query<{ count: number }>('SELECT count(*)::bigint AS count FROM revision_states');
    return result.rows[0]?.count ?? 0;
  }
}
