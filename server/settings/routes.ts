import type { FastifyInstance } from 'fastify';
import { currentUser } from '../auth/plugin.ts';
import { errorResponses } from '../http/schemas.ts';
import { Terminology, UpdateTerminologyBody } from './schemas.ts';

/**
 * `GET /api/settings/terminology`: the names of the drafting body and the secretariat. Public
 * (no session needed): the sign-in page names the secretariat too.
 * `PUT /api/settings/terminology` (secretariat): changes them; audited `settings.terminology_changed`.
 */
export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/settings/terminology', { schema: { response: { 200: Terminology } } }, async () => app.settings.terminology());

  app.put<{ Body: UpdateTerminologyBody }>(
    '/api/settings/terminology',
    { preHandler: app.requireRole('secretariat'), schema: { body: UpdateTerminologyBody, response: { 200: Terminology, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      const { previous, current } = await app.settings.updateTerminology(request.body);
      await app.audit.record('settings.terminology_changed', currentUser(request).id, null, {
        draftingBody: current.draftingBody,
        secretariat: current.secretariat,
        previousDraftingBody: previous.draftingBody,
        previousSecretariat: previous.secretariat,
      });
      return current;
    },
  );
}
