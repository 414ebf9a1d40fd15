import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { decodeFrames } from './frames.ts';
import { copyFile, link, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as Y from 'yjs';
import { Errors } from '../errors.ts';
import type { DocumentContentStore, StoredContent } from './store.ts';
import { UpdateLog } from './update-log.ts';
import { readSnapshot, writeSnapshot } from './snapshot-file.ts';
import type { StorageHealth } from './health.ts';

/** Document ids the content store accepts: they become file names, so nothing else is allowed. */
export const DOCUMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Compact once the log passes either bound. */
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
const COMPACT_AFTER_FRAMES = 2000;

/** Logger the store reports recoveries to. */
export interface StoreLogger {
  warn(details: object, message: string): void;
}

/** Where the content store finds the last resort of a recovery: the newest revision state. */
export interface RevisionFallback {
  /** The newest stored revision state of a document, or null when it has none. */
  newest(documentId: string): Promise<{ revisionId: string; state: Uint8Array } | null>;
}

type FileKind = 'log' | 'snapshot' | 'snapshot.prev' | 'log.prev';

/** True when applying `updates` in order leaves nothing waiting for missing history. */
function isComplete(updates: Uint8Array[]): boolean {
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    return doc.store.pendingStructs === null && doc.store.pendingDs === null;
  } catch {
    return false;
  } finally {
    doc.destroy();
  }
}

/**
 * Stores each document as `<dir>/<id>.snapshot` (full state, replaced atomically) plus
 * `<id>.log` (updates appended since). Compaction keeps the previous generation as
 * `<id>.snapshot.prev` + `<id>.log.prev`, so a missing or damaged snapshot is rebuilt from
 * them and the log; failing that, from the newest revision plus the log (with a warning); and
 * if nothing recovers it, `load` throws `ERR_DOCUMENT_DAMAGED` naming the file and never
 * replaces the files with an empty document.
 */
export class FileContentStore implements DocumentContentStore {
  private readonly logs = new Map<string, UpdateLog>();

