import type { AttachmentContentStore } from '../store.ts';
import type { DatabaseHealth } from './database-health.ts';
import type { Pool } from './pool.ts';

/** Attachments as `bytea` rows of `attachments`; an id already stored is refused by the primary key. */
export class PostgresAttachmentStore implements AttachmentContentStore {
  constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  async put(id: string, data: Uint8Array): Promise<void> {
    await this.health.guard('storing an attachment', () => this.pool.query('INSERT INTO attachments (id, data) VALUES ($1, $2)', [id, Buffer.from(data)]));
  }

  async get(id: string): Promise<Uint8Array | undefined> {
    const result = await this.health.guard('reading an attachment', () => this.pool.query<{ data: Buffer }>('SELECT data FROM attachments WHERE id = $1', [id]));
    const row = result.rows[0];
    return row ? new Uint8Array(row.data) : undefined;
  }

  /** How many attachments are stored (the migration's verification counts them). */
  async count(): Promise<number> {
    const result = await this.pool.query<{ count: number }>('SELECT count(*)::bigint AS count FROM attachments');
    return result.rows[0]?.count ?? 0;
  }
}
