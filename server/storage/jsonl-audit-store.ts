import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { AuditRecord } from './records.ts';
import type { AuditStore } from './store.ts';

/**
 * The audit trail as a JSON-lines file, one entry per line, appended with a synchronous
 * write. All entries are also kept in memory for queries (they are small; a deployment whose
 * trail outgrows memory moves to the PostgreSQL store). A torn last line is skipped on load.
 */
export class JsonlAuditStore implements AuditStore {
  private readonly entries: AuditRecord[] = [];

  constructor(private readonly path: string) {
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        this.entries.push(JSON.parse(line) as AuditRecord);
      } catch {
        // A line cut short by a crash: the entries before it are intact.
      }
    }
  }

  async append(entry: AuditRecord): Promise<void> {
    // The leading newline isolates this entry from a torn previous line.
    appendFileSync(this.path, `\n${JSON.stringify(entry)}`);
    this.entries.push(entry);
  }

  list(filter: (entry: AuditRecord) => boolean, limit: number): AuditRecord[] {
    const found: AuditRecord[] = [];
    for (let index = this.entries.length - 1; index >= 0 && found.length < limit; index--) {
      const entry = this.entries[index];
      if (entry && filter(entry)) found.push({ ...entry, details: { ...entry.details } });
    }
    return found;
  }
}
