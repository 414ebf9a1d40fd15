import { copyFile, readFile, truncate } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { encodeFrame, iterateFrames } from './frames.ts';
import { DurableAppender } from './durable-appender.ts';
import type { StorageHealth } from './health.ts';
import { replaceFileDurably, type StorageIo } from './io.ts';
import { slicer } from './yield.ts';

/** Logger a table reports damaged records to. */
export interface TableLogger {
  warn(details: object, message: string): void;
}

/** How an `AppendTable` reads and writes its rows. */
export interface TableOptions<V> {
  io: StorageIo;
  health: StorageHealth;
  logger: TableLogger;
  /** Narrows a stored value read back from the file; null drops it (and it is reported). */
  parse(value: unknown): V | null;
  /** Rows for which this is true are dropped when the file is compacted (e.g. expired sessions). */
  expired?(value: V): boolean;
}

/** One change: a new value for `key`, or null to delete it. */
export type TableOp<V> = readonly [key: string, value: V | null];

/** Compaction starts once the file holds this many records and more than twice the live rows. */
const COMPACT_MIN_RECORDS = 1000;
const COMPACT_DEAD_RATIO = 2;

/**
 * A keyed table kept as an append-only file of checksummed frames, each frame one atomic
 * batch of changes (`[[key, value | null], …]` as JSON), loaded into a Map at open (the last
 * value of a key wins, null deletes it).
 *
 * Contract: `write` resolves once its frame is durable (group-committed fdatasync) and only
 * then changes the Map; a failed write rejects with `ERR_STORAGE_UNAVAILABLE` and changes
 * nothing. A damaged frame in the middle of the file loses only itself; a torn tail is set
 * aside in `<file>.damaged-<time>` and cut. When dead records dominate, the file is rewritten
 * (temporary file, fsync, rename, fsync folder) in slices that leave the event loop free.
 * Values are treated as immutable: callers replace them, never mutate them.
 */
export class AppendTable<V> {
  private readonly rows = new Map<string, V>();
  private records = 0;
  private compacting: Promise<void> | null = null;

  private constructor(private readonly appender: DurableAppender, private readonly options: TableOptions<V>) {}

  /** Opens (or starts) the table file at `path` and loads it. */
  static async open<V>(path: string, options: TableOptions<V>): Promise<AppendTable<V>> {
    const data = existsSync(path) ? await readFile(path) : Buffer.alloc(0);
    const rows = new Map<string, V>();
    let records = 0;
    let dropped = 0;
    let validBytes = 0;
    let skipped = 0;
    // Frame by frame, pausing between slices: a large table never holds the event loop long.
    const pace = slicer();
    for (const step of iterateFrames(data)) {
      await pace();
      if ('skipped' in step) {
        skipped += step.skipped.bytes;
        continue;
      }
      validBytes = step.end;
      for (const [key, value] of parseBatch(step.payload)) {
        records += 1;
        if (value === null) {
          rows.delete(key);
          continue;
        }
        const parsed = options.parse(value);
        if (parsed === null) dropped += 1;
        else rows.set(key, parsed);
      }
    }
    const tornBytes = data.byteLength - validBytes;
    if (tornBytes + skipped > 0) {
      const asidePath = `${path}.damaged-${Date.now()}`;
      await copyFile(path, asidePath);
      if (tornBytes > 0) await truncate(path, validBytes);
      options.logger.warn(
        { file: path, damagedBytes: tornBytes + skipped, copy: asidePath },
        'table file had damaged records; they were skipped (a copy of the file was kept) and every intact record was loaded',
      );
    }
    if (dropped > 0) options.logger.warn({ file: path, dropped }, 'table file held rows of an unknown shape; they were ignored');
    const table = new AppendTable<V>(new DurableAppender(path, validBytes, options.io, options.health), options);
    for (const [key, value] of rows) table.rows.set(key, value);
    table.records = records;
    return table;
  }

  /** Number of live rows. */
  get size(): number {
    return this.rows.size;
  }

  /** The current value of `key`. */
  get(key: string): V | undefined {
    return this.rows.get(key);
  }

  /** Live rows in first-insertion order. */
  values(): IterableIterator<V> {
    return this.rows.values();
  }

  /** Live keys in first-insertion order. */
  keys(): IterableIterator<string> {
    return this.rows.keys();
  }

  /** Durably applies `ops` as one atomic batch, then updates the rows. */
  async write(ops: ReadonlyArray<TableOp<V>>): Promise<void> {
    if (ops.length === 0) return;
    await this.appender.append(encodeFrame(Buffer.from(JSON.stringify(ops))));
    for (const [key, value] of ops) {
      if (value === null) this.rows.delete(key);
      else this.rows.set(key, value);
    }
    this.records += ops.length;
    if (this.records >= COMPACT_MIN_RECORDS && this.records > COMPACT_DEAD_RATIO * this.rows.size) {
      this.compact().catch((error: unknown) => this.options.logger.warn({ err: error, file: this.appender.path }, 'table compaction failed; it will be retried'));
    }
  }

  /**
   * Rewrites the file with only the live rows (dropping `expired` ones). Writes wait while the
   * new file is put in place. A failure keeps the current file.
   */
  compact(): Promise<void> {
    this.compacting ??= this.appender
      .replace(async () => {
        const expired = this.options.expired;
        const frames: Buffer[] = [];
        const dropped: string[] = [];
        let batch: Array<TableOp<V>> = [];
        let count = 0;
        const pace = slicer();
        for (const [key, value] of this.rows) {
          if (expired?.(value)) {
            dropped.push(key);
            continue;
          }
          batch.push([key, value]);
          if (batch.length >= 50) {
            frames.push(encodeFrame(Buffer.from(JSON.stringify(batch))));
            count += batch.length;
            batch = [];
            await pace();
          }
        }
        if (batch.length > 0) frames.push(encodeFrame(Buffer.from(JSON.stringify(batch))));
        count += batch.length;
        const content = Buffer.concat(frames);
        try {
          await replaceFileDurably(this.appender.path, content, this.options.io);
        } catch (error) {
          this.options.health.failed(basename(this.appender.path), error);
          throw error;
        }
        for (const key of dropped) this.rows.delete(key);
        this.records = count;
        return content.byteLength;
      })
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    await this.compacting?.catch(() => undefined);
    await this.appender.close();
  }
}

/** The changes of one frame; a frame that is not a list of `[key, value]` pairs yields nothing. */
function parseBatch(payload: Uint8Array): Array<[string, unknown]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const ops: Array<[string, unknown]> = [];
  for (const op of parsed as unknown[]) {
    if (Array.isArray(op) && typeof op[0] === 'string') ops.push([op[0], op[1] ?? null]);
  }
  return ops;
}

