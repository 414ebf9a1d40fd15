import type { FastifyInstance } from 'fastify';
import { currentUser } from '../auth/plugin.ts';
import { canEditDocument } from '../documents/access.ts';
import { presentDocument } from '../documents/present.ts';
import { Errors } from '../errors.ts';
import { errorResponses } from '../http/schemas.ts';
import type { ImportDraft, ImportService } from './service.ts';
import type { StoredPreview } from './preview-store.ts';
import {
  ConfirmImportBody,
  ConfirmImportResponse,
  DOCX_MEDIA_TYPE,
  ImportPreview,
  ImportQuery,
  MAX_IMPORT_BYTES,
  PreviewParams,
} from './schemas.ts';

/**
 * Word import: `POST /api/documents/import` takes the .docx as the raw request body (its own
 * media type, up to `MAX_IMPORT_BYTES`) and answers a preview (report and outline);
 * `POST /api/documents/import/:previewId/confirm` makes it a new document or a new version.
 * The raw body, rather than base64 in JSON, keeps the server's 1 MB JSON limit for everything
 * else, costs a third less to send and needs no JSON parse of megabytes. Secretariat and
 * committee members only; a new version needs edit rights on the document.
 */
export async function importRoutes(app: FastifyInstance, options: { service: ImportService }): Promise<void> {
  const { service } = options;
  // Only these routes accept a .docx body; the parser hands the bytes over untouched.
  app.addContentTypeParser(DOCX_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));

  app.post<{ Querystring: ImportQuery }>(
    '/api/documents/import',
    {
      preHandler: app.requireRole('secretariat', 'editor'),
      bodyLimit: MAX_IMPORT_BYTES,
      // The body is the file itself (checked by the reader), so only the query and answers have schemas.
      schema: { querystring: ImportQuery, response: { 201: ImportPreview, ...errorResponses(400, 401, 403, 413, 415) } },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) throw new Errors.ImportNotDocx();
      const fileName = (request.query.fileName ?? '').normalize('NFC').trim() || 'tệp Word.docx';
      const preview = await service.preview(body, fileName, currentUser(request));
      const { report, outline, outlineTruncated } = preview.value;
      return reply.status(201).send({ previewId: preview.id, fileName, expiresAt: new Date(preview.expiresAt).toISOString(), report, outline, outlineTruncated });
    },
  );

  app.post<{ Params: PreviewParams; Body: ConfirmImportBody }>(
    '/api/documents/import/:previewId/confirm',
    {
      preHandler: app.requireRole('secretariat', 'editor'),
      schema: { params: PreviewParams, body: ConfirmImportBody, response: { 200: ConfirmImportResponse, 201: ConfirmImportResponse, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const body = request.body;
      const detailsOf = (preview: StoredPreview<ImportDraft>) => ({ fileName: preview.value.fileName, headings: preview.value.outline.length + preview.value.outlineTruncated });
      if ('title' in body) {
        const { document, details } = await service.confirm(request.params.previewId, user, async (preview) => ({
          document: await service.confirmAsNew(preview, body.title, user),
          details: detailsOf(preview),
        }));
        await app.audit.record('document.imported', user.id, document.id, { ...details, title: document.title });
        return reply.status(201).send({ document: presentDocument(document), beforeRevisionId: null });
      }
      // Checked before the preview is taken: a refusal leaves it to be confirmed otherwise.
      const target = app.documents.get(body.documentId);
      if (!canEditDocument(user, target)) throw new Errors.Forbidden();
      const { beforeRevisionId, details } = await service.confirm(request.params.previewId, user, async (preview) => ({
        ...(await service.confirmAsVersion(preview, target.id, user)),
        details: detailsOf(preview),
      }));
      await app.audit.record('document.imported', user.id, target.id, { ...details, beforeRevisionId });
      return reply.status(200).send({ document: presentDocument(app.documents.get(target.id)), beforeRevisionId });
    },
  );
}
