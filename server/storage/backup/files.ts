import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** One copied file as the manifest records it. */
export interface ManifestEntry {
  /** Path inside the data folder, with `/` separators. */
  path: string;
  bytes: number;
  sha256: string;
}

/** `manifest.json` of a backup. */
export interface Manifest {
  format: 'draftroom-backup';
  version: 1;
  createdAt: string;
  files: ManifestEntry[];
}

/** Files that are scratch or set-aside copies, never part of the data. */
export function isScratch(name: string): boolean {
  return name.endsWith('.tmp') || name.includes('.torn-') || name.includes('.damaged-') || name === '.health-probe';
}

/** Every file below `dir`, as data-folder paths with `/` separators, sorted. */
export function listFiles(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (isScratch(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...listFiles(path, root));
    else found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

/**
 * Reads a file through one open descriptor, so a concurrent atomic replacement (rename) cannot
 * mix two versions; at most the size seen when it was opened, so appends made meanwhile are
 * left for the next backup. Returns null when the file vanished before it was opened.
 */
export async function readConsistent(path: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/** SHA-256 of `data`, hex. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes `data` to `path` and fsyncs it. */
export async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
