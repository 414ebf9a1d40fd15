import type { AuditRecord } from '../records.ts';
import type { AuditPage, AuditSelection, AuditStore } from '../store.ts';
import type { DatabaseHealth } from './database-health.ts';
import type { Pool } from './pool.ts';

/**
 * The audit trail in `audit_entries`, numbered by `seq`. `list` has the embedded store's
 * semantics: newest first, `before` is the `seq` of the last entry of the previous page
 * (entries strictly older are returned), `next` is null on the last page.
 */
export class PostgresAuditStore implements AuditStore {
  constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  async append(entry: AuditRecord): Promise<void> {
    await this.health.guard('appending to the audit trail', () =>
      this.pool.query('INSERT INTO audit_entries (id, at, action, actor_id, document_id, details) VALUES ($1, $2, $3, $4, $5, $6)', [
        entry.id,
        entry.at,
        entry.action,
        entry.actorId,
        entry.documentId,
        JSON.stringify(entry.details),
      ]),
    );
  }

  async list(query: AuditSelection): Promise<AuditPage> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const bind = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.before !== undefined) {
      const before = Number(query.before);
      // A cursor that is not a number matches nothing, as in the embedded store.
      conditions.push(Number.isSafeInteger(before) ? `seq < ${bind(before)}` : 'false');
    }
    if (query.documentId !== undefined) conditions.push(`document_id = ${bind(query.documentId)}`);
    if (query.actions !== undefined) {
      const exact = query.actions.filter((action) => !action.endsWith('.'));
      const prefixes = query.actions.filter((action) => action.endsWith('.')).map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`);
      conditions.push(`(action = ANY(${bind(exact)}::text[]) OR action LIKE ANY(${bind(prefixes)}::text[]))`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const result = await this.health.guard('reading the audit trail', () =>
      this.pool.query<{ seq: number; id: string; at: string; action: string; actor_id: string | null; document_id: string | null; details: AuditRecord['details'] }>(
        `SELECT seq, id, at, action, actor_id, document_id, details FROM audit_entries ${where} ORDER BY seq DESC LIMIT ${bind(query.limit + 1)}`,
        values,
      ),
    );
    const page = result.rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      entries: page.map((row) => ({ id: row.id, at: row.at, action: row.action, actorId: row.actor_id, documentId: row.document_id, details: row.details })),
      next: result.rows.length > query.limit && last ? String(last.seq) : null,
    };
  }

  /** How many entries are stored (the migration's verification counts them). */
  async count(): Promise<number> {
    const result = await this.pool.query<{ count: number }>('SELECT count(*)::bigint AS count FROM audit_entries');
    return result.rows[0]?.count ?? 0;
  }
}
