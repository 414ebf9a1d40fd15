import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type, type Static } from '@sinclair/typebox';
import type { RawData } from 'ws';
import { resolveUser } from '../auth/plugin.ts';
import { errorBody } from '../errors.ts';
import { Id } from '../http/schemas.ts';
import type { Role, UserRecord } from '../storage/records.ts';
import { CloseCodes } from './close-codes.ts';
import { DocumentRegistry } from './document-registry.ts';
import type { DocumentHooks } from './hooks.ts';
import { adaptWebSocket } from './ws-socket.ts';

declare module 'fastify' {
  interface FastifyInstance {
    collab: DocumentRegistry;
  }
}

/** Roles whose connections may change the document; the others only read. */
const WRITING_ROLES: ReadonlySet<Role> = new Set(['secretariat', 'editor']);

/** Keep-alive ping interval; a socket that misses a pong in this time is dropped. */
const PING_INTERVAL_MS = 30_000;

const CollabParams = Type.Object({ documentId: Id }, { additionalProperties: false });
const CollabQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })) }, { additionalProperties: false });

/** Copies a `ws` message into one Uint8Array, whatever form `ws` delivered it in. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/**
 * `GET /collab/:documentId` (WebSocket): the y-websocket protocol. Authentication and the
 * document's existence are checked before the upgrade (401 / 404 as JSON, no upgrade).
 * The handler only adapts the socket; the protocol lives in the framework-free core.
 */
export const collabPlugin = fp(
  async (app: FastifyInstance, options: { unloadDelayMs: number; hooks?: DocumentHooks }) => {
    const registry = new DocumentRegistry({
      content: app.store.content,
      logger: app.log,
      unloadDelayMs: options.unloadDelayMs,
      hooks: options.hooks,
    });
    app.decorate('collab', registry);
    app.addHook('onClose', async () => {
      await registry.close();
    });

    const authenticateUpgrade = async (
      request: FastifyRequest<{ Params: Static<typeof CollabParams> }>,
      reply: FastifyReply,
    ): Promise<void> => {
      const user = await resolveUser(app, request, true);
      if (!user) {
        return reply.status(401).send(errorBody('ERR_UNAUTHENTICATED', 'Sign in first'));
      }
      if (!app.documents.find(request.params.documentId)) {
        return reply.status(404).send(errorBody('ERR_DOCUMENT_NOT_FOUND', 'No such document'));
      }
      request.user = user;
    };

    app.get<{ Params: Static<typeof CollabParams>; Querystring: Static<typeof CollabQuery> }>(
      '/collab/:documentId',
      { websocket: true, preValidation: authenticateUpgrade, schema: { params: CollabParams, querystring: CollabQuery } },
      (socket, request) => {
        const user = request.user as UserRecord;
        const connection = registry.connect(adaptWebSocket(socket), request.params.documentId, {
          userId: user.id,
          displayName: user.displayName,
          role: user.role,
          organizationId: user.organizationId,
          readOnly: !WRITING_ROLES.has(user.role),
        });
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
  { name: 'collab', dependencies: ['store', 'auth', 'documents'] },
);
