import { newId } from '../../ids.ts';
import { MAX_PREVIEWS, PREVIEW_TTL_MS, type PreviewStore, type StoredPreview } from '../../import/preview-store.ts';
import type { Pool } from './pool.ts';

/**
 * Import previews in `import_previews`, shared by every process: an upload answered by one
 * process can be confirmed on another (no sticky sessions needed). Expiry follows the app's
 * clock (`expires_at` in ms since the epoch); expired rows are deleted by the next `put`, and
 * the newest `max` are kept. The values are JSON written by this store only.
 */
export class PostgresPreviewStore<T> implements PreviewStore<T> {
  constructor(private readonly pool: Pool, private readonly now: () => number = Date.now, private readonly ttlMs = PREVIEW_TTL_MS, private readonly max = MAX_PREVIEWS) {}

  async put(ownerId: string, value: T): Promise<StoredPreview<T>> {
    const now = this.now();
    const preview = { id: newId(), ownerId, expiresAt: now + this.ttlMs, value };
    await this.pool.query('DELETE FROM import_previews WHERE expires_at <= $1', [now]);
    await this.pool.query('INSERT INTO import_previews (id, owner_id, expires_at, value) VALUES ($1, $2, $3, $4)', [preview.id, ownerId, preview.expiresAt, JSON.stringify(value)]);
    // The bound counts the new row: the oldest beyond it go, as in memory.
    await this.pool.query('DELETE FROM import_previews WHERE seq <= (SELECT seq FROM import_previews ORDER BY seq DESC OFFSET $1 LIMIT 1)', [this.max]);
    return preview;
  }

  async take(id: string, ownerId: string): Promise<StoredPreview<T> | undefined> {
    // One statement: of two processes taking the same preview, one deletes the row and gets it.
    const result = await this.pool.query<{ expires_at: number; value: T }>(
      'DELETE FROM import_previews WHERE id = $1 AND owner_id = $2 AND expires_at > $3 RETURNING expires_at, value',
      [id, ownerId, this.now()],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : { id, ownerId, expiresAt: row.expires_at, value: row.value };
  }

  async restore(preview: StoredPreview<T>): Promise<void> {
    await this.pool.query('INSERT INTO import_previews (id, owner_id, expires_at, value) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      preview.id,
      preview.ownerId,
      preview.expiresAt,
      JSON.stringify(preview.value),
    ]);
  }
}
