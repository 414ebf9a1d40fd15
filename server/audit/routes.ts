import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../http/schemas.ts';
import { AuditEntrySchema, AuditQuery, parseActionQuery } from './schemas.ts';


/**
 * `GET /api/audit[?documentId=…&action=…&limit=…&cursor=…]` (secretariat): the audit trail, newest
 * first; `action` keeps only some actions (`thread.,export.synthesis`: a prefix ending in a
 * dot, or an exact name). When older entries remain, the `x-next-cursor` header gives the `cursor` of the next page.
 */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AuditQuery }>(
    '/api/audit',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { querystring: AuditQuery, response: { 200: Type.Array(AuditEntrySchema), ...errorResponses(400, 401, 403) } },
    },
    async (request, reply) => {
      const page = await app.audit.list({
        documentId: request.query.documentId,
        actions: parseActionQuery(request.query.action),
        limit: Number(request.query.limit ?? 200),
        before: request.query.cursor,
      });
      if (page.next !== null) reply.header('x-next-cursor', page.next);
      return page.entries;
    },
  );
}
