import { existsSync } from 'node:fs';
import { constants, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Errors } from '../errors.ts';
import type { StorageHealth } from './health.ts';
import { syncFolder, type StorageIo } from './io.ts';

interface PendingAppend {
  data: Uint8Array;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Appends bytes to one file with group commit: appends requested while a write is in flight
 * are gathered into the next single write + fdatasync, so concurrent writers share one flush.
 * `append` resolves only once its bytes are on the disk; on any failure it rejects with
 * `ERR_STORAGE_UNAVAILABLE`, the file is cut back to where it was, and health is told. The
 * folder is fsynced when the file is created.
 */
export class DurableAppender {
  private handle: FileHandle | null = null;
  private pending: PendingAppend[] = [];
  private scheduled = false;
  /** Every write and replacement runs in this chain, one at a time. */
  private chain: Promise<void> = Promise.resolve();
  /** Set when a failed write may have left bytes past `size` that a later write must cut. */
  private dirtyTail = false;

  /** `size` is the length of the file's trusted content (the caller has cut any torn tail). */
  constructor(readonly path: string, private size: number, private readonly io: StorageIo, private readonly health: StorageHealth) {}

  /** Bytes of trusted content in the file. */
  get sizeBytes(): number {
    return this.size;
  }

  /** Appends `data`; resolves once it is durable. */
  append(data: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ data, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // Appends arriving while this write is in flight gather into the next one.
      this.chain = this.chain.then(() => this.writeBatch());
    });
  }

  /**
   * Runs `task` between writes; appends requested meanwhile wait for it. Used by compaction,
   * which replaces the file: `task` returns the new file's size (or null when it kept the
   * current file) and the appender reopens the file on the next write.
   */
  replace(task: () => Promise<number | null>): Promise<void> {
    const run = this.chain.then(async () => {
      const newSize = await task();
      if (newSize === null) return;
      await this.handle?.close();
      this.handle = null;
      this.size = newSize;
      this.dirtyTail = false;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async fileHandle(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    const created = !existsSync(this.path);
    this.handle = await open(this.path, constants.O_RDWR | constants.O_CREAT, 0o644);
    if (created) await syncFolder(dirname(this.path));
    return this.handle;
  }

  private async writeBatch(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const data = Buffer.concat(batch.map((entry) => entry.data));
    const start = this.size;
    try {
      const handle = await this.fileHandle();
      if (this.dirtyTail) {
        await handle.truncate(start);
        this.dirtyTail = false;
      }
      await this.io.write(handle, data, start);
      await this.io.datasync(handle);
      this.size = start + data.byteLength;
      this.health.succeeded();
      for (const entry of batch) entry.resolve();
    } catch (error) {
      // Part of the batch may be in the file: cut it now, or before the next write.
      this.dirtyTail = true;
      this.health.failed(basename(this.path), error);
      await this.handle?.truncate(start).then(
        () => (this.dirtyTail = false),
        () => undefined,
      );
      const failure = new Errors.StorageUnavailable(this.health.reason ?? 'write failed');
      for (const entry of batch) entry.reject(failure);
    }
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    await this.chain;
    await this.handle?.close();
    this.handle = null;
  }
}
