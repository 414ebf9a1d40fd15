import type { SubmissionRecord, ThreadRecord } from '../records.ts';
import type { CommentStore } from '../store.ts';
import { unavailable, type DatabaseHealth } from './database-health.ts';
import { inTransaction, type Pool } from './pool.ts';

/**
 * Threads and submissions as JSON rows of `comment_rows`, keyed by document, kind and id, in
 * the order they were first stored (`position`). Reads always ask the database, so another
 * process's comments are seen at once. `updateThread` locks the thread's row (`FOR UPDATE`),
 * so two processes changing one thread apply their changes one after the other.
 */
export class PostgresCommentStore implements CommentStore {
  constructor(private readonly pool: Pool, private readonly health: DatabaseHealth) {}

  async threads(documentId: string): Promise<ThreadRecord[]> {
    return this.rows<ThreadRecord>(documentId, 'thread');
  }

  async thread(documentId: string, threadId: string): Promise<ThreadRecord | undefined> {
    const result = await this.health.guard('reading a thread', () =>
      this.pool.query<{ data: ThreadRecord }>("SELECT data FROM comment_rows WHERE document_id = $1 AND kind = 'thread' AND id = $2", [documentId, threadId]),
    );
    return result.rows[0]?.data;
  }

  async submissions(documentId: string): Promise<SubmissionRecord[]> {
    return this.rows<SubmissionRecord>(documentId, 'submission');
  }

  async save(documentId: string, changes: { threads?: ThreadRecord[]; submissions?: SubmissionRecord[] }): Promise<void> {
    const rows = [
      ...(changes.threads ?? []).map((thread) => ({ kind: 'thread', id: thread.id, json: JSON.stringify(thread) })),
      ...(changes.submissions ?? []).map((submission) => ({ kind: 'submission', id: submission.id, json: JSON.stringify(submission) })),
    ];
    if (rows.length === 0) return;
    await this.health.guard('storing comments', () =>
      this.pool.query(
        `INSERT INTO comment_rows (document_id, kind, id, data)
         SELECT $1, kind, id, data FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS u(kind, id, data)
         ON CONFLICT (document_id, kind, id) DO UPDATE SET data = EXCLUDED.data`,
        [documentId, rows.map((row) => row.kind), rows.map((row) => row.id), rows.map((row) => row.json)],
      ),
    );
  }

  async updateThread(documentId: string, threadId: string, change: (current: ThreadRecord | undefined) => ThreadRecord): Promise<ThreadRecord> {
    // An error of `change` (a refused decision…) is the caller's answer, not a storage failure.
    let refusal: { error: unknown } | null = null;
    try {
      return await inTransaction(this.pool, async (client) => {
        const current = await client.query<{ data: ThreadRecord }>(
          "SELECT data FROM comment_rows WHERE document_id = $1 AND kind = 'thread' AND id = $2 FOR UPDATE",
          [documentId, threadId],
        );
        let next: ThreadRecord;
        try {
          next = change(current.rows[0]?.data);
        } catch (error) {
          refusal = { error };
          throw error;
        }
        await client.query(
          `INSERT INTO comment_rows (document_id, kind, id, data) VALUES ($1, 'thread', $2, $3)
           ON CONFLICT (document_id, kind, id) DO UPDATE SET data = EXCLUDED.data`,
          [documentId, threadId, JSON.stringify(next)],
        );
        return next;
      });
    } catch (error) {
      if (refusal !== null) throw (refusal as { error: unknown }).error;
      throw unavailable('updating a thread', error);
    }
  }

  /** How many threads and submissions are stored in all (the migration's verification counts them). */
  async count(): Promise<{ threads: number; submissions: number }> {
    const result = await this.pool.query<{ kind: string; count: number }>('SELECT kind, count(*)::bigint AS count FROM comment_rows GROUP BY kind');
    const of = (kind: string): number => result.rows.find((row) => row.kind === kind)?.count ?? 0;
    return { threads: of('thread'), submissions: of('submission') };
  }

  private async rows<T>(documentId: string, kind: 'thread' | 'submission'): Promise<T[]> {
    const result = await this.health.guard('reading comments', () =>
      this.pool.query<{ data: T }>('SELECT data FROM comment_rows WHERE document_id = $1 AND kind = $2 ORDER BY position', [documentId, kind]),
    );
    return result.rows.map((row) => row.data);
  }
}
