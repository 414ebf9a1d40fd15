import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { TemplateCatalog } from '../templates/catalog.ts';
import { ContentTouch } from './content-touch.ts';
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
  async (app: FastifyInstance, options: { templatesDir: string; contentTouchIntervalMs: number }) => {
    const templates = TemplateCatalog.load(options.templatesDir);
    app.decorate('templates', templates);
    const documents = new DocumentService(app.store, templates);
    app.decorate('documents', documents);
    const touch = new ContentTouch(
      (documentId, at) => documents.touchContent(documentId, at),
      (error) => app.log.error({ err: error }, 'could not record when a document changed'),
      options.contentTouchIntervalMs,
    );
    app.documentHooks.add({
      onChange(document, _update, origin) {
        // Replaying stored content is not a change; edits, restores and server repairs are. An
        // update from another process was touched there (the records are shared).
        if (origin.source !== 'load' && origin.source !== 'remote') touch.note(document.id);
      },
    });
    // onClose hooks run in reverse order: after the collaboration server closed, before the store.
    app.addHook('onClose', async () => {
      await touch.flush();
    });
    await app.register(documentRoutes);
  },
  { name: 'documents', dependencies: ['store', 'auth', 'document-hooks'] },
);
