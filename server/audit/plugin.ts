import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AuditLog } from './service.ts';
import { auditRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
  }
}

/** Registers `app.audit` and its route; open edit windows are written when the app closes. */
export const auditPlugin = fp(
  async (app: FastifyInstance) => {
    const audit = new AuditLog(app.store.audit, app.store.records);
    app.decorate('audit', audit);
    app.documentHooks.add({
      onChange(document, _update, origin) {
        if (origin.source !== 'connection') return;
        audit.noteEdit(document.id, origin.connection.identity.userId)?.catch((error: unknown) =>
          app.log.error({ err: error }, 'could not write the audit trail'),
        );
      },
    });
    // onClose hooks run in reverse order: this runs after the collaboration server has
    // closed (no more edits) and before the store closes.
    app.addHook('onClose', async () => {
      await audit.flush();
    });
    await app.register(auditRoutes);
  },
  { name: 'audit', dependencies: ['store', 'auth', 'document-hooks'] },
);
