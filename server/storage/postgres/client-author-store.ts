import type { ClientAuthorRecord } from '../records.ts';
import type { ClientAuthorStore } from '../store.ts';
import type { DatabaseHealth } from './database-health.ts';
import type { Pool } from './pool.ts';

/** Client-id authorship in `client_authors`; the primary key makes the first owner win, across processes too. */
export class PostgresClientAuthorStore implements ClientAuthorStore {
  constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  async forDocument(documentId: string): Promise<Map<number, string>> {
    const result = await this.health.guard('reading client authors', () =>
      this.pool.query<{ client_id: number; user_id: string }>('SELECT client_id, user_id FROM client_authors WHERE document_id = $1', [documentId]),
    );
    return new Map(result.rows.map((row) => [row.client_id, row.user_id]));
  }

  async add(rows: ClientAuthorRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await this.health.guard('storing client authors', () =>
      this.pool.query(
        `INSERT INTO client_authors (document_id, client_id, user_id)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
        [rows.map((row) => row.documentId), rows.map((row) => row.clientId), rows.map((row) => row.userId)],
      ),
    );
  }

  async prune(documentId: string, keep: ReadonlySet<number>): Promise<void> {
    await this.health.guard('pruning client authors', () =>
      this.pool.query('DELETE FROM client_authors WHERE document_id = $1 AND NOT (client_id = ANY($2::bigint[]))', [documentId, [...keep]]),
    );
  }
}
