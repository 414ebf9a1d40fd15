import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { PdfRenderer } from './pdf-renderer.ts';
import { exportRoutes } from './routes.ts';

/**
 * Registers the draft's exports (Word, PDF) and print view. The PDF browser is launched on the
 * first PDF request and closed with the server. Needs documents, revisions, collab and audit.
 */
export const exportsPlugin = fp(
  async (app: FastifyInstance, options: { chromiumPath: string; now: () => number }) => {
    const pdf = new PdfRenderer(options.chromiumPath);
    app.addHook('onClose', async () => {
      await pdf.close();
    });
    await app.register(exportRoutes, { pdf, now: options.now });
  },
  { name: 'exports', dependencies: ['auth', 'documents', 'collab', 'revisions', 'audit', 'settings'] },
);
