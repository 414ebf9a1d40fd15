import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The two disk operations whose failure matters for durability. Production uses `nodeIo`;
 * tests pass an implementation that fails on demand (a full disk, an I/O error) to check
 * that a failed write changes nothing.
 */
export interface StorageIo {
  /** Writes all of `data` at `position` of the file. Rejects on any error. */
  write(handle: FileHandle, data: Uint8Array, position: number): Promise<void>;
  /** Flushes the file's data to the disk (fdatasync). */
  datasync(handle: FileHandle): Promise<void>;
}

/** The real file system. */
export const nodeIo: StorageIo = {
  async write(handle, data, position) {
    let written = 0;
    while (written < data.byteLength) {
      const { bytesWritten } = await handle.write(data, written, data.byteLength - written, position + written);
      written += bytesWritten;
    }
  },
  async datasync(handle) {
    await handle.datasync();
  },
};

/** Makes a folder's entries (created, renamed or removed files) durable. */
export async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * Atomically replaces the file at `path` with `data` and makes it durable: a temporary file
 * is written and fsynced, renamed over `path`, then the folder is fsynced. A crash leaves the
 * old file or the new one; a failure leaves the old one (the temporary file is removed).
 * `beforeRename` runs after the new content is durable and before it replaces the old file.
 */
export async function replaceFileDurably(path: string, data: Uint8Array, io: StorageIo, beforeRename?: () => Promise<void>): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await io.write(file, data, 0);
    await io.datasync(file);
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await file.close();
  await beforeRename?.();
  await rename(temporary, path);
  await syncFolder(dirname(path));
}
