import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../http/schemas.ts';
import { AuditEntrySchema, AuditQuery } from './schemas.ts';


/**
 * `GET /api/audit[?documentId=…&limit=…&cursor=…]` (secretariat): the audit trail, newest
 * first. When older entries remain, the `x-next-cursor` header gives the `cursor` of the next page.
 */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AuditQuery }>(
    '/api/audit',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { querystring: AuditQuery, response: { 200: Type.Array(AuditEntrySchema), ...errorResponses(400, 401, 403) } },
    },
    async (request, reply) => {
      const page = await app.audit.list({ documentId: request.query.documentId, limit: Number(request.query.limit ?? 200), before: request.query.cursor });
      if (page.next !== null) reply.header('x-next-cursor', page.next);
      return page.entries;
    },
  );
}
