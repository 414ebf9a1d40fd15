import { resolve } from 'node:path';
import { backupDataDir } from './backup.ts';
import { restoreBackup } from './restore.ts';

/**
 * `npm run backup -- <destination>`: copies the data folder (`DATA_DIR`, default ./data) of a
 * running or stopped server. `npm run restore -- <backup> <dataDir> [--force]`: checks a backup
 * and restores it into a new (or, with --force, the current) data folder; stop the server first.
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const force = rest.includes('--force');
  const args = rest.filter((arg) => arg !== '--force');
  if (command === 'backup' && args.length === 1 && args[0]) {
    const dataDir = resolve(process.env.DATA_DIR?.trim() || 'data');
    const manifest = await backupDataDir(dataDir, resolve(args[0]));
    const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
    process.stdout.write(`Backed up ${manifest.files.length} files (${bytes} bytes) of ${dataDir} to ${resolve(args[0])}\n`);
    return;
  }
  if (command === 'restore' && args.length === 2 && args[0] && args[1]) {
    const result = await restoreBackup(resolve(args[0]), resolve(args[1]), { force });
    process.stdout.write(
      `Restored ${result.files} files into ${resolve(args[1])}${result.movedAside ? `; the previous folder is at ${result.movedAside}` : ''}\n`,
    );
    return;
  }
  process.stderr.write('usage: npm run backup -- <destination>   |   npm run restore -- <backup> <dataDir> [--force]\n');
  process.exit(2);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
