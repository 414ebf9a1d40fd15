import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role, UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { AuthService } from './service.ts';
import { checkCsrf } from './csrf.ts';
import type { LoginThrottleRules } from './login-throttle.ts';
import { openSignInThrottle, type SignInThrottle } from './sign-in-throttle.ts';
import { needsOriginCheck, OriginPolicy } from './origin.ts';

/** Name of the HttpOnly session cookie browsers get at sign-in. */
export const SESSION_COOKIE = 'draftroom_session';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
    /** Failed sign-ins per account and address (in Redis in the shared mode); the users routes show and clear account locks. */
    loginThrottle: SignInThrottle;
    /** Which pages may use a browser's session; the WebSocket upgrade checks it too. */
    originPolicy: OriginPolicy;
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

/** A session token and where the request carried it. */
export interface SessionCredential {
  token: string;
  /** `cookie` is the one a browser sends by itself, so only it needs an `Origin` check. */
  source: 'bearer' | 'cookie' | 'query';
}

/**
 * Where a request's session token comes from: `Authorization: Bearer`, then the session
 * cookie, then (only where `allowQuery`, i.e. WebSocket upgrades, which browsers cannot give
 * headers) the `token` query parameter.
 */
export function readSessionCredential(request: FastifyRequest, allowQuery = false): SessionCredential | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    return token === '' ? null : { token, source: 'bearer' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (typeof cookie === 'string' && cookie !== '') return { token: cookie, source: 'cookie' };
  if (allowQuery) {
    const query = request.query as Record<string, unknown> | undefined;
    const token = query?.token;
    if (typeof token === 'string' && token !== '') return { token, source: 'query' };
  }
  return null;
}

/** The token of `readSessionCredential`, or null. */
export function readSessionToken(request: FastifyRequest, allowQuery = false): string | null {
  return readSessionCredential(request, allowQuery)?.token ?? null;
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

/**
 * Registers the auth service, the login throttle, the origin policy and the `requireUser` /
 * `requireRole` guards; refuses cookie-authenticated writes from other sites' pages (403
 * `ERR_ORIGIN`) and without the CSRF token (403 `ERR_CSRF`). With `redisUrl` and `databaseUrl`
 * (the shared mode) sign-in failures are counted in Redis, for every process together. Needs `store`.
 */
export const authPlugin = fp(
  async (
    app: FastifyInstance,
    options: { sessionTtlMs: number; allowedOrigins: readonly string[]; loginRules: LoginThrottleRules; redisUrl?: string | null; databaseUrl?: string | null },
  ) => {
    app.decorate('auth', new AuthService(app.store.records, app.store.sessions, options.sessionTtlMs));
    const throttle = await openSignInThrottle(options.loginRules, options.redisUrl && options.databaseUrl ? { redisUrl: options.redisUrl, databaseUrl: options.databaseUrl } : null, app.log);
    app.decorate('loginThrottle', throttle);
    app.addHook('onClose', async () => throttle.close());
    app.decorate('originPolicy', new OriginPolicy(options.allowedOrigins));
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      const sessionCookie = request.cookies[SESSION_COOKIE];
      if (needsOriginCheck(request, sessionCookie)) app.originPolicy.check(request);
      checkCsrf(request, sessionCookie);
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
