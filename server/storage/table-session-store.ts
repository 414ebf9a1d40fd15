import type { SessionRecord } from './records.ts';
import type { SessionStore } from './store.ts';
import { AppendTable, type TableOptions } from './append-table.ts';

function parseSession(value: unknown): SessionRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Record<string, unknown>;
  return typeof row.tokenHash === 'string' && typeof row.userId === 'string' && typeof row.expiresAt === 'string' ? (value as SessionRecord) : null;
}

/**
 * Sessions in one append-only table (`sessions.table`) keyed by token hash. Expired sessions
 * are deleted by `pruneExpired` and dropped from the file when it is compacted.
 */
export class TableSessionStore implements SessionStore {
  private constructor(private readonly table: AppendTable<SessionRecord>) {}

  /** Opens the table at `path`, compacting it at once when it holds expired sessions. */
  static async open(path: string, options: Omit<TableOptions<SessionRecord>, 'parse' | 'expired'>): Promise<TableSessionStore> {
    const table = await AppendTable.open(path, { ...options, parse: parseSession, expired: (session) => Date.parse(session.expiresAt) <= Date.now() });
    const now = Date.now();
    if ([...table.values()].some((session) => Date.parse(session.expiresAt) <= now)) await table.compact().catch(() => undefined);
    return new TableSessionStore(table);
  }

  async get(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.table.get(tokenHash);
  }

  peek(tokenHash: string): SessionRecord | undefined {
    return this.table.get(tokenHash);
  }

  async put(session: SessionRecord): Promise<void> {
    await this.table.write([[session.tokenHash, session]]);
  }

  async remove(tokenHash: string): Promise<void> {
    if (this.table.get(tokenHash)) await this.table.write([[tokenHash, null]]);
  }

  async removeUser(userId: string, keepTokenHash: string | null = null): Promise<void> {
    const doomed = [...this.table.values()].filter((session) => session.userId === userId && session.tokenHash !== keepTokenHash);
    await this.table.write(doomed.map((session) => [session.tokenHash, null] as const));
  }

  async pruneExpired(now: number): Promise<void> {
    const expired = [...this.table.values()].filter((session) => Date.parse(session.expiresAt) <= now);
    await this.table.write(expired.map((session) => [session.tokenHash, null] as const));
  }

  /** Waits for pending writes and closes the file. */
  close(): Promise<void> {
    return this.table.close();
  }
}
