import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type, type Static } from '@sinclair/typebox';
import type { RawData } from 'ws';
import { readSessionCredential, readSessionToken } from '../auth/plugin.ts';
import { hashSessionToken } from '../auth/tokens.ts';
import { canOpenDocument, WRITING_ROLES } from '../documents/access.ts';
import { errorBody } from '../errors.ts';
import { Id } from '../http/schemas.ts';
import type { UserRecord } from '../storage/records.ts';
import { AccessMonitor, type AccessVerdict } from './access-monitor.ts';
import { CloseCodes } from './close-codes.ts';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection.ts';
import type { Config } from '../config.ts';
import { DocumentRegistry } from './document-registry.ts';
import type { ConnectionIdentity } from './socket.ts';
import { adaptWebSocket } from './ws-socket.ts';
import type { HookList } from './hooks.ts';
import { BusDocumentFanout } from '../fanout/document-fanout.ts';

declare module 'fastify' {
  interface FastifyInstance {
    collab: DocumentRegistry;
    /** Lifecycle hooks of shared documents; plugins subscribe with `documentHooks.add(...)`. */
    documentHooks: HookList;
    /** Closes sockets whose rights were withdrawn; call after changing access or accounts. */
    collabAccess: AccessMonitor;
  }
}

/** Keep-alive ping interval; a socket that misses a pong in this time is dropped. */
const PING_INTERVAL_MS = 30_000;
/** How often open sockets are re-checked for sessions that expired on their own. */
const RECHECK_INTERVAL_MS = 30_000;

const CollabParams = Type.Object({ documentId: Id }, { additionalProperties: false });
const CollabQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })) }, { additionalProperties: false });

/** Copies a `ws` message into one Uint8Array, whatever form `ws` delivered it in. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/** The identity of a connection opened by `user` with the session `token`. */
function identityOf(user: UserRecord, token: string): ConnectionIdentity {
  return {
    userId: user.id,
    displayName: user.displayName,
    role: user.role,
    organizationId: user.organizationId,
    readOnly: !WRITING_ROLES.has(user.role),
    sessionTokenHash: hashSessionToken(token),
  };
}

/**
 * The per-connection limits with the operator's settings applied (see README "Configuration");
 * the awareness burst is four seconds of the sustained rate.
 */
export function connectionLimitsFrom(
  config: Pick<Config, 'collabMaxQueuedBytes' | 'collabMaxPendingBytes' | 'collabMaxPendingUpdates' | 'collabAwarenessBytesPerSecond' | 'collabAwarenessMaxClientIds'>,
): ConnectionLimits {
  return {
    ...DEFAULT_CONNECTION_LIMITS,
    maxQueuedBytes: config.collabMaxQueuedBytes,
    maxPendingUpdateBytes: config.collabMaxPendingBytes,
    maxPendingUpdates: config.collabMaxPendingUpdates,
    awareness: {
      ...DEFAULT_CONNECTION_LIMITS.awareness,
      bytesPerSecond: config.collabAwarenessBytesPerSecond,
      burstBytes: 4 * config.collabAwarenessBytesPerSecond,
      maxClientIds: config.collabAwarenessMaxClientIds,
    },
  };
}

/**
 * `GET /collab/:documentId` (WebSocket): the y-websocket protocol. The session and the
 * right to open the document are checked before the upgrade (401 / 403 / 404 as JSON, no
 * upgrade), and re-checked while the socket is open. The handler only adapts the socket; the
 * protocol lives in the framework-free core.
 */
export const collabPlugin = fp(
  async (app: FastifyInstance, options: { unloadDelayMs: number; limits?: ConnectionLimits; resyncIntervalMs?: number }) => {
    const registry = new DocumentRegistry({
      content: app.store.content,
      logger: app.log,
      unloadDelayMs: options.unloadDelayMs,
      hooks: app.documentHooks,
      limits: options.limits,
      documentExists: (documentId) => app.documents.find(documentId) !== undefined,
      fanout: new BusDocumentFanout(app.bus, app.log),
      resyncIntervalMs: options.resyncIntervalMs,
    });
    const checkAccess = (identity: ConnectionIdentity, documentId: string): AccessVerdict => {
      if (!app.auth.isSessionActive(identity.sessionTokenHash)) return 'unauthenticated';
      const user = app.auth.findUser(identity.userId);
      const document = app.documents.find(documentId);
      if (!user || !document || !canOpenDocument(user, document)) return 'forbidden';
      const current = identityOf(user, '');
      if (current.role !== identity.role || current.organizationId !== identity.organizationId || current.readOnly !== identity.readOnly) {
        return 'permissions_changed';
      }
      return 'ok';
    };
    const monitor = new AccessMonitor(registry, checkAccess);
    monitor.start(RECHECK_INTERVAL_MS);
    app.auth.onRevocation((userId) => monitor.recheckUser(userId));
    app.decorate('collab', registry);
    app.decorate('collabAccess', monitor);
    app.addHook('onClose', async () => {
      monitor.stop();
      await registry.close();
    });

    const authorizeUpgrade = async (
      request: FastifyRequest<{ Params: Static<typeof CollabParams> }>,
      reply: FastifyReply,
    ): Promise<void> => {
      const credential = readSessionCredential(request, true);
      // A browser sends the cookie to any page's upgrade: only its own pages may use it.
      if (credential?.source === 'cookie' && !app.originPolicy.allows(request)) {
        return reply.status(403).send(errorBody('ERR_ORIGIN', 'Requests from this origin are not allowed'));
      }
      const user = credential ? await app.auth.authenticate(credential.token) : null;
      if (!user) return reply.status(401).send(errorBody('ERR_UNAUTHENTICATED', 'Sign in first'));
      const document = app.documents.find(request.params.documentId);
      if (!document) return reply.status(404).send(errorBody('ERR_DOCUMENT_NOT_FOUND', 'No such document'));
      if (!canOpenDocument(user, document)) {
        return reply.status(403).send(errorBody('ERR_FORBIDDEN', 'You have no access to this document'));
      }
      request.user = user;
    };

    app.get<{ Params: Static<typeof CollabParams>; Querystring: Static<typeof CollabQuery> }>(
      '/collab/:documentId',
      { websocket: true, preValidation: authorizeUpgrade, schema: { params: CollabParams, querystring: CollabQuery } },
      (socket, request) => {
        const user = request.user as UserRecord;
        const token = readSessionToken(request, true) ?? '';
        const documentId = request.params.documentId;
        const connection = registry.connect(adaptWebSocket(socket), documentId, identityOf(user, token));
        app.audit.record('document.opened', user.id, documentId).catch((error: unknown) =>
          app.log.error({ err: error }, 'could not write the audit trail'),
        );
        let alive = true;
        const ping = setInterval(() => {
          if (!alive) {
            socket.terminate();
            return;
          }
          alive = false;
          socket.ping();
        }, PING_INTERVAL_MS);
        socket.on('pong', () => {
          alive = true;
        });
        socket.on('message', (data, isBinary) => {
          if (!isBinary) {
            connection.close(CloseCodes.MalformedMessage.code, 'binary messages only');
            return;
          }
          connection.receive(toBytes(data));
        });
        socket.on('close', () => {
          clearInterval(ping);
          connection.handleSocketClosed();
        });
        socket.on('error', () => {
          // 'close' follows; the connection is cleaned up there.
        });
      },
    );
  },
  { name: 'collab', dependencies: ['store', 'auth', 'documents', 'audit', 'document-hooks', 'bus'] },
);