  constructor(
    private readonly dir: string,
    private readonly logger: StoreLogger,
    private readonly recovery: { revisions?: RevisionFallback; health?: StorageHealth } = {},
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Path of a document's file of the given kind; rejects ids that are not plain names. */
  private pathOf(documentId: string, kind: FileKind): string {
    if (!DOCUMENT_ID_PATTERN.test(documentId)) throw new Error(`Invalid document id: ${JSON.stringify(documentId)}`);
    return join(this.dir, `${documentId}.${kind}`);
  }

  async load(documentId: string): Promise<StoredContent> {
    const snapshotPath = this.pathOf(documentId, 'snapshot');
    let snapshot: Uint8Array | null = null;
    let problem: 'is missing' | 'is damaged' | null = null;
    try {
      snapshot = readSnapshot(snapshotPath);
    } catch {
      problem = 'is damaged';
    }
    this.logs.get(documentId)?.close();
    this.logs.delete(documentId);
    const opened = UpdateLog.open(this.pathOf(documentId, 'log'));
    this.logs.set(documentId, opened.log);
    if (opened.discardedBytes > 0) {
      this.logger.warn(
        { documentId, discardedBytes: opened.discardedBytes, quarantinePath: opened.quarantinePath },
        'update log had damaged frames; they were set aside and every intact frame was kept',
      );
    }
    if (snapshot === null && problem === null) {
      // A snapshot is written when a document is created and at every compaction (which
      // leaves `.log.prev`): without one, the log must stand on its own.
      if (existsSync(this.pathOf(documentId, 'log.prev')) || (opened.updates.length > 0 && !isComplete(opened.updates))) problem = 'is missing';
    }
    if (problem === null) {
      return { updates: snapshot ? [snapshot, ...opened.updates] : opened.updates, discardedBytes: opened.discardedBytes };
    }
    const recovered = await this.recover(documentId, opened.updates, problem);
    return { updates: recovered, discardedBytes: Math.max(1, opened.discardedBytes) };
  }

  /**
   * Rebuilds a document whose snapshot is missing or damaged. The damaged snapshot is moved
   * aside (`.damaged-<time>`) only once a recovery succeeded.
   */
  private async recover(documentId: string, log: Uint8Array[], problem: 'is missing' | 'is damaged'): Promise<Uint8Array[]> {
    const snapshotPath = this.pathOf(documentId, 'snapshot');
    const named = `documents/${basename(snapshotPath)} ${problem}`;
    const prevLogPath = this.pathOf(documentId, 'log.prev');
    let candidate: Uint8Array[] | null = null;
    let source = '';
    if (existsSync(prevLogPath)) {
      try {
        const prevSnapshot = readSnapshot(this.pathOf(documentId, 'snapshot.prev'));
        // Read without opening it as a log: recovery must not change the files it reads.
        const prevLog = decodeFrames(readFileSync(prevLogPath)).payloads;
        const updates = [...(prevSnapshot ? [prevSnapshot] : []), ...prevLog, ...log];
        // An empty previous generation recovers nothing (it would "recover" an empty document).
        if ((prevSnapshot !== null || prevLog.length > 0) && isComplete(updates)) {
          candidate = updates;
          source = 'the previous snapshot and update log';
        }
      } catch {
        // The previous generation is damaged too: try the revisions.
      }
    }
    if (candidate === null && this.recovery.revisions) {
      const newest = await this.recovery.revisions.newest(documentId).catch(() => null);
      if (newest) {
        candidate = [newest.state, ...log];
        source = `revision ${newest.revisionId} plus the update log (edits made between that revision and the last compaction may be missing)`;
      }
    }
    if (candidate === null) {
      this.logger.warn({ documentId, file: snapshotPath }, `${named} and nothing on disk recovers it; the document is refused`);
      throw new Errors.DocumentDamaged(`${named} and no earlier copy recovers it; restore the data folder from a backup (npm run restore)`);
    }
    if (existsSync(snapshotPath)) await rename(snapshotPath, `${snapshotPath}.damaged-${Date.now()}`);
    this.logger.warn({ documentId, file: snapshotPath }, `${named}; the document was recovered from ${source}`);
    return candidate;
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
    try {
      this.logOf(documentId).append(update);
    } catch (error) {
      this.recovery.health?.failed(`documents/${documentId}.log`, error);
      throw error;
    }
    this.recovery.health?.succeeded();
  }

  needsCompaction(documentId: string): boolean {
    const log = this.logs.get(documentId);
    return log !== undefined && (log.sizeBytes > COMPACT_AFTER_BYTES || log.frameCount > COMPACT_AFTER_FRAMES);
  }

  async compact(documentId: string, state: Uint8Array): Promise<void> {
    const log = this.logOf(documentId);
    await log.sync();
    try {
      await this.keepPreviousGeneration(documentId, state, log.sizeBytes === 0);
      await writeSnapshot(this.pathOf(documentId, 'snapshot'), state);
    } catch (error) {
      this.recovery.health?.failed(`documents/${documentId}.snapshot`, error);
      // The old snapshot and the log still hold everything: nothing is lost, the caller may retry.
      throw new Errors.StorageUnavailable(this.recovery.health?.reason ?? `writing documents/${documentId}.snapshot failed`);
    }
    // The snapshot is durable and includes every logged update, so the log can go.
    // A crash before this line only means the log is replayed again: Yjs updates are idempotent.
    log.truncate();
  }

  /**
   * Keeps the current snapshot and log as `.snapshot.prev` and `.log.prev` (durably) before a
   * compaction replaces them: together they rebuild the document if the new snapshot is lost.
   * The first snapshot of content that was never logged (a document made from a template) has
   * no previous generation that holds it, so it is itself copied to `.snapshot.prev`.
   */
  private async keepPreviousGeneration(documentId: string, state: Uint8Array, logEmpty: boolean): Promise<void> {
    const snapshot = this.pathOf(documentId, 'snapshot');
    const prevSnapshot = this.pathOf(documentId, 'snapshot.prev');
    if (!existsSync(snapshot) && logEmpty) {
      await writeSnapshot(prevSnapshot, state);
    } else if (existsSync(snapshot)) {
      await rm(prevSnapshot, { force: true });
      await link(snapshot, prevSnapshot).catch(() => copyFile(snapshot, prevSnapshot));
    }
    const prevLog = this.pathOf(documentId, 'log.prev');
    const temporary = `${prevLog}.tmp`;
    if (existsSync(this.pathOf(documentId, 'log'))) await copyFile(this.pathOf(documentId, 'log'), temporary);
    else await (await open(temporary, 'w')).close();
    const file = await open(temporary, 'r+');
    try {
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, prevLog);
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
