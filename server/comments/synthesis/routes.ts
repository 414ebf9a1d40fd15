import type { FastifyInstance } from 'fastify';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { contentDisposition } from '../../revisions/routes.ts';
import { versionLabel } from '../../revisions/present.ts';
import type { DocumentRecord } from '../../storage/records.ts';
import { sectionPlaces } from '../../../document-model/section-paths.ts';
import { liveHeadings } from '../live-headings.ts';
import type { CommentRouteKit } from '../route-kit.ts';
import { synthesisToCsv } from './csv.ts';
import { synthesisToDocx } from './docx.ts';
import { SynthesisQuery } from './schemas.ts';
import { buildSynthesis, type Synthesis } from './table.ts';
import { roundSynthesisInput } from './round-input.ts';

const FORMATS = [
  { extension: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: synthesisToDocx },
  { extension: 'csv', contentType: 'text/csv; charset=utf-8', render: synthesisToCsv },
] as const;

/**
 * `GET /api/documents/:id/synthesis.docx` and `.csv` (secretariat and committee members): the
 * synthesis table of the document's comments, optionally of one named revision and titled
 * with a round (`SynthesisQuery`), or the table of one consultation round (`roundId`). Each download is recorded in the audit trail.
 */
export async function synthesisRoutes(app: FastifyInstance, kit: CommentRouteKit): Promise<void> {
  /** The table of `document`, from the threads and submissions of `revisionId` (all without it). */
  const synthesisOf = async (document: DocumentRecord, query: SynthesisQuery): Promise<Synthesis> => {
    if (query.roundId !== undefined) {
      const officers = app.store.records.read(
        (data) => new Map(data.users.filter((user) => user.role === 'ministry' && user.organizationId !== null).map((user) => [user.id, user.organizationId])),
      );
      return buildSynthesis(
        await roundSynthesisInput(app, document, query.roundId, {
          documentTitle: document.title,
          draftingBody: app.settings.terminology().draftingBody,
          place: app.synthesisIssuer.place,
          issuedAt: new Date(),
          officerOrganization: (userId) => officers.get(userId) ?? null,
        }),
      );
    }
    const revision = query.revisionId === undefined ? null : app.revisions.get(document.id, query.revisionId);
    const ofRevision = <T extends { revisionId: string | null }>(rows: T[]): T[] => (revision === null ? rows : rows.filter((row) => row.revisionId === revision.id));
    // Drafts are private to their organisation until its response is sent: never in the table.
    const sent = (await app.comments.threadsOf(document.id)).filter((thread) => thread.draft !== true);
    const threads = await kit.present(document.id, ofRevision(sent));
    const shared = await app.collab.open(document.id);
    const { organizationNames, officers } = app.store.records.read((data) => ({
      organizationNames: new Map(data.organizations.map((org) => [org.id, org.name])),
      officers: new Map(data.users.filter((user) => user.role === 'ministry' && user.organizationId !== null).map((user) => [user.id, user.organizationId])),
    }));
    return buildSynthesis({
      documentTitle: document.title,
      version: versionLabel(revision, 'vi'),
      round: query.round?.normalize('NFC') ?? null,
      draftingBody: app.settings.terminology().draftingBody,
      place: app.synthesisIssuer.place,
      issuedAt: new Date(),
      sections: sectionPlaces(liveHeadings(shared.doc)),
      invited: document.organizations.map((id) => ({ id, name: organizationNames.get(id) ?? id })),
      organizationNames,
      submissions: ofRevision(await app.comments.submissionsOf(document.id)),
      threads,
      officerOrganization: (userId) => officers.get(userId) ?? null,
    });
  };

  for (const format of FORMATS) {
    app.get<{ Params: { id: string }; Querystring: SynthesisQuery }>(
      `/api/documents/:id/synthesis.${format.extension}`,
      { preHandler: app.requireRole('secretariat', 'editor'), schema: { params: IdParams, querystring: SynthesisQuery, response: errorResponses(400, 401, 403, 404) } },
      async (request, reply) => {
        const { document, user } = kit.openable(request);
        const body = await format.render(await synthesisOf(document, request.query));
        await app.audit.record('export.synthesis', user.id, document.id, {
          format: format.extension,
          revisionId: request.query.revisionId ?? null,
          round: request.query.round ?? null,
          roundId: request.query.roundId ?? null,
          bytes: body.length,
        });
        return reply
          .header('content-type', format.contentType)
          .header('content-disposition', contentDisposition(`Bảng tổng hợp ý kiến - ${document.title}.${format.extension}`))
          .send(body);
      },
    );
  }
}
