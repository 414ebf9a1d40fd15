import type { SessionRecord } from '../records.ts';
import type { SessionStore } from '../store.ts';
import type { DatabaseHealth } from './database-health.ts';
import type { Pool } from './pool.ts';

/** Sessions this process removed: one (sign-out) or a user's all but one (`keepTokenHash`). */
export type SessionRemoval = { tokenHash: string } | { userId: string; keepTokenHash: string | null };

/**
 * Sessions in `sessions`, keyed by token hash. `get` asks the database (and refreshes what
 * `peek` answers); `peek` answers from the sessions this process has seen, loaded at open and
 * kept current by its own writes. Another process's revocation reaches `peek` through
 * `forget` / `forgetUser`, which the fan-out between processes (Redis) calls.
 */
export class PostgresSessionStore implements SessionStore {
  private readonly known = new Map<string, SessionRecord>();
  private readonly removalListeners = new Set<(removal: SessionRemoval) => void>();

  private constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  /** Loads the sessions that have not expired. */
  static async open(pool: Pool, health: DatabaseHealth): Promise<PostgresSessionStore> {
    const store = new PostgresSessionStore(pool, health);
    const result = await pool.query<{ data: SessionRecord }>('SELECT data FROM sessions WHERE expires_at > now()');
    for (const row of result.rows) store.known.set(row.data.tokenHash, row.data);
    return store;
  }

  async get(tokenHash: string): Promise<SessionRecord | undefined> {
    const result = await this.health.guard('reading a session', () => this.pool.query<{ data: SessionRecord }>('SELECT data FROM sessions WHERE token_hash = $1', [tokenHash]));
    const session = result.rows[0]?.data;
    if (session) this.known.set(tokenHash, session);
    else this.known.delete(tokenHash);
    return session;
  }

  peek(tokenHash: string): SessionRecord | undefined {
    return this.known.get(tokenHash);
  }

  async put(session: SessionRecord): Promise<void> {
    await this.health.guard('storing a session', () =>
      this.pool.query(
        `INSERT INTO sessions (token_hash, user_id, expires_at, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (token_hash) DO UPDATE SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at, data = EXCLUDED.data`,
        [session.tokenHash, session.userId, session.expiresAt, JSON.stringify(session)],
      ),
    );
    this.known.set(session.tokenHash, { ...session });
  }

  async remove(tokenHash: string): Promise<void> {
    await this.health.guard('removing a session', () => this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]));
    this.forget(tokenHash);
    this.emitRemoval({ tokenHash });
  }

  async removeUser(userId: string, keepTokenHash: string | null = null): Promise<void> {
    await this.health.guard('removing sessions', () =>
      this.pool.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [userId, keepTokenHash]),
    );
    this.forgetUser(userId, keepTokenHash);
    this.emitRemoval({ userId, keepTokenHash });
  }

  async pruneExpired(now: number): Promise<void> {
    await this.health.guard('pruning sessions', () => this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [new Date(now).toISOString()]));
    for (const [hash, session] of this.known) if (Date.parse(session.expiresAt) <= now) this.known.delete(hash);
  }

  /** Calls `listener` after this process removed sessions (once the database has); returns the unsubscribe. */
  onRemoved(listener: (removal: SessionRemoval) => void): () => void {
    this.removalListeners.add(listener);
    return () => this.removalListeners.delete(listener);
  }

  /**
   * Reads these sessions again, so `peek` answers what the database holds (after a message
   * about another process's removal may have been lost). Returns the hashes that are gone.
   */
  async reread(tokenHashes: readonly string[]): Promise<string[]> {
    if (tokenHashes.length === 0) return [];
    const result = await this.health.guard('reading sessions', () =>
      this.pool.query<{ data: SessionRecord }>('SELECT data FROM sessions WHERE token_hash = ANY($1::text[])', [[...new Set(tokenHashes)]]),
    );
    const found = new Map(result.rows.map((row) => [row.data.tokenHash, row.data]));
    const gone: string[] = [];
    for (const hash of new Set(tokenHashes)) {
      const session = found.get(hash);
      if (session) this.known.set(hash, session);
      else if (this.known.delete(hash)) gone.push(hash);
    }
    return gone;
  }

  /** Drops a session from what `peek` knows (another process removed it). */
  forget(tokenHash: string): void {
    this.known.delete(tokenHash);
  }

  /** Drops a user's sessions but `keepTokenHash` from what `peek` knows (another process removed them). */
  forgetUser(userId: string, keepTokenHash: string | null = null): void {
    for (const [hash, session] of this.known) if (session.userId === userId && hash !== keepTokenHash) this.known.delete(hash);
  }

  private emitRemoval(removal: SessionRemoval): void {
    for (const listener of this.removalListeners) listener(removal);
  }
}
