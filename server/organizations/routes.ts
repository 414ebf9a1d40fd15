import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { currentUser } from '../auth/plugin.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { presentOrganization } from './present.ts';
import { CreateOrganizationBody, PublicOrganization, UpdateOrganizationBody } from './schemas.ts';
import { OrganizationService } from './service.ts';

/**
 * `GET /api/organizations`: every organisation, sorted by Vietnamese name. Public (no session
 * needed): the list of the Government's ministries is public knowledge.
 * `POST` / `PATCH /api/organizations[/:id]`: the secretariat maintains the list.
 */
export async function organizationRoutes(app: FastifyInstance): Promise<void> {
  const organizations = new OrganizationService(app.store.records);

  app.get('/api/organizations', { schema: { response: { 200: Type.Array(PublicOrganization) } } }, async () =>
    organizations.list().map(presentOrganization),
  );

  app.post<{ Body: CreateOrganizationBody }>(
    '/api/organizations',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { body: CreateOrganizationBody, response: { 201: PublicOrganization, ...errorResponses(400, 401, 403, 409) } },
    },
    async (request, reply) => {
      const organization = await organizations.create(request.body);
      await app.audit.record('organization.created', currentUser(request).id, null, { organizationId: organization.id, name: organization.name });
      return reply.status(201).send(presentOrganization(organization));
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateOrganizationBody }>(
    '/api/organizations/:id',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: IdParams, body: UpdateOrganizationBody, response: { 200: PublicOrganization, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request) => {
      const organization = await organizations.update(request.params.id, request.body);
      await app.audit.record('organization.updated', currentUser(request).id, null, { organizationId: organization.id, name: organization.name });
      return presentOrganization(organization);
    },
  );
}
