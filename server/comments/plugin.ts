import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AttachmentStore } from './attachments.ts';
import { ThreadEvents } from './events.ts';
import { eventAudienceCheck } from './event-audience.ts';
import { CommentService } from './service.ts';
import { commentRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    comments: CommentService;
    /** Where the synthesis table is issued (`DRAFTING_PLACE`); its issuer is `app.settings.terminology().draftingBody`. */
    synthesisIssuer: { place: string };
    commentEvents: ThreadEvents;
    attachments: AttachmentStore;
  }
}

/** Registers comment threads, submissions, their live events and the synthesis table. */
export const commentsPlugin = fp(
  async (app: FastifyInstance, options: { dataDir: string; draftingPlace?: string; now?: () => number }) => {
    app.decorate('comments', new CommentService(app.store.comments, options.now));
    app.decorate('synthesisIssuer', { place: options.draftingPlace ?? 'Hà Nội' });
    const events = new ThreadEvents(eventAudienceCheck(app), app.bus, app.log);
    app.decorate('commentEvents', events);
    app.decorate('attachments', new AttachmentStore(app.store.attachments));
    app.addHook('preClose', async () => events.close());
    // A disabled account or a reset password ends the person's streams at once, like their sockets.
    app.auth.onRevocation((userId) => events.disconnect(userId));
    await app.register(commentRoutes);
  },
  { name: 'comments', dependencies: ['store', 'bus', 'auth', 'documents', 'revisions', 'audit', 'notifications', 'settings'] },
);
