import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Errors, errorBody } from '../errors.ts';

/** Paths of the single-page app; each answers with `index.html` and the client routes itself. */
const APP_PAGES = [
  '/',
  '/login',
  '/account',
  '/admin',
  '/documents/:id',
  '/documents/:id/audit',
  '/documents/:id/review',
  '/documents/:id/revisions',
  '/documents/:id/revisions/:revisionId',
  '/documents/:id/compare',
  '/documents/:id/rounds',
  '/documents/:id/rounds/:roundId',
];

/**
 * Serves the built web client from `clientDir` (`npm run build:client` writes it).
 * Without a build, the pages answer 503 with the command to run, instead of a bare 404.
 */
export async function webPlugin(app: FastifyInstance, options: { clientDir: string }): Promise<void> {
  const built = existsSync(join(options.clientDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: options.clientDir, index: false, wildcard: true, cacheControl: false });
  }
  for (const path of APP_PAGES) {
    app.get(path, async (_request, reply) => {
      if (!built) {
        const error = new Errors.ClientNotBuilt();
        return reply.status(503).send(errorBody(error.code, error.message));
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    });
  }
}
