import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { formatStartupBanner } from './startup-banner.ts';
import { StorageStartError } from './storage/storage-errors.ts';
import { safeUrl } from './storage/postgres/postgres-store.ts';

/**
 * Starts Draftroom: reads the configuration, builds the app, listens, and on SIGTERM or
 * SIGINT closes gracefully (every connection closed, every document stored) before exiting.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: storing every open document');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`Draftroom is ready at ${address}`);
  // The generated password is printed once, here, on the first start of an empty data
  // directory; it is never stored in clear.
  process.stdout.write(
    formatStartupBanner({
      address,
      dataDir: config.dataDir,
      database: config.databaseUrl === null ? null : safeUrl(config.databaseUrl),
      generatedPassword: app.adminBootstrap.generatedPassword,
    }),
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else if (error instanceof StorageStartError) {
    process.stderr.write(`Draftroom did not start: ${error.message}\n`);
  } else {
    process.stderr.write(`Draftroom could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
