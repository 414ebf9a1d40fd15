import { existsSync, mkdirSync } from 'node:fs';
import { readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { EditRecord, IdRange } from './records.ts';
import type { EditAttributionStore } from './store.ts';
import { DurableAppender } from './durable-appender.ts';
import { encodeFrame, iterateFrames } from './frames.ts';
import type { StorageHealth } from './health.ts';
import type { StorageIo } from './io.ts';
import { DOCUMENT_ID_PATTERN } from './file-content-store.ts';
import type { TableLogger } from './append-table.ts';

function isIdRange(value: unknown): value is IdRange {
  return Array.isArray(value) && value.length === 3 && value.every((part) => Number.isSafeInteger(part) && (part as number) >= 0);
}

/** Narrows one stored record; null for anything else (reported, skipped). */
function parseRecord(value: unknown): EditRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Record<string, unknown>;
  const { userId, at, inserted, deleted } = row;
  if (typeof userId !== 'string' || typeof at !== 'number' || !Array.isArray(inserted) || !Array.isArray(deleted)) return null;
  if (!inserted.every(isIdRange) || !deleted.every(isIdRange)) return null;
  return { userId, at, inserted, deleted };
}

/**
 * Edit attribution as one append-only file of checksummed frames per document,
 * `<dir>/<documentId>.log`, each frame a JSON array of records. Nothing is kept in memory
 * but the open file handles: `forDocument` reads the file each time (exports are rare), so
 * memory does not grow with the history. A damaged frame loses only itself; a torn tail is
 * cut when the file is first opened for writing.
 */
export class FileEditStore implements EditAttributionStore {
  private readonly appenders = new Map<string, Promise<DurableAppender>>();

  constructor(
    private readonly dir: string,
    private readonly options: { io: StorageIo; health: StorageHealth; logger: TableLogger },
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private pathOf(documentId: string): string {
    if (!DOCUMENT_ID_PATTERN.test(documentId)) throw new Error(`Invalid document id: ${JSON.stringify(documentId)}`);
    return join(this.dir, `${documentId}.log`);
  }

  async append(documentId: string, records: readonly EditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const appender = await this.appender(documentId);
    await appender.append(encodeFrame(Buffer.from(JSON.stringify(records))));
  }

  async forDocument(documentId: string): Promise<EditRecord[]> {
    const path = this.pathOf(documentId);
    if (!existsSync(path)) return [];
    return (await this.read(path)).records;
  }

  async release(documentId: string): Promise<void> {
    const appender = this.appenders.get(documentId);
    if (!appender) return;
    this.appenders.delete(documentId);
    await (await appender.catch(() => null))?.close();
  }

  /** Waits for pending appends and closes every file. */
  async close(): Promise<void> {
    await Promise.all([...this.appenders.keys()].map((documentId) => this.release(documentId)));
  }

  /** The document's appender, opened once (cutting a torn tail left by a crash). */
  private appender(documentId: string): Promise<DurableAppender> {
    let appender = this.appenders.get(documentId);
    if (!appender) {
      const path = this.pathOf(documentId);
      appender = (async () => {
        const { validBytes, totalBytes } = existsSync(path) ? await this.read(path) : { validBytes: 0, totalBytes: 0 };
        if (totalBytes > validBytes) {
          this.options.logger.warn({ file: path, bytes: totalBytes - validBytes }, 'cut a torn tail of an edit log');
          await truncate(path, validBytes);
        }
        return new DurableAppender(path, validBytes, this.options.io, this.options.health);
      })();
      this.appenders.set(documentId, appender);
      appender.catch(() => this.appenders.delete(documentId));
    }
    return appender;
  }

  private async read(path: string): Promise<{ records: EditRecord[]; validBytes: number; totalBytes: number }> {
    const data = await readFile(path);
    const records: EditRecord[] = [];
    let validBytes = 0;
    let dropped = 0;
    for (const step of iterateFrames(data)) {
      if ('skipped' in step) continue;
      validBytes = step.end;
      let batch: unknown;
      try {
        batch = JSON.parse(step.payload.toString('utf8'));
      } catch {
        dropped += 1;
        continue;
      }
      for (const value of Array.isArray(batch) ? batch : []) {
        const record = parseRecord(value);
        if (record === null) dropped += 1;
        else records.push(record);
      }
    }
    if (dropped > 0) this.options.logger.warn({ file: path, dropped }, 'skipped unreadable edit records');
    return { records, validBytes, totalBytes: data.byteLength };
  }
}
