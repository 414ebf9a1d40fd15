import type { FastifyInstance } from 'fastify';
import { currentUser } from '../auth/plugin.ts';
import { Errors } from '../errors.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { presentNotification } from './present.ts';
import { MarkReadResponse, NotificationList, NotificationListQuery, NotificationPreferences, PreferencesBody } from './schemas.ts';

/** Page size of `GET /api/notifications` when none is asked for. */
const DEFAULT_PAGE = 30;

/**
 * The signed-in person's own notifications: the list (newest first), a live stream of new ones
 * and of the unread count, marking read (one, or all), and preferences per kind. Nobody sees or
 * changes another person's notifications: every route works on the caller's own.
 */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: NotificationListQuery }>(
    '/api/notifications',
    { preHandler: app.requireUser, schema: { querystring: NotificationListQuery, response: { 200: NotificationList, ...errorResponses(400, 401) } } },
    async (request) => {
      const user = currentUser(request);
      const limit = request.query.limit === undefined ? DEFAULT_PAGE : Number(request.query.limit);
      const page = await app.notifications.list(user.id, limit, request.query.before);
      return { notifications: page.rows.map(presentNotification), unread: page.unread, nextBefore: page.nextBefore };
    },
  );

  app.get(
    '/api/notifications/stream',
    { preHandler: app.requireUser, schema: { response: errorResponses(401) } },
    async (request, reply) => {
      const user = currentUser(request);
      const unread = await app.notifications.unreadCount(user.id);
      reply.hijack();
      app.notificationStreams.subscribe(user.id, reply.raw, [['unread', { unread }]]);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/notifications/:id/read',
    { preHandler: app.requireUser, schema: { params: IdParams, response: { 200: MarkReadResponse, ...errorResponses(400, 401, 404) } } },
    async (request) => {
      const user = currentUser(request);
      if (!(await app.notifications.get(user.id, request.params.id))) throw new Errors.NotificationNotFound();
      return app.notifications.markRead(user.id, [request.params.id]);
    },
  );

  app.post(
    '/api/notifications/read-all',
    { preHandler: app.requireUser, schema: { response: { 200: MarkReadResponse, ...errorResponses(401) } } },
    async (request) => app.notifications.markRead(currentUser(request).id, 'all'),
  );

  app.get(
    '/api/notifications/preferences',
    { preHandler: app.requireUser, schema: { response: { 200: NotificationPreferences, ...errorResponses(401) } } },
    async (request) => app.notifications.preferencesOf(currentUser(request)),
  );

  app.put<{ Body: PreferencesBody }>(
    '/api/notifications/preferences',
    { preHandler: app.requireUser, schema: { body: PreferencesBody, response: { 200: NotificationPreferences, ...errorResponses(400, 401) } } },
    async (request) => {
      return app.notifications.updatePreferences(currentUser(request), request.body);
    },
  );
}
