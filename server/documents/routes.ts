import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { currentUser } from '../auth/plugin.ts';
import { Errors } from '../errors.ts';
import type { DocumentRecord } from '../storage/records.ts';
import { canEditDocument, canOpenDocument } from './access.ts';
import { presentDocument } from './present.ts';
import {
  CreateDocumentBody,
  DocumentAccessBody,
  ListDocumentsQuery,
  PublicDocument,
  PublicTemplate,
  UpdateDocumentBody,
} from './schemas.ts';

/**
 * Documents (list, create, read, rename, archive, access) and the template list.
 * Everyone sees only the documents they may open (`access.ts`); changing one needs edit rights.
 */
export async function documentRoutes(app: FastifyInstance): Promise<void> {
  /** The document of `:id` if the request's user may open it; 404 / 403 otherwise. */
  const openable = (request: FastifyRequest<{ Params: { id: string } }>): DocumentRecord => {
    const document = app.documents.get(request.params.id);
    if (!canOpenDocument(currentUser(request), document)) throw new Errors.Forbidden();
    return document;
  };

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
    async (request) => app.documents.listFor(currentUser(request), request.query.archived === 'true').map(presentDocument),
  );

  app.post<{ Body: CreateDocumentBody }>(
    '/api/documents',
    {
      preHandler: app.requireRole('secretariat', 'editor'),
      schema: { body: CreateDocumentBody, response: { 201: PublicDocument, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const document = await app.documents.create({ ...request.body, creator: user, terms: { ...app.settings.terminology() } });
      await app.audit.record('document.created', user.id, document.id, { title: document.title, templateId: document.templateId });
      return reply.status(201).send(presentDocument(document));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id',
    { preHandler: app.requireUser, schema: { params: IdParams, response: { 200: PublicDocument, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => presentDocument(openable(request)),
  );

  app.patch<{ Params: { id: string }; Body: UpdateDocumentBody }>(
    '/api/documents/:id',
    {
      preHandler: app.requireRole('secretariat', 'editor'),
      schema: { params: IdParams, body: UpdateDocumentBody, response: { 200: PublicDocument, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const user = currentUser(request);
      const before = openable(request);
      if (!canEditDocument(user, before)) throw new Errors.Forbidden();
      const document = await app.documents.update(request.params.id, request.body);
      if (request.body.title !== undefined && document.title !== before.title) {
        await app.audit.record('document.renamed', user.id, document.id, { from: before.title, to: document.title });
      }
      if (request.body.archived !== undefined && document.archived !== before.archived) {
        await app.audit.record(document.archived ? 'document.archived' : 'document.restored', user.id, document.id);
      }
      return presentDocument(document);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/access',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: IdParams, response: { 200: DocumentAccessBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const { members, organizations } = app.documents.get(request.params.id);
      return { members, organizations };
    },
  );

  app.put<{ Params: { id: string }; Body: DocumentAccessBody }>(
    '/api/documents/:id/access',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: IdParams, body: DocumentAccessBody, response: { 200: DocumentAccessBody, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const document = await app.documents.setAccess(request.params.id, request.body);
      await app.audit.record('document.access_changed', currentUser(request).id, document.id, {
        members: document.members.join(','),
        organizations: document.organizations.join(','),
      });
      // Sockets and event streams of people who just lost access close now, not at their next reconnect.
      app.collabAccess.recheckDocument(document.id);
      app.commentEvents.prune(document.id, (userId) => {
        const user = app.auth.findUser(userId);
        return user !== undefined && canOpenDocument(user, document);
      });
      return { members: document.members, organizations: document.organizations };
    },
  );
}
