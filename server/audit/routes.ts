import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, Id, Timestamp } from '../http/schemas.ts';

const AuditQuery = Type.Object(
  {
    documentId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    /** The `x-next-cursor` header of the previous page. */
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  },
  { additionalProperties: false },
);

const AuditEntry = Type.Object(
  {
    id: Type.String(),
    at: Timestamp,
    action: Type.String(),
    actor: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }, { additionalProperties: false }), Type.Null()]),
    documentId: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  },
  { additionalProperties: false },
);

/**
 * `GET /api/audit[?documentId=…&limit=…&cursor=…]` (secretariat): the audit trail, newest
 * first. When older entries remain, the `x-next-cursor` header gives the `cursor` of the next page.
 */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/api/audit',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { querystring: AuditQuery, response: { 200: Type.Array(AuditEntry), ...errorResponses(400, 401, 403) } },
    },
    async (request, reply) => {
      const page = await app.audit.list({ documentId: request.query.documentId, limit: request.query.limit ?? 200, before: request.query.cursor });
      if (page.next !== null) reply.header('x-next-cursor', page.next);
      return page.entries;
    },
  );
}
