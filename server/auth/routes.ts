import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Errors, withRetryAfter } from '../errors.ts';
import { errorResponses } from '../http/schemas.ts';
import { isRefusal, type Refusal } from './login-throttle.ts';
import { presentUser } from './present.ts';
import { currentUser, readSessionToken, SESSION_COOKIE } from './plugin.ts';
import { ChangePasswordBody, LoginBody, LoginResponse, MeResponse } from './schemas.ts';
import { CSRF_COOKIE, csrfTokenFor } from './csrf.ts';
import { presentOrganization } from '../organizations/present.ts';

/** Sign-in, sign-out, the current user and changing one's own password. */
export async function authRoutes(app: FastifyInstance, options: { sessionTtlMs: number }): Promise<void> {
  const throttle = app.loginThrottle;

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    { schema: { body: LoginBody, response: { 200: LoginResponse, ...errorResponses(400, 401, 403, 429, 503) } } },
    async (request, reply) => {
      // Counted as a failure before the (slow) password check, so parallel guesses count too.
      const attempt = await throttle.begin(request.body.username, request.ip);
      if (isRefusal(attempt)) throw tooManyAttempts(attempt);
      let session;
      try {
        session = await app.auth.login(request.body.username, request.body.password);
      } catch (error) {
        if (!(error instanceof Errors.InvalidCredentials)) await throttle.abandoned(attempt);
        throw error;
      }
      await throttle.succeeded(attempt);
      const cookieOptions = { path: '/', secure: request.protocol === 'https', maxAge: Math.floor(options.sessionTtlMs / 1000) };
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, httpOnly: true, sameSite: 'lax' });
      // Readable by the page's script, which echoes it in x-csrf-token; useless to other sites.
      reply.setCookie(CSRF_COOKIE, csrfTokenFor(session.token), { ...cookieOptions, httpOnly: false, sameSite: 'strict' });
      return { token: session.token, user: presentUser(session.user) };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = readSessionToken(request);
      if (token) await app.auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { preHandler: app.requireUser, schema: { response: { 200: MeResponse, ...errorResponses(401) } } },
    async (request) => {
      const user = currentUser(request);
      const organization = user.organizationId === null ? undefined : app.store.records.read((data) => data.organizations.find((org) => org.id === user.organizationId));
      return { user: presentUser(user), organization: organization ? presentOrganization(organization) : null };
    },
  );

  app.post<{ Body: ChangePasswordBody }>(
    '/api/auth/password',
    {
      preHandler: app.requireUser,
      schema: { body: ChangePasswordBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 403) } },
    },
    async (request, reply) => {
      const user = currentUser(request);
      await app.auth.changeOwnPassword(user.id, request.body.currentPassword, request.body.newPassword, readSessionToken(request));
      await app.audit.record('user.password_changed', user.id, null, { userId: user.id, username: user.username });
      return reply.status(204).send();
    },
  );
}

/** 429 with `Retry-After` and a message saying when to try again (the login page translates it). */
function tooManyAttempts(refusal: Refusal, now = Date.now()): Error {
  const seconds = Math.max(1, Math.ceil((refusal.retryAt - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const when = `in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${new Date(refusal.retryAt).toISOString()})`;
  return withRetryAfter(new Errors.TooManyAttempts(when), seconds);
}
