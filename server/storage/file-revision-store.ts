import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DOCUMENT_ID_PATTERN } from './file-content-store.ts';
import { readSnapshot, writeSnapshot } from './snapshot-file.ts';
import type { RevisionStateStore } from './store.ts';

/**
 * Revision states as `<dir>/<documentId>/<revisionId>.state`: one checksummed frame holding
 * the gzip-compressed encoded state (Yjs updates compress to roughly a third), written
 * atomically like snapshots.
 */
export class FileRevisionStore implements RevisionStateStore {
  constructor(private readonly dir: string) {}

  private pathOf(documentId: string, revisionId: string): string {
    if (!DOCUMENT_ID_PATTERN.test(documentId) || !DOCUMENT_ID_PATTERN.test(revisionId)) {
      throw new Error(`Invalid id: ${JSON.stringify([documentId, revisionId])}`);
    }
    return join(this.dir, documentId, `${revisionId}.state`);
  }

  async write(documentId: string, revisionId: string, state: Uint8Array): Promise<number> {
    const path = this.pathOf(documentId, revisionId);
    await mkdir(join(this.dir, documentId), { recursive: true });
    const compressed = gzipSync(state, { level: 6 });
    await writeSnapshot(path, compressed);
    return compressed.byteLength + 8;
  }

  async read(documentId: string, revisionId: string): Promise<Uint8Array> {
    const compressed = readSnapshot(this.pathOf(documentId, revisionId));
    if (compressed === null) throw new Error(`Revision state ${documentId}/${revisionId} is missing`);
    return new Uint8Array(gunzipSync(compressed));
  }

  /** The most recently written readable revision state of a document, or null (recovery fallback). */
  async newest(documentId: string): Promise<{ revisionId: string; state: Uint8Array } | null> {
    if (!DOCUMENT_ID_PATTERN.test(documentId)) return null;
    const folder = join(this.dir, documentId);
    if (!existsSync(folder)) return null;
    const states = await Promise.all(
      (await readdir(folder))
        .filter((name) => name.endsWith('.state'))
        .map(async (name) => ({ revisionId: name.slice(0, -'.state'.length), mtime: (await stat(join(folder, name))).mtimeMs })),
    );
    for (const { revisionId } of states.sort((a, b) => b.mtime - a.mtime)) {
      try {
        return { revisionId, state: await this.read(documentId, revisionId) };
      } catch {
        // Damaged too: try the one before.
      }
    }
    return null;
  }

  async remove(documentId: string, revisionId: string): Promise<void> {
    await rm(this.pathOf(documentId, revisionId), { force: true });
  }
}
