import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { currentUser } from '../auth/plugin.ts';
import { presentUser } from '../auth/present.ts';
import { CreateUserBody, ListedUser, PublicUser, ResetPasswordBody, UpdateUserBody } from '../auth/schemas.ts';
import { Errors } from '../errors.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';

/**
 * Account management by the secretariat: list, create, edit (display name, role,
 * organisation, disabled), reset a password and unlock sign-in after too many failures.
 * Disabling an account or resetting its password revokes its sessions and closes its sockets at once.
 */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  const secretariat = app.requireRole('secretariat');

  app.get(
    '/api/users',
    { preHandler: secretariat, schema: { response: { 200: Type.Array(ListedUser), ...errorResponses(401, 403) } } },
    async () =>
      Promise.all(
        app.auth.listUsers().map(async (user) => {
          const lockedUntil = await app.loginThrottle.lockedUntil(user.username);
          return lockedUntil === null ? presentUser(user) : { ...presentUser(user), lockedUntil: new Date(lockedUntil).toISOString() };
        }),
      ),
  );

  app.post<{ Body: CreateUserBody }>(
    '/api/users',
    { preHandler: secretariat, schema: { body: CreateUserBody, response: { 201: PublicUser, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const user = await app.auth.createUser(request.body);
      await app.audit.record('user.created', currentUser(request).id, null, { userId: user.id, username: user.username, role: user.role });
      return reply.status(201).send(presentUser(user));
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateUserBody }>(
    '/api/users/:id',
    {
      preHandler: secretariat,
      schema: { params: IdParams, body: UpdateUserBody, response: { 200: PublicUser, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const before = app.auth.findUser(request.params.id);
      const user = await app.auth.updateUser(request.params.id, request.body);
      const action = before && before.disabled !== user.disabled ? (user.disabled ? 'user.disabled' : 'user.enabled') : 'user.updated';
      await app.audit.record(action, currentUser(request).id, null, {
        userId: user.id,
        username: user.username,
        changed: Object.keys(request.body).sort().join(','),
      });
      return presentUser(user);
    },
  );

  app.post<{ Params: { id: string }; Body: ResetPasswordBody }>(
    '/api/users/:id/password',
    {
      preHandler: secretariat,
      schema: { params: IdParams, body: ResetPasswordBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const user = await app.auth.resetPassword(request.params.id, request.body.password);
      await app.audit.record('user.password_reset', currentUser(request).id, null, { userId: user.id, username: user.username });
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/users/:id/unlock',
    { preHandler: secretariat, schema: { params: IdParams, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const user = app.auth.findUser(request.params.id);
      if (!user) throw new Errors.UserNotFound();
      const wasLocked = (await app.loginThrottle.lockedUntil(user.username)) !== null;
      await app.loginThrottle.unlock(user.username);
      await app.audit.record('user.unlocked', currentUser(request).id, null, { userId: user.id, username: user.username, wasLocked });
      return reply.status(204).send();
    },
  );
}
