import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openEmbeddedStore } from '../embedded-store.ts';
import { StorageStartError } from '../storage-errors.ts';
import { copyEmbeddedToPostgres, formatVerification, targetInUse, verifyMigration } from './import-embedded.ts';
import { openPostgresStore, safeUrl } from './postgres-store.ts';

/**
 * `npm run migrate:postgres -- --data-dir <folder> --database-url <postgres://…>`: copies an
 * embedded data folder (server stopped) into an empty PostgreSQL database, then verifies the
 * copy and prints the comparison table. Exits 0 when every row matches, 1 otherwise, 2 on a
 * usage error. `DATABASE_URL` is used when `--database-url` is not given.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } }, strict: true });
  const dataDir = values['data-dir'];
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!dataDir || !databaseUrl) {
    process.stderr.write('Usage: npm run migrate:postgres -- --data-dir <embedded data folder> --database-url postgres://user@host:5432/db\n');
    return 2;
  }
  const logger = {
    warn: (details: object, message: string) => process.stderr.write(`warning: ${message} ${JSON.stringify(details)}\n`),
    info: (_details: object, message: string) => process.stdout.write(`${message}\n`),
  };
  const progress = (message: string): void => void process.stdout.write(`${message}\n`);
  const source = await openEmbeddedStore(resolve(dataDir), logger, { fsyncIntervalMs: 0 });
  try {
    const target = await openPostgresStore(databaseUrl, logger);
    try {
      if (targetInUse(target)) {
        process.stderr.write(`${safeUrl(databaseUrl)} already holds accounts or documents; migrate only into an empty database (nothing was changed).\n`);
        return 1;
      }
      progress(`Copying ${resolve(dataDir)} into ${safeUrl(databaseUrl)}`);
      await copyEmbeddedToPostgres(source, target, progress);
      const verification = await verifyMigration(source, target);
      process.stdout.write(`\n${formatVerification(verification)}\n\n`);
      process.stdout.write(verification.ok ? 'Verified: the database holds everything the data folder holds.\n' : 'Verification FAILED: see the rows marked NO.\n');
      return verification.ok ? 0 : 1;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof StorageStartError ? '' : 'Migration failed: '}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
