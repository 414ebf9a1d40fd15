import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_SECRETARIAT, SettingsService } from './service.ts';
import { settingsRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    settings: SettingsService;
  }
}

/** Registers `app.settings` (terminology) and its routes; `draftingBody` is the default name (`DRAFTING_BODY`). */
export const settingsPlugin = fp(
  async (app: FastifyInstance, options: { draftingBody: string }) => {
    app.decorate('settings', new SettingsService(app.store.records, { draftingBody: options.draftingBody, secretariat: DEFAULT_SECRETARIAT }));
    await app.register(settingsRoutes);
  },
  { name: 'settings', dependencies: ['store', 'auth', 'audit'] },
);
