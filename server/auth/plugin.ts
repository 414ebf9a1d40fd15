import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role, UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { AuthService } from './service.ts';
import { checkCsrf } from './csrf.ts';

/** Name of the HttpOnly session cookie browsers get at sign-in. */
export const SESSION_COOKIE = 'draftroom_session';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
    /** preHandler: refuses the request with 401 unless a valid session is present. */
    requireUser: preHandlerAsyncHookHandler;
    /** preHandler factory: 401 without a session, 403 unless the user has one of `roles`. */
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    /** The signed-in user; set by `requireUser` / `requireRole`, null otherwise. */
    user: UserRecord | null;
  }
}

/**
 * Where a request's session token comes from: `Authorization: Bearer`, then the session
 * cookie, then (only where `allowQuery`, i.e. WebSocket upgrades, which browsers cannot give
 * headers) the `token` query parameter.
 */
export function readSessionToken(request: FastifyRequest, allowQuery = false): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || null;
  const cookie = request.cookies[SESSION_COOKIE];
  if (typeof cookie === 'string' && cookie !== '') return cookie;
  if (allowQuery) {
    const query = request.query as Record<string, unknown> | undefined;
    const token = query?.token;
    if (typeof token === 'string' && token !== '') return token;
  }
  return null;
}

/** The signed-in user of a request that passed `requireUser`; throws 401 if there is none. */
export function currentUser(request: FastifyRequest): UserRecord {
  if (!request.user) throw new Errors.Unauthenticated();
  return request.user;
}

/** Resolves the request's user from its token, or null. */
export async function resolveUser(app: FastifyInstance, request: FastifyRequest, allowQuery = false): Promise<UserRecord | null> {
  const token = readSessionToken(request, allowQuery);
  return token ? app.auth.authenticate(token) : null;
}

/** Registers the auth service and the `requireUser` / `requireRole` guards. Needs `store`. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { sessionTtlMs: number }) => {
    app.decorate('auth', new AuthService(app.store.records, app.store.sessions, options.sessionTtlMs));
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      checkCsrf(request, request.cookies[SESSION_COOKIE]);
    });

    const requireUser = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
      request.user = await resolveUser(app, request);
      if (!request.user) throw new Errors.Unauthenticated();
    };
    app.decorate('requireUser', requireUser);
    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest, reply: FastifyReply) => {
      await requireUser(request, reply);
      if (!request.user || !roles.includes(request.user.role)) throw new Errors.Forbidden();
    });
  },
  { name: 'auth', dependencies: ['store', '@fastify/cookie'] },
);
