import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SubmissionRecord, ThreadRecord } from './records.ts';
import type { CommentStore } from './store.ts';
import { AppendTable, type TableOp, type TableOptions } from './append-table.ts';
import { DOCUMENT_ID_PATTERN } from './file-content-store.ts';

type CommentRow = ThreadRecord | SubmissionRecord;

const THREAD = 'thread:';
const SUBMISSION = 'submission:';

/** Narrows a row read back from a table file: an object with a string id and document id. */
function parseRow(value: unknown): CommentRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Record<string, unknown>;
  return typeof row.id === 'string' && typeof row.documentId === 'string' ? (value as CommentRow) : null;
}

function isThread(row: CommentRow): row is ThreadRecord {
  return !('threadIds' in row);
}

/**
 * Threads and submissions in one append-only table per document,
 * `<dir>/<documentId>.table` (keys `thread:<id>` and `submission:<id>`), all opened at start by
 * `preload` (or on first use).
 * A submission and its threads are stored in one atomic frame; a reply or a decision appends
 * the new version of its thread, so a write costs the size of what changed.
 */
export class TableCommentStore implements CommentStore {
  private readonly tables = new Map<string, Promise<AppendTable<CommentRow>>>();
  private readonly updates = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string, private readonly options: Omit<TableOptions<CommentRow>, 'parse'>) {
    mkdirSync(dir, { recursive: true });
  }

  /**
   * Opens every document's table now (at start), so the first request on a document with many
   * threads does not pay for reading them while people are editing.
   */
  async preload(): Promise<void> {
    for (const name of readdirSync(this.dir)) {
      const documentId = name.endsWith('.table') ? name.slice(0, -'.table'.length) : '';
      if (DOCUMENT_ID_PATTERN.test(documentId)) await this.table(documentId);
    }
  }

  /** The document's table, opened once. */
  private table(documentId: string): Promise<AppendTable<CommentRow>> {
    if (!DOCUMENT_ID_PATTERN.test(documentId)) return Promise.reject(new Error(`Invalid document id: ${JSON.stringify(documentId)}`));
    let table = this.tables.get(documentId);
    if (!table) {
      table = AppendTable.open(join(this.dir, `${documentId}.table`), { ...this.options, parse: parseRow });
      this.tables.set(documentId, table);
      table.catch(() => this.tables.delete(documentId));
    }
    return table;
  }

  async threads(documentId: string): Promise<ThreadRecord[]> {
    const found: ThreadRecord[] = [];
    for (const row of (await this.table(documentId)).values()) if (isThread(row)) found.push(row);
    return found;
  }

  async thread(documentId: string, threadId: string): Promise<ThreadRecord | undefined> {
    const row = (await this.table(documentId)).get(THREAD + threadId);
    return row && isThread(row) ? row : undefined;
  }

  async submissions(documentId: string): Promise<SubmissionRecord[]> {
    const found: SubmissionRecord[] = [];
    for (const row of (await this.table(documentId)).values()) if (!isThread(row)) found.push(row);
    return found;
  }

  async save(documentId: string, changes: { threads?: ThreadRecord[]; submissions?: SubmissionRecord[] }): Promise<void> {
    const ops: Array<TableOp<CommentRow>> = [
      ...(changes.threads ?? []).map((thread) => [THREAD + thread.id, thread] as const),
      ...(changes.submissions ?? []).map((submission) => [SUBMISSION + submission.id, submission] as const),
    ];
    await (await this.table(documentId)).write(ops);
  }

  updateThread(documentId: string, threadId: string, change: (current: ThreadRecord | undefined) => ThreadRecord): Promise<ThreadRecord> {
    const run = async (): Promise<ThreadRecord> => {
      const table = await this.table(documentId);
      const row = table.get(THREAD + threadId);
      const next = change(row && isThread(row) ? structuredClone(row) : undefined);
      await table.write([[THREAD + threadId, next]]);
      return next;
    };
    const previous = this.updates.get(documentId) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    this.updates.set(documentId, settled);
    void settled.then(() => {
      if (this.updates.get(documentId) === settled) this.updates.delete(documentId);
    });
    return next;
  }

  /** Waits for pending writes and closes every table. */
  async close(): Promise<void> {
    await Promise.all([...this.updates.values()]);
    const tables = await Promise.allSettled([...this.tables.values()]);
    await Promise.all(tables.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
  }
}
