import type { NotificationPreferencesRecord, NotificationRecord, ReminderClaimRecord } from '../notification-records.ts';
import type { NotificationStore } from '../store.ts';
import type { DatabaseHealth } from './database-health.ts';
import type { Pool } from './pool.ts';

/**
 * Notifications in `notifications` (JSON rows keyed by id, ordered by `seq`, with the user and
 * read time as columns for the queries), preferences in `notification_preferences` (by user) and
 * reminder claims in `reminder_claims` (by key). Reads always ask the database, so another
 * process's notifications are seen at once. A claim is one `INSERT … ON CONFLICT DO UPDATE …
 * WHERE` statement: the database locks the key's row, so of concurrent claimers (in any
 * process) exactly one gets it.
 */
export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  async add(rows: readonly NotificationRecord[]): Promise<NotificationRecord[]> {
    const seen = new Set<string>();
    const unique = rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
    if (unique.length === 0) return [];
    const result = await this.health.guard('storing notifications', () =>
      this.pool.query<{ id: string }>(
        `INSERT INTO notifications (id, user_id, read_at, data)
         SELECT id, user_id, read_at, data FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS u(id, user_id, read_at, data, n)
         ORDER BY n
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [unique.map((row) => row.id), unique.map((row) => row.userId), unique.map((row) => row.readAt), unique.map((row) => JSON.stringify(row))],
      ),
    );
    const stored = new Set(result.rows.map((row) => row.id));
    return unique.filter((row) => stored.has(row.id));
  }

  async list(userId: string, limit: number, before?: string): Promise<NotificationRecord[]> {
    // An unknown cursor makes the comparison null, so it gives an empty page (as the embedded store).
    const result = await this.health.guard('reading notifications', () =>
      before === undefined
        ? this.pool.query<{ data: NotificationRecord }>('SELECT data FROM notifications WHERE user_id = $1 ORDER BY seq DESC LIMIT $2', [userId, limit])
        : this.pool.query<{ data: NotificationRecord }>(
            `SELECT data FROM notifications
             WHERE user_id = $1 AND seq < (SELECT seq FROM notifications WHERE id = $3 AND user_id = $1)
             ORDER BY seq DESC LIMIT $2`,
            [userId, limit, before],
          ),
    );
    return result.rows.map((row) => row.data);
  }

  async get(userId: string, id: string): Promise<NotificationRecord | undefined> {
    const result = await this.health.guard('reading a notification', () =>
      this.pool.query<{ data: NotificationRecord }>('SELECT data FROM notifications WHERE id = $1 AND user_id = $2', [id, userId]),
    );
    return result.rows[0]?.data;
  }

  async unreadCount(userId: string): Promise<number> {
    const result = await this.health.guard('counting notifications', () =>
      this.pool.query<{ count: number }>('SELECT count(*)::bigint AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]),
    );
    return result.rows[0]?.count ?? 0;
  }

  async prune(createdBefore: string): Promise<number> {
    // ISO instants of one format compare as text in time order.
    const result = await this.health.guard('pruning notifications', () => this.pool.query("DELETE FROM notifications WHERE data->>'createdAt' < $1", [createdBefore]));
    return result.rowCount ?? 0;
  }

  async markRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    const result = await this.health.guard('marking notifications read', () =>
      this.pool.query(
        `UPDATE notifications SET read_at = $2, data = jsonb_set(data, '{readAt}', to_jsonb($2::text))
         WHERE user_id = $1 AND read_at IS NULL AND ($3::text[] IS NULL OR id = ANY($3::text[]))`,
        [userId, at, ids === 'all' ? null : [...ids]],
      ),
    );
    return result.rowCount ?? 0;
  }

  async preferences(userId: string): Promise<NotificationPreferencesRecord | undefined> {
    const result = await this.health.guard('reading notification preferences', () =>
      this.pool.query<{ data: NotificationPreferencesRecord }>('SELECT data FROM notification_preferences WHERE user_id = $1', [userId]),
    );
    return result.rows[0]?.data;
  }

  async setPreferences(preferences: NotificationPreferencesRecord): Promise<void> {
    await this.health.guard('storing notification preferences', () =>
      this.pool.query(
        'INSERT INTO notification_preferences (user_id, data) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET data = EXCLUDED.data',
        [preferences.userId, JSON.stringify(preferences)],
      ),
    );
  }

  async claimReminder(claim: ReminderClaimRecord, staleBefore: string): Promise<boolean> {
    // ON CONFLICT re-checks the WHERE on the row as the winner committed it, so a second
    // claimer sees a fresh claim and takes nothing.
    const result = await this.health.guard('claiming a reminder', () =>
      this.pool.query(
        `INSERT INTO reminder_claims (key, owner, claimed_at, completed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, claimed_at = EXCLUDED.claimed_at, completed_at = EXCLUDED.completed_at
         WHERE reminder_claims.completed_at IS NULL AND reminder_claims.claimed_at < $5
         RETURNING key`,
        [claim.key, claim.owner, claim.claimedAt, claim.completedAt, staleBefore],
      ),
    );
    return result.rows.length === 1;
  }

  async completeReminder(key: string, at: string): Promise<void> {
    await this.health.guard('completing a reminder', () => this.pool.query('UPDATE reminder_claims SET completed_at = $2 WHERE key = $1', [key, at]));
  }

  async reminderClaims(): Promise<ReminderClaimRecord[]> {
    const result = await this.health.guard('reading reminder claims', () =>
      this.pool.query<{ key: string; owner: string; claimed_at: string; completed_at: string | null }>(
        'SELECT key, owner, claimed_at, completed_at FROM reminder_claims ORDER BY key',
      ),
    );
    return result.rows.map((row) => ({ key: row.key, owner: row.owner, claimedAt: row.claimed_at, completedAt: row.completed_at }));
  }

  /** How many notifications and preference rows are stored in all (the migration's verification counts them). */
  async count(): Promise<{ notifications: number; preferences: number }> {
    const result = await this.pool.query<{ notifications: number; preferences: number }>(
      'SELECT (SELECT count(*) FROM notifications)::bigint AS notifications, (SELECT count(*) FROM notification_preferences)::bigint AS preferences',
    );
    return { notifications: result.rows[0]?.notifications ?? 0, preferences: result.rows[0]?.preferences ?? 0 };
  }
}
