import type { FastifyInstance } from 'fastify';
import { ImportService } from './service.ts';
import { importRoutes } from './routes.ts';

/**
 * Registers Word import (service and routes). Encapsulated on purpose: the .docx body parser
 * it adds applies to its own routes only. Needs documents, revisions and the collaboration
 * registry, so it is registered after them.
 */
export async function importPlugin(app: FastifyInstance): Promise<void> {
  const service = new ImportService(app.documents, app.revisions, app.collab);
  await app.register(importRoutes, { service });
}
