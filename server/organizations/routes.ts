import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';

/** An organisation as the API shows it. */
export const PublicOrganization = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    shortName: Type.String(),
    kind: Type.Union([Type.Literal('ministry'), Type.Literal('ministerial_agency'), Type.Literal('government_agency'), Type.Literal('other')]),
  },
  { additionalProperties: false },
);

/**
 * `GET /api/organizations`: every organisation, sorted by Vietnamese name. Public (no session
 * needed): the list of the Government's ministries is public knowledge, and the sign-up of
 * ministry officers needs it.
 */
export async function organizationRoutes(app: FastifyInstance): Promise<void> {
  const collator = new Intl.Collator('vi');
  app.get(
    '/api/organizations',
    { schema: { response: { 200: Type.Array(PublicOrganization) } } },
    async () =>
      app.store.records
        .read((data) => data.organizations.map((org) => ({ ...org })))
        .sort((a, b) => collator.compare(a.name, b.name)),
  );
}
