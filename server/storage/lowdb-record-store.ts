import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { Errors } from '../errors.ts';
import { emptyDatabase, upgradeDatabase, type Database, type LegacyCollections } from './records.ts';
import type { RecordStore } from './store.ts';
import type { StorageHealth } from './health.ts';
import { replaceFileDurably, type StorageIo } from './io.ts';
import { StorageStartError } from './storage-errors.ts';

/** Logger told about a recovery from the previous good copy. */
export interface RecordLogger {
  warn(details: object, message: string): void;
}

/**
 * lowdb adapter that replaces the file durably (temporary file, fsync, rename, fsync folder),
 * then writes the same content to `<file>.bak`, a separate copy that recovers the records if
 * the main file is deleted, emptied or damaged. The main file decides success; a failed copy
 * is reported and repaired by the next write.
 */
class DurableJsonFile implements Adapter<Database> {
  constructor(private readonly path: string, private readonly io: StorageIo, private readonly logger: RecordLogger) {}

  async read(): Promise<Database | null> {
    return null;
  }

  async write(data: Database): Promise<void> {
    const bytes = Buffer.from(JSON.stringify(data, null, 2));
    await replaceFileDurably(this.path, bytes, this.io);
    await replaceFileDurably(`${this.path}.bak`, bytes, this.io).catch((error: unknown) =>
      this.logger.warn({ err: error, file: `${this.path}.bak` }, 'could not refresh the copy of the records; the next write retries'),
    );
  }
}

function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/**
 * Why a records file cannot be used, or null when it holds a database. `blank` problems
 * (missing, empty, `{}`, `null`, no accounts) are what a new data folder looks like.
 */
function problemWith(text: string | null): { problem: string; blank: boolean; parsed: null } | { problem: null; blank: false; parsed: Record<string, unknown> } {
  if (text === null) return { problem: 'is missing', blank: true, parsed: null };
  if (text.trim() === '') return { problem: 'is empty', blank: true, parsed: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `is not valid JSON (truncated or damaged: ${error instanceof Error ? error.message : String(error)})`, blank: false, parsed: null };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: `holds ${JSON.stringify(parsed)} instead of the records`, blank: parsed === null, parsed: null };
  }
  const record = parsed as Record<string, unknown>;
  if (!Array.isArray(record.users) || record.users.length === 0) return { problem: 'holds no accounts', blank: true, parsed: null };
  return { problem: null, blank: false, parsed: record };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw new StorageStartError(`${path} cannot be read (${error instanceof Error ? error.message : String(error)}). Check its permissions and the disk, then start again.`);
  }
}

/**
 * Records in one JSON file through lowdb. Writes replace the whole file, which is fine because
 * only small, rarely written rows live here (accounts, organisations, documents, revisions).
 */
export class LowdbRecordStore implements RecordStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<Database>, private readonly path: string, private readonly health: StorageHealth) {}

  /**
   * Opens the records at `path`. A missing, empty or unreadable file is accepted as a new
   * database only when `dataDirHasContent` is false; otherwise the previous good copy
   * (`<file>.bak`) is restored, and if that is unusable too the start is refused with a
   * `StorageStartError` naming the file. Returns the collections older versions kept here.
   */
  static async open(
    path: string,
    options: { io: StorageIo; health: StorageHealth; logger: RecordLogger; dataDirHasContent: boolean },
  ): Promise<{ store: LowdbRecordStore; legacy: LegacyCollections }> {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Low<Database>(new DurableJsonFile(path, options.io, options.logger), emptyDatabase());
    const text = await readText(path);
    const current = problemWith(text);
    let stored: Record<string, unknown> | null = current.parsed;
    if (current.problem !== null && (options.dataDirHasContent || !current.blank)) {
      const backupPath = `${path}.bak`;
      const backup = problemWith(await readText(backupPath));
      if (backup.problem !== null) {
        throw new StorageStartError(
          `${path} ${current.problem}, while ${dirname(path)} holds data, and its previous copy ${backupPath} ${backup.problem}. ` +
            'The server did not start, so nothing was overwritten. Restore the data folder from a backup (npm run restore -- <backup> <dataDir>), ' +
            `or put a good copy of ${basename(path)} in place, then start again.`,
        );
      }
      options.logger.warn({ file: path, problem: current.problem, recoveredFrom: backupPath }, `${basename(path)} ${current.problem}; recovered from its copy ${basename(backupPath)}`);
      await replaceFileDurably(path, Buffer.from(JSON.stringify(backup.parsed, null, 2)), options.io);
      stored = backup.parsed;
    }
    const { data, legacy } = upgradeDatabase(stored as Partial<Database & LegacyCollections> | null);
    db.data = data;
    return { store: new LowdbRecordStore(db, path, options.health), legacy };
  }

  read<T>(reader: (data: Readonly<Database>) => T): T {
    return reader(this.db.data);
  }

  write<T>(writer: (data: Database) => T): Promise<T> {
    const run = async (): Promise<T> => {
      // Work on a copy: a writer that throws, or a write the disk refuses, leaves the rows untouched.
      const draft = structuredClone(this.db.data);
      const result = writer(draft);
      try {
        await this.db.adapter.write(draft);
      } catch (error) {
        this.health.failed(basename(this.path), error);
        throw new Errors.StorageUnavailable(this.health.reason ?? 'write failed');
      }
      this.health.succeeded();
      this.db.data = draft;
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
