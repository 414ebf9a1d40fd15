import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Store } from './store.ts';
import { openEmbeddedStore } from './embedded-store.ts';
import type { StorageIo } from './io.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Opens the embedded store in `dataDir` as `app.store`. The app closes it last, after everything that writes to it. */
export const storePlugin = fp(
  async (app: FastifyInstance, options: { dataDir: string; fsyncIntervalMs: number; io?: StorageIo }) => {
    const store = await openEmbeddedStore(options.dataDir, app.log, { fsyncIntervalMs: options.fsyncIntervalMs, io: options.io });
    app.decorate('store', store);
  },
  { name: 'store' },
);
