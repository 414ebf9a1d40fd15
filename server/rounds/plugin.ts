import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { RoundService } from './service.ts';
import { roundRoutes } from './routes.ts';
import { carryOverRoutes } from './carry-over.ts';

declare module 'fastify' {
  interface FastifyInstance {
    rounds: RoundService;
  }
}

/** Registers consultation rounds (`app.rounds`) and their routes; `now` is the app's clock. */
export const roundsPlugin = fp(
  async (app: FastifyInstance, options: { now: () => number }) => {
    app.decorate('rounds', new RoundService(app.store.records, options.now));
    await app.register(roundRoutes);
    await app.register(carryOverRoutes);
  },
  { name: 'rounds', dependencies: ['store', 'auth', 'documents', 'revisions', 'audit', 'notifications'] },
);
