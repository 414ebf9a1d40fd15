import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, Id, Timestamp } from '../http/schemas.ts';

const AuditQuery = Type.Object(
  // Query values are strings (no type coercion): `limit` is 1 to 1000, checked by the pattern.
  { documentId: Type.Optional(Id), limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$' })) },
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

/** `GET /api/audit[?documentId=…&limit=…]` (secretariat): the audit trail, newest first. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/api/audit',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { querystring: AuditQuery, response: { 200: Type.Array(AuditEntry), ...errorResponses(400, 401, 403) } },
    },
    async (request) => app.audit.list({ documentId: request.query.documentId, limit: Number(request.query.limit ?? 200) }),
  );
}
