import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncFolder } from '../io.ts';
import { listFiles, readConsistent, sha256, writeDurably, type Manifest, type ManifestEntry } from './files.ts';

/** Order in which a document's files are copied: the log before the snapshot (see `backupDataDir`). */
const DOCUMENT_ORDER = ['.log', '.snapshot', '.log.prev', '.snapshot.prev'];

function documentRank(path: string): number {
  const index = DOCUMENT_ORDER.findIndex((suffix) => path.endsWith(suffix));
  return index === -1 ? DOCUMENT_ORDER.length : index;
}

/**
 * The copy order. Referring rows are copied before what they refer to, so everything a
 * copied row names is in the copy: tables (threads, sessions, authorship, audit) first, then
 * `records.json`, then the immutable revision states and attachments, then document content.
 * Each document's log is copied before its snapshot: a compaction that runs between the two
 * only moves updates from the log into the snapshot, which is then copied whole.
 */
function backupOrder(files: string[]): string[] {
  const group = (path: string): number => {
    if (path.startsWith('documents/')) return 4;
    if (path.startsWith('revisions/') || path.startsWith('attachments/')) return 3;
    if (path === 'records.json' || path === 'records.json.bak') return 2;
    return 1;
  };
  return [...files].sort((a, b) => {
    const byGroup = group(a) - group(b);
    if (byGroup !== 0) return byGroup;
    if (group(a) === 4) {
      const stem = (path: string): string => path.slice(0, path.length - (DOCUMENT_ORDER.find((suffix) => path.endsWith(suffix))?.length ?? 0));
      return stem(a).localeCompare(stem(b)) || documentRank(a) - documentRank(b);
    }
    return a.localeCompare(b);
  });
}

/**
 * Writes a consistent copy of a live data folder into `destination` (which must be missing or
 * empty), without stopping the server: append-only files are copied as the prefix present
 * when opened (their frames are checksummed, so a torn last frame is cut on restore),
 * atomically replaced files through one open descriptor, in the order of `backupOrder`.
 * `manifest.json`, written last, lists every file with its size and SHA-256. Every edit and
 * record acknowledged before the backup started is in the copy.
 */
export async function backupDataDir(dataDir: string, destination: string): Promise<Manifest> {
  if (!existsSync(join(dataDir, 'records.json'))) throw new Error(`${dataDir} is not a Draftroom data folder (no records.json)`);
  if (existsSync(destination) && readdirSync(destination).length > 0) throw new Error(`${destination} is not empty; give a new folder for the backup`);
  await mkdir(destination, { recursive: true });
  const entries: ManifestEntry[] = [];
  const folders = new Set<string>([destination]);
  for (const path of backupOrder(listFiles(dataDir))) {
    const data = await readConsistent(join(dataDir, path));
    // A file removed meanwhile (a pruned checkpoint, a replaced temporary) is simply not part of this copy.
    if (data === null) continue;
    const target = join(destination, path);
    await mkdir(dirname(target), { recursive: true });
    folders.add(dirname(target));
    await writeDurably(target, data);
    entries.push({ path, bytes: data.byteLength, sha256: sha256(data) });
  }
  const manifest: Manifest = { format: 'draftroom-backup', version: 1, createdAt: new Date().toISOString(), files: entries };
  for (const folder of folders) await syncFolder(folder);
  await writeDurably(join(destination, 'manifest.json'), Buffer.from(JSON.stringify(manifest, null, 2)));
  await syncFolder(destination);
  return manifest;
}
