import { existsSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeFrames, encodeFrame } from './frames.ts';

/**
 * A snapshot file holds one frame: a document's full encoded Yjs state.
 * It is replaced atomically (write to a temporary file, fsync, rename, fsync the folder),
 * so a crash leaves either the old snapshot or the new one, never a mix.
 */

/** Reads the snapshot at `path`; null when there is none. Throws if the file is damaged. */
export function readSnapshot(path: string): Uint8Array | null {
  if (!existsSync(path)) return null;
  const data = readFileSync(path);
  const { payloads, tornBytes, skipped } = decodeFrames(data);
  const [state] = payloads;
  if (payloads.length !== 1 || tornBytes !== 0 || skipped.length > 0 || state === undefined) {
    throw new Error(`Snapshot ${path} is damaged`);
  }
  return Uint8Array.from(state);
}

/** Atomically replaces the snapshot at `path` with `state` and makes it durable. */
export async function writeSnapshot(path: string, state: Uint8Array): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(encodeFrame(state));
    await file.datasync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
