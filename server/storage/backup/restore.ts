import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rmdir } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { decodeFrames } from '../frames.ts';
import { syncFolder } from '../io.ts';
import { sha256, writeDurably, type Manifest, type ManifestEntry } from './files.ts';

/** Narrows `manifest.json`. */
function parseManifest(text: string, path: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON: the backup is damaged`);
  }
  const manifest = value as Partial<Manifest> | null;
  if (manifest?.format !== 'draftroom-backup' || manifest.version !== 1 || !Array.isArray(manifest.files)) {
    throw new Error(`${path} is not a Draftroom backup manifest`);
  }
  for (const entry of manifest.files as unknown[]) {
    const file = entry as Partial<ManifestEntry> | null;
    if (typeof file?.path !== 'string' || typeof file.bytes !== 'number' || typeof file.sha256 !== 'string' || normalize(file.path).startsWith('..')) {
      throw new Error(`${path} lists a malformed entry: ${JSON.stringify(entry)}`);
    }
  }
  return manifest as Manifest;
}

/** Cuts a torn last frame of a framed append-only file (a table or an update log). */
function withoutTornTail(path: string, data: Buffer): Buffer {
  if (!path.endsWith('.table') && !path.endsWith('.log')) return data;
  const { validBytes, tornBytes } = decodeFrames(data);
  return tornBytes > 0 ? data.subarray(0, validBytes) : data;
}

/**
 * Checks a backup against its manifest (every file present with the recorded size and
 * SHA-256) and restores it into `dataDir`, which must be missing or empty unless `force`
 * (then the current folder is moved aside to `<dataDir>.before-restore-<time>`, never deleted).
 * The files are written into `<dataDir>.restoring-<time>` and renamed into place at the end,
 * so an interrupted restore leaves no half-restored data folder. Throws, naming the file, on
 * any mismatch; nothing is changed then.
 */
export async function restoreBackup(backupDir: string, dataDir: string, options: { force?: boolean } = {}): Promise<{ files: number; movedAside: string | null }> {
  const manifestPath = join(backupDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: not a finished Draftroom backup`);
  const manifest = parseManifest(await readFile(manifestPath, 'utf8'), manifestPath);
  const contents = new Map<string, Buffer>();
  for (const entry of manifest.files) {
    const path = join(backupDir, entry.path);
    if (!existsSync(path)) throw new Error(`${path} is listed in the manifest but missing: the backup is incomplete`);
    const data = await readFile(path);
    if (data.byteLength !== entry.bytes || sha256(data) !== entry.sha256) throw new Error(`${path} does not match the manifest (size or checksum): the backup is damaged`);
    contents.set(entry.path, data);
  }
  const occupied = existsSync(dataDir) && readdirSync(dataDir).length > 0;
  if (occupied && !options.force) throw new Error(`${dataDir} is not empty; restore into a new folder, or pass --force to move the current one aside`);
  const staging = `${dataDir}.restoring-${Date.now()}`;
  for (const [path, data] of contents) {
    const target = join(staging, path);
    await mkdir(dirname(target), { recursive: true });
    await writeDurably(target, withoutTornTail(path, data));
    await syncFolder(dirname(target));
  }
  await mkdir(staging, { recursive: true });
  let movedAside: string | null = null;
  if (existsSync(dataDir)) {
    movedAside = occupied ? `${dataDir}.before-restore-${Date.now()}` : null;
    if (movedAside) await rename(dataDir, movedAside);
    else await rmdir(dataDir);
  }
  await rename(staging, dataDir);
  await syncFolder(dirname(dataDir));
  return { files: contents.size, movedAside };
}
