import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Errors } from '../errors.ts';
import { errorResponses } from '../http/schemas.ts';
import { LoginThrottle } from './login-throttle.ts';
import { presentUser } from './present.ts';
import { currentUser, readSessionToken, SESSION_COOKIE } from './plugin.ts';
import { CreateUserBody, LoginBody, LoginResponse, MeResponse, PublicUser } from './schemas.ts';

/** Sign-in, sign-out, the current user, and account creation by the secretariat. */
export async function authRoutes(app: FastifyInstance, options: { sessionTtlMs: number }): Promise<void> {
  const throttle = new LoginThrottle();

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    { schema: { body: LoginBody, response: { 200: LoginResponse, ...errorResponses(400, 401, 429) } } },
    async (request, reply) => {
      const key = `${request.body.username.trim().toLowerCase()}|${request.ip}`;
      if (throttle.isBlocked(key)) throw new Errors.TooManyAttempts();
      let session;
      try {
        session = await app.auth.login(request.body.username, request.body.password);
      } catch (error) {
        throttle.recordFailure(key);
        throw error;
      }
      throttle.reset(key);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: Math.floor(options.sessionTtlMs / 1000),
      });
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
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { preHandler: app.requireUser, schema: { response: { 200: MeResponse, ...errorResponses(401) } } },
    async (request) => ({ user: presentUser(currentUser(request)) }),
  );

  app.get(
    '/api/users',
    { preHandler: app.requireRole('secretariat'), schema: { response: { 200: Type.Array(PublicUser), ...errorResponses(401, 403) } } },
    async () => app.auth.listUsers().map(presentUser),
  );

  app.post<{ Body: CreateUserBody }>(
    '/api/users',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { body: CreateUserBody, response: { 201: PublicUser, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const user = await app.auth.createUser(request.body);
      return reply.status(201).send(presentUser(user));
    },
  );
}
