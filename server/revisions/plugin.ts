import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AuthorshipRecorder } from './authorship.ts';
import { EditAttributionRecorder } from './edit-attribution.ts';
import { Checkpointer } from './checkpointer.ts';
import { RevisionService } from './service.ts';
import { revisionRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    revisions: RevisionService;
    authorship: AuthorshipRecorder;
    editAttribution: EditAttributionRecorder;
  }
}

/**
 * Registers revisions: the service, automatic checkpoints, client-id authorship and edit
 * attribution recording (as document hooks) and the routes. Needs the collaboration registry.
 */
export const revisionsPlugin = fp(
  async (app: FastifyInstance, options: { checkpointIdleMs: number; compareCacheBytes: number }) => {
    const revisions = new RevisionService(app.store, app.collab, options.compareCacheBytes);
    const authorship = new AuthorshipRecorder(app.store.clientAuthors);
    const editAttribution = new EditAttributionRecorder(app.store.edits);
    const checkpointer = new Checkpointer(revisions, options.checkpointIdleMs, app.log);
    app.decorate('revisions', revisions);
    app.decorate('authorship', authorship);
    app.decorate('editAttribution', editAttribution);
    app.documentHooks.add(authorship.hooks());
    app.documentHooks.add(editAttribution.hooks());
    app.documentHooks.add(checkpointer.hooks());
    // Registered after the collaboration server, so this runs before it closes
    // (hooks run in reverse): pending checkpoints are taken on the way out by onEmpty.
    app.addHook('onClose', async () => {
      checkpointer.stop();
      await Promise.all([authorship.flush(), editAttribution.flush()]);
    });
    await app.register(revisionRoutes);
  },
  { name: 'revisions', dependencies: ['store', 'auth', 'documents', 'collab', 'document-hooks', 'audit'] },
);
