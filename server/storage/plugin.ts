import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Store } from './store.ts';
import { openEmbeddedStore } from './embedded-store.ts';
import type { StorageIo } from './io.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/**
 * Opens the store as `app.store`: on PostgreSQL when `databaseUrl` is set (the shared mode),
 * else the embedded store in `dataDir`. The app closes it last, after everything that writes to it.
 */
export const storePlugin = fp(
  async (app: FastifyInstance, options: { dataDir: string; fsyncIntervalMs: number; io?: StorageIo; databaseUrl?: string | null }) => {
    const store = options.databaseUrl
      ? await openPostgresStore(options.databaseUrl, app.log)
      : await openEmbeddedStore(options.dataDir, app.log, { fsyncIntervalMs: options.fsyncIntervalMs, io: options.io });
    app.decorate('store', store);
  },
  { name: 'store' },
);
