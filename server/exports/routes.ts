import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentUser, resolveUser } from '../auth/plugin.ts';
import { canOpenDocument } from '../documents/access.ts';
import { Errors } from '../errors.ts';
import { errorResponses } from '../http/schemas.ts';
import { contentDisposition } from '../revisions/routes.ts';
import type { DocumentRecord, UserRecord } from '../storage/records.ts';
import { draftToDocx } from './draft-docx.ts';
import { draftToHtml, PRINT_SCRIPT, PRINT_SCRIPT_PATH, printRefusalHtml } from './draft-html.ts';
import { draftFileName } from './draft-meta.ts';
import { loadDraftVersion, type DraftVersion } from './draft-version.ts';
import type { PdfRenderer } from './pdf-renderer.ts';
import { DraftParams, NoQuery, PrintQuery, RevisionDraftParams } from './schemas.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What the export routes need besides the app. */
export interface ExportRouteOptions {
  pdf: PdfRenderer;
  now: () => number;
}

type DraftRequest = FastifyRequest<{ Params: { id: string; revisionId?: string } }>;

/**
 * The draft's exports, for everyone who may open the document (ministries and observers read
 * the drafts they are sent, so they may download them too):
 * - `GET /api/documents/:id/export.docx` and `…/revisions/:revisionId/export.docx`: Word in
 *   the Decree 30 format; `export.pdf` the same from the print view (503
 *   `ERR_PDF_UNAVAILABLE` without Chromium). Each download is in the audit trail
 *   (`export.draft`).
 * - `GET /documents/:id/print` and `…/revisions/:revisionId/print`: the print view page (a
 *   browser without a session is sent to sign in first, and back; a document one may not open,
 *   or one that does not exist, gets a short page saying so).
 */
export async function exportRoutes(app: FastifyInstance, options: ExportRouteOptions): Promise<void> {
  /** The document of the request if `user` may open it. */
  const openable = (request: DraftRequest, user: UserRecord): DocumentRecord => {
    const document = app.documents.get(request.params.id);
    if (!canOpenDocument(user, document)) throw new Errors.Forbidden();
    return document;
  };
  const versionOf = (request: DraftRequest, document: DocumentRecord): Promise<DraftVersion> =>
    loadDraftVersion(app, document, request.params.revisionId ?? null, app.settings.terminology().draftingBody, new Date(options.now()));

  const download = async (request: DraftRequest, reply: FastifyReply, format: 'docx' | 'pdf'): Promise<FastifyReply> => {
    const user = currentUser(request);
    const document = openable(request, user);
    const version = await versionOf(request, document);
    const body = format === 'docx' ? await draftToDocx(version.blocks, version.meta) : await options.pdf.render(draftToHtml(version.blocks, version.meta));
    await app.audit.record('export.draft', user.id, document.id, { format, revisionId: version.revisionId, revisionName: version.meta.version, bytes: body.length });
    return reply
      .header('content-type', format === 'docx' ? DOCX_TYPE : 'application/pdf')
      .header('content-disposition', contentDisposition(`${draftFileName(version.meta)}.${format}`))
      .header('cache-control', 'no-store')
      .send(body);
  };

  const schema = (params: typeof DraftParams | typeof RevisionDraftParams) => ({ params, querystring: NoQuery, response: errorResponses(400, 401, 403, 404, 503) });
  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/api/documents/:id/export.${format}`, { preHandler: app.requireUser, schema: schema(DraftParams) }, (request: DraftRequest, reply) => download(request, reply, format));
    app.get(`/api/documents/:id/revisions/:revisionId/export.${format}`, { preHandler: app.requireUser, schema: schema(RevisionDraftParams) }, (request: DraftRequest, reply) =>
      download(request, reply, format),
    );
  }

  const printView = async (request: FastifyRequest<{ Params: { id: string; revisionId?: string }; Querystring: PrintQuery }>, reply: FastifyReply): Promise<FastifyReply> => {
    const user = await resolveUser(app, request);
    if (user === null) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
    const lang = request.query.lang ?? 'vi';
    let version: DraftVersion;
    let document: DocumentRecord;
    try {
      document = openable(request, user);
      version = await versionOf(request, document);
    } catch (error) {
      // A person following a link gets a page saying why, not the API's JSON.
      const status = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : null;
      if (status === 403) return reply.status(403).type('text/html; charset=utf-8').send(printRefusalHtml('forbidden', lang));
      if (status === 404) return reply.status(404).type('text/html; charset=utf-8').send(printRefusalHtml('notFound', lang));
      throw error;
    }
    const base = `/documents/${encodeURIComponent(document.id)}`;
    const back = version.revisionId === null ? base : `${base}/revisions/${encodeURIComponent(version.revisionId)}`;
    const html = draftToHtml(version.blocks, version.meta, { links: { back }, lang });
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };
  // 403 and 404 are HTML pages (printRefusalHtml); only a malformed address answers JSON.
  const printSchema = (params: typeof DraftParams | typeof RevisionDraftParams) => ({ params, querystring: PrintQuery, response: errorResponses(400) });
  app.get('/documents/:id/print', { schema: printSchema(DraftParams) }, printView);
  app.get('/documents/:id/revisions/:revisionId/print', { schema: printSchema(RevisionDraftParams) }, printView);
  app.get(PRINT_SCRIPT_PATH, async (_request, reply) => reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(PRINT_SCRIPT));
}
