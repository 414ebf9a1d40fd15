import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { sectionPaths } from '../../document-model/section-paths.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import { liveHeadings } from './live-headings.ts';
import type { CommentRouteKit } from './route-kit.ts';

/** `GET /api/documents/:id/sections`: the live draft's headings with their full paths. */
export const SectionsResponse = Type.Object(
  {
    sections: Type.Array(
      Type.Object(
        { id: Type.String(), level: Type.Integer(), number: Type.String(), title: Type.String(), path: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SectionsResponse = Static<typeof SectionsResponse>;

/**
 * The live draft's sections, so the review desk can name a thread's section by its full path
 * ("Phần II › 1. Thực trạng") from the section id in the thread's position.
 */
export async function sectionRoutes(app: FastifyInstance, kit: Pick<CommentRouteKit, 'openable'>): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/sections',
    { preHandler: app.requireUser, schema: { params: IdParams, response: { 200: SectionsResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const { document } = kit.openable(request);
      const shared = await app.collab.open(document.id);
      return { sections: sectionPaths(liveHeadings(shared.doc)) };
    },
  );
}
