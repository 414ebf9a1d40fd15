import type { FastifyInstance } from 'fastify';
import { isPostgresStore } from '../storage/postgres/postgres-store.ts';
import { PostgresPreviewStore } from '../storage/postgres/import-preview-store.ts';
import { MemoryPreviewStore } from './preview-store.ts';
import { ImportService, type ImportDraft } from './service.ts';
import { importRoutes } from './routes.ts';

/**
 * Registers Word import (service and routes). Encapsulated on purpose: the .docx body parser
 * it adds applies to its own routes only. Needs documents, revisions and the collaboration
 * registry, so it is registered after them. Previews live in PostgreSQL in the shared mode (an
 * upload on one process, its confirmation on another), in memory otherwise.
 */
export async function importPlugin(app: FastifyInstance): Promise<void> {
  const previews = isPostgresStore(app.store) ? new PostgresPreviewStore<ImportDraft>(app.store.pool) : new MemoryPreviewStore<ImportDraft>();
  const service = new ImportService(app.documents, app.revisions, app.collab, previews);
  await app.register(importRoutes, { service });
}
