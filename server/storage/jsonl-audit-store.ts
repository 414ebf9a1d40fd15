import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { AuditRecord } from './records.ts';
import type { AuditPage, AuditSelection, AuditStore } from './store.ts';
import { DurableAppender } from './durable-appender.ts';
import type { StorageHealth } from './health.ts';
import type { StorageIo } from './io.ts';
import { slicer } from './yield.ts';

/** Newest entries kept in memory; older pages are read from the file. */
const WINDOW = 10_000;

interface Numbered {
  seq: number;
  entry: AuditRecord;
}

function parseEntry(line: string): AuditRecord | null {
  if (line.trim() === '') return null;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return null;
    const row = value as Record<string, unknown>;
    return typeof row.id === 'string' && typeof row.at === 'string' && typeof row.action === 'string' ? (value as AuditRecord) : null;
  } catch {
    // A line cut short by a crash: the entries around it are intact.
    return null;
  }
}

/** A test for `AuditSelection.actions`: exact names, or prefixes ending in a dot; none given matches all. */
function actionMatcher(actions: readonly string[] | undefined): (action: string) => boolean {
  if (actions === undefined) return () => true;
  const exact = new Set(actions.filter((item) => !item.endsWith('.')));
  const prefixes = actions.filter((item) => item.endsWith('.'));
  return (action) => exact.has(action) || prefixes.some((prefix) => action.startsWith(prefix));
}

/** Every intact entry of the file, numbered in order. */
async function readAll(path: string): Promise<Numbered[]> {
  if (!existsSync(path)) return [];
  const all: Numbered[] = [];
  const pace = slicer();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    await pace();
    const entry = parseEntry(line);
    if (entry) all.push({ seq: all.length, entry });
  }
  return all;
}

/**
 * The audit trail as a JSON-lines file, appended durably (group-committed fdatasync; a failed
 * append changes nothing). The newest `WINDOW` entries are kept in memory; pages older than
 * that are read from the file. A torn line is skipped on load.
 */
export class JsonlAuditStore implements AuditStore {
  private window: Numbered[];
  private count: number;

  private constructor(private readonly path: string, private readonly appender: DurableAppender, all: Numbered[]) {
    this.window = all.slice(-WINDOW);
    this.count = all.length;
  }

  /** Opens the trail at `path`. */
  static async open(path: string, io: StorageIo, health: StorageHealth): Promise<JsonlAuditStore> {
    const size = existsSync(path) ? (await stat(path)).size : 0;
    return new JsonlAuditStore(path, new DurableAppender(path, size, io, health), await readAll(path));
  }

  async append(entry: AuditRecord): Promise<void> {
    // The leading newline isolates this entry from a torn previous line.
    await this.appender.append(Buffer.from(`\n${JSON.stringify(entry)}`));
    this.window.push({ seq: this.count, entry });
    this.count += 1;
    if (this.window.length > WINDOW * 1.5) this.window = this.window.slice(-WINDOW);
  }

  async list(query: AuditSelection): Promise<AuditPage> {
    const before = query.before === undefined ? this.count : Number(query.before);
    const ofAction = actionMatcher(query.actions);
    const matches = (item: Numbered): boolean =>
      item.seq < before && (query.documentId === undefined || item.entry.documentId === query.documentId) && ofAction(item.entry.action);
    const found: Numbered[] = [];
    const windowStart = this.window[0]?.seq ?? this.count;
    for (let index = this.window.length - 1; index >= 0 && found.length <= query.limit; index--) {
      const item = this.window[index];
      if (item && matches(item)) found.push(item);
    }
    if (found.length <= query.limit && windowStart > 0 && before > 0) {
      const older = (await readAll(this.path)).filter((item) => item.seq < windowStart);
      for (let index = older.length - 1; index >= 0 && found.length <= query.limit; index--) {
        const item = older[index];
        if (item && matches(item)) found.push(item);
      }
    }
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      entries: page.map((item) => ({ ...item.entry, details: { ...item.entry.details } })),
      next: found.length > query.limit && last ? String(last.seq) : null,
    };
  }

  /** Waits for pending appends and closes the file. */
  close(): Promise<void> {
    return this.appender.close();
  }
}
