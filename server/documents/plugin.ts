import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { TemplateCatalog } from '../templates/catalog.ts';
import { DocumentService } from './service.ts';
import { documentRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    templates: TemplateCatalog;
    documents: DocumentService;
  }
}

/** Registers the template catalogue, the document service and the document routes. */
export const documentsPlugin = fp(
  async (app: FastifyInstance, options: { templatesDir: string }) => {
    const templates = TemplateCatalog.load(options.templatesDir);
    app.decorate('templates', templates);
    app.decorate('documents', new DocumentService(app.store, templates));
    await app.register(documentRoutes);
  },
  { name: 'documents', dependencies: ['store', 'auth'] },
);
