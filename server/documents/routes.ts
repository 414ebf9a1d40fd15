import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { currentUser } from '../auth/plugin.ts';
import { presentDocument } from './present.ts';
import {
  CreateDocumentBody,
  ListDocumentsQuery,
  PublicDocument,
  PublicTemplate,
  UpdateDocumentBody,
} from './schemas.ts';

/** Documents (list, create, read, rename, archive) and the template list. */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/templates',
    { preHandler: app.requireUser, schema: { response: { 200: Type.Array(PublicTemplate), ...errorResponses(401) } } },
    async () => app.templates.list().map(({ id, title, description }) => ({ id, title, description })),
  );

  app.get<{ Querystring: ListDocumentsQuery }>(
    '/api/documents',
    {
      preHandler: app.requireUser,
      schema: { querystring: ListDocumentsQuery, response: { 200: Type.Array(PublicDocument), ...errorResponses(400, 401) } },
    },
    async (request) => app.documents.list(request.query.archived ?? false).map(presentDocument),
  );

  app.post<{ Body: CreateDocumentBody }>(
    '/api/documents',
    {
      preHandler: app.requireRole('secretariat', 'editor'),
      schema: { body: CreateDocumentBody, response: { 201: PublicDocument, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const document = await app.documents.create({ ...request.body, createdBy: currentUser(request).id });
      return reply.status(201).send(presentDocument(document));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id',
    { preHandler: app.requireUser, schema: { params: IdParams, response: { 200: PublicDocument, ...errorResponses(400, 401, 404) } } },
    async (request) => presentDocument(app.documents.get(request.params.id)),
  );

  app.patch<{ Params: { id: string }; Body: UpdateDocumentBody }>(
    '/api/documents/:id',
    {
      preHandler: app.requireRole('secretariat', 'editor'),
      schema: { params: IdParams, body: UpdateDocumentBody, response: { 200: PublicDocument, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => presentDocument(await app.documents.update(request.params.id, request.body)),
  );
}
