import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { canOpenDocument } from '../documents/access.ts';
import type { UserRecord } from '../storage/records.ts';
import { PostgresRecordStore, type RecordRefresh } from '../storage/postgres/record-store.ts';
import { PostgresSessionStore } from '../storage/postgres/session-store.ts';
import { RecordsFanout } from './records-fanout.ts';
import { SessionsFanout } from './sessions-fanout.ts';

/** Safety net for lost messages: records and the sessions in use are read again this often. */
const HEAL_INTERVAL_MS = 30_000;

/** Whether a change of an account ends what its open connections may do (as `AuthService.updateUser` decides locally). */
function revokes(before: UserRecord, after: UserRecord | undefined): boolean {
  return (
    after === undefined ||
    after.disabled !== before.disabled ||
    after.role !== before.role ||
    after.organizationId !== before.organizationId ||
    after.passwordHash !== before.passwordHash
  );
}

/**
 * Accounts, records and access across server processes (the shared mode; nothing in the
 * embedded mode). Record writes and session removals are announced on the bus (`records`,
 * `sessions`); a process that hears of them reads the records again or forgets the sessions,
 * then does here what the writing process did there: an account disabled, its role or
 * organisation changed or its password reset runs the `auth.onRevocation` listeners (sockets
 * re-checked, event streams ended); a document whose access changed has its sockets re-checked
 * and its comment streams pruned. So withdrawn access closes sockets on every process within
 * the time of one message and one read of the records.
 */
export const accessFanoutPlugin = fp(
  async (app: FastifyInstance) => {
    const { records, sessions } = app.store;
    if (!app.bus.shared || !(records instanceof PostgresRecordStore) || !(sessions instanceof PostgresSessionStore)) return;

    const followRefresh = ({ changed, previous }: RecordRefresh): void => {
      for (const userId of changed.users ?? []) {
        const before = previous.users.find((user) => user.id === userId);
        if (before && revokes(before, app.auth.findUser(userId))) app.auth.applyRemoteRevocation(userId);
      }
      for (const documentId of changed.documents ?? []) {
        app.collabAccess.recheckDocument(documentId);
        const document = app.documents.find(documentId);
        app.commentEvents.prune(documentId, (userId) => {
          const user = app.auth.findUser(userId);
          return document !== undefined && user !== undefined && canOpenDocument(user, document);
        });
      }
    };
    const stopFollowing = records.onRefresh((refresh) => {
      try {
        followRefresh(refresh);
      } catch (error) {
        app.log.error({ err: error }, 'could not apply the access changes of other processes');
      }
    });

    const recordsFanout = new RecordsFanout(app.bus, records, app.log);
    const sessionsFanout = new SessionsFanout(
      app.bus,
      sessions,
      {
        sessionEnded: (userId) => app.collabAccess.recheckUser(userId),
        userRevoked: (userId) => {
          app.collabAccess.recheckUser(userId);
          // The account's new state (disabled, role) may not have been read here yet: read it first.
          void recordsFanout.refresh().then(() => app.auth.applyRemoteRevocation(userId));
        },
        sessionsInUse: () => [...app.collab.connections].map((connection) => connection.identity.sessionTokenHash),
      },
      app.log,
    );
    await recordsFanout.start(HEAL_INTERVAL_MS);
    await sessionsFanout.start(HEAL_INTERVAL_MS);
    app.addHook('onClose', async () => {
      stopFollowing();
      recordsFanout.stop();
      sessionsFanout.stop();
    });
  },
  { name: 'access-fanout', dependencies: ['store', 'bus', 'auth', 'documents', 'collab', 'comments'] },
);
