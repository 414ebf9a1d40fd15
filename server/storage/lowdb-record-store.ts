import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { emptyDatabase, upgradeDatabase, type Database } from './records.ts';
import type { RecordStore } from './store.ts';

/**
 * Records in one JSON file through lowdb. lowdb replaces the whole file on each write
 * (atomically, via a temporary file), which is fine for records and is why Yjs traffic
 * never goes here.
 */
export class LowdbRecordStore implements RecordStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<Database>) {}

  /** Opens the file at `path`, creating it with empty collections when missing. */
  static async open(path: string): Promise<LowdbRecordStore> {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Low<Database>(new JSONFile<Database>(path), emptyDatabase());
    await db.read();
    db.data = upgradeDatabase(db.data);
    return new LowdbRecordStore(db);
  }

  read<T>(reader: (data: Readonly<Database>) => T): T {
    return reader(this.db.data);
  }

  write<T>(writer: (data: Database) => T): Promise<T> {
    const run = async (): Promise<T> => {
      // Work on a copy so a writer that throws half-way leaves the rows untouched.
      const draft = structuredClone(this.db.data);
      const result = writer(draft);
      this.db.data = draft;
      await this.db.write();
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Waits for queued writes. */
  async flush(): Promise<void> {
    await this.queue;
  }
}
