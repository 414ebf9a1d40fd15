import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentContentStore, StoredContent } from './store.ts';
import { UpdateLog } from './update-log.ts';
import { readSnapshot, writeSnapshot } from './snapshot-file.ts';

/** Document ids the content store accepts: they become file names, so nothing else is allowed. */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Compact once the log passes either bound. */
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
const COMPACT_AFTER_FRAMES = 2000;

/** Logger the store reports recoveries to. */
export interface StoreLogger {
  warn(details: object, message: string): void;
}

/**
 * Stores each document as `<dir>/<id>.snapshot` (full state, replaced atomically) plus
 * `<id>.log` (updates appended since). Loading applies the snapshot, then the log.
 */
export class FileContentStore implements DocumentContentStore {
  private readonly logs = new Map<string, UpdateLog>();

  constructor(private readonly dir: string, private readonly logger: StoreLogger) {
    mkdirSync(dir, { recursive: true });
  }

  /** Path of a document's file with the given extension; rejects ids that are not plain names. */
  private pathOf(documentId: string, extension: 'log' | 'snapshot'): string {
    if (!DOCUMENT_ID_PATTERN.test(documentId)) throw new Error(`Invalid document id: ${JSON.stringify(documentId)}`);
    return join(this.dir, `${documentId}.${extension}`);
  }

  async load(documentId: string): Promise<StoredContent> {
    const snapshot = readSnapshot(this.pathOf(documentId, 'snapshot'));
    this.logs.get(documentId)?.close();
    const opened = UpdateLog.open(this.pathOf(documentId, 'log'));
    this.logs.set(documentId, opened.log);
    if (opened.discardedBytes > 0) {
      this.logger.warn(
        { documentId, discardedBytes: opened.discardedBytes, quarantinePath: opened.quarantinePath },
        'update log had a torn tail; it was set aside and the log continues from the last intact frame',
      );
    }
    return { updates: snapshot ? [snapshot, ...opened.updates] : opened.updates, discardedBytes: opened.discardedBytes };
  }

  /** The open log of a document, opening it (without reading it back) when needed. */
  private logOf(documentId: string): UpdateLog {
    let log = this.logs.get(documentId);
    if (!log) {
      log = UpdateLog.open(this.pathOf(documentId, 'log')).log;
      this.logs.set(documentId, log);
    }
    return log;
  }

  async append(documentId: string, update: Uint8Array): Promise<void> {
    this.logOf(documentId).append(update);
  }

  needsCompaction(documentId: string): boolean {
    const log = this.logs.get(documentId);
    return log !== undefined && (log.sizeBytes > COMPACT_AFTER_BYTES || log.frameCount > COMPACT_AFTER_FRAMES);
  }

  async compact(documentId: string, state: Uint8Array): Promise<void> {
    await writeSnapshot(this.pathOf(documentId, 'snapshot'), state);
    // The snapshot is durable and includes every logged update, so the log can go.
    // A crash before this line only means the log is replayed again: Yjs updates are idempotent.
    this.logOf(documentId).truncate();
  }

  async release(documentId: string): Promise<void> {
    const log = this.logs.get(documentId);
    if (!log) return;
    this.logs.delete(documentId);
    await log.sync();
    log.close();
  }

  async sync(): Promise<void> {
    await Promise.all([...this.logs.values()].map((log) => log.sync()));
  }

  /** Flushes and closes every open log. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.logs.keys()].map((id) => this.release(id)));
  }
}
