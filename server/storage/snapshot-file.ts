import { existsSync, readFileSync } from 'node:fs';
import { decodeFrames, encodeFrame } from './frames.ts';
import { nodeIo, replaceFileDurably } from './io.ts';

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

/**
 * Atomically replaces the snapshot at `path` with `state` and makes it durable; on failure the
 * old snapshot stays and the temporary file is removed.
 */
export async function writeSnapshot(path: string, state: Uint8Array): Promise<void> {
  await replaceFileDurably(path, encodeFrame(state), nodeIo);
}
