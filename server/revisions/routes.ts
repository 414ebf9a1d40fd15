import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { wellFormed } from '../http/unicode.ts';
import { Type } from '@sinclair/typebox';
import { currentUser } from '../auth/plugin.ts';
import { canOpenDocument } from '../documents/access.ts';
import { canSeeThread } from '../comments/policy.ts';
import { Errors } from '../errors.ts';
import { errorResponses, IdParams } from '../http/schemas.ts';
import type { DocumentRecord } from '../storage/records.ts';
import { compareBlocks, withoutUnchangedText } from './compare/index.ts';
import type { EditLookup } from './compare/types.ts';
import type { EditHit, EditIndex } from './edit-index.ts';
import { comparisonToDocx, comparisonToHtml } from './export/index.ts';
import { presentRevision, versionLabel } from './present.ts';
import {
  BlockCacheStatsSchema,
  CompareQuery,
  CompareResponse,
  CreateRevisionBody,
  PublicRevision,
  RevisionContent,
  RevisionParams,
} from './schemas.ts';

/**
 * Revisions of a document: list, freeze a named one, read one, restore one, and compare any
 * two versions (JSON, DOCX with tracked changes, printable HTML). Reading and comparing need
 * access to the document; freezing and restoring are the secretariat's.
 */
export async function revisionRoutes(app: FastifyInstance): Promise<void> {
  const nameOf = (userId: string): string | undefined => app.auth.findUser(userId)?.displayName;

  /** The document of `:id` if the request's user may open it. */
  const openable = (request: FastifyRequest<{ Params: { id: string } }>): DocumentRecord => {
    const document = app.documents.get(request.params.id);
    if (!canOpenDocument(currentUser(request), document)) throw new Errors.Forbidden();
    return document;
  };

  /**
   * Compares both sides of a comparison (their blocks come cached), naming the authors of
   * insertions; with `attributed` (the exports) also who deleted what and when each edit was made.
   */
  const compare = async (documentId: string, query: CompareQuery, attributed = false): Promise<CompareResponse> => {
    const [from, to, edits] = await Promise.all([
      app.revisions.blocksOf(documentId, query.from),
      app.revisions.blocksOf(documentId, query.to),
      attributed ? app.editAttribution.indexOf(documentId) : null,
      app.authorship.ready(documentId),
    ]);
    const comparison = compareBlocks(from.blocks, to.blocks, {
      authorOf: (clientId: number) => {
        const userId = app.authorship.authorOf(documentId, clientId);
        return userId === null ? null : (nameOf(userId) ?? userId);
      },
      ...(edits ? { edits: editLookup(edits, (userId) => nameOf(userId) ?? userId) } : {}),
    });
    const lang = query.lang ?? 'vi';
    return {
      documentId,
      from: { ref: query.from, label: versionLabel(from.revision, lang), revision: from.revision && presentRevision(from.revision, nameOf) },
      to: { ref: query.to, label: versionLabel(to.revision, lang), revision: to.revision && presentRevision(to.revision, nameOf) },
      comparison: query.detail === 'changes' ? withoutUnchangedText(comparison) : comparison,
    };
  };

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/revisions',
    { preHandler: app.requireUser, schema: { params: IdParams, response: { 200: Type.Array(PublicRevision), ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const document = openable(request);
      const user = currentUser(request);
      const rounds = app.rounds.list(document.id);
      const threads = (await app.store.comments.threads(document.id)).filter(
        (thread) => thread.revisionId !== null && canSeeThread(user, document, thread, rounds),
      );
      const counts = new Map<string, number>();
      for (const thread of threads) counts.set(thread.revisionId ?? '', (counts.get(thread.revisionId ?? '') ?? 0) + 1);
      return app.revisions.list(document.id).map((revision) => presentRevision(revision, nameOf, counts.get(revision.id) ?? 0));
    },
  );

  app.post<{ Params: { id: string }; Body: CreateRevisionBody }>(
    '/api/documents/:id/revisions',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: IdParams, body: CreateRevisionBody, response: { 201: PublicRevision, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const document = app.documents.get(request.params.id);
      const revision = await app.revisions.freeze(document.id, {
        kind: 'named',
        name: request.body.name,
        note: request.body.note,
        reason: 'named',
        createdBy: currentUser(request).id,
      });
      await app.audit.record('revision.created', currentUser(request).id, document.id, { revisionId: revision.id, revisionName: revision.name });
      return reply.status(201).send(presentRevision(revision, nameOf));
    },
  );

  app.get<{ Params: RevisionParams }>(
    '/api/documents/:id/revisions/:revisionId',
    {
      preHandler: app.requireUser,
      schema: { params: RevisionParams, response: { 200: RevisionContent, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const document = openable(request);
      const { revision, content } = await app.revisions.contentOf(document.id, request.params.revisionId);
      if (!revision) throw new Errors.RevisionNotFound();
      return { revision: presentRevision(revision, nameOf), content };
    },
  );

  app.post<{ Params: RevisionParams }>(
    '/api/documents/:id/revisions/:revisionId/restore',
    {
      preHandler: app.requireRole('secretariat'),
      schema: { params: RevisionParams, response: { 200: PublicRevision, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const document = app.documents.get(request.params.id);
      const revision = await app.revisions.restore(document.id, request.params.revisionId, currentUser(request).id);
      const source = app.revisions.get(document.id, request.params.revisionId);
      await app.audit.record('revision.restored', currentUser(request).id, document.id, { revisionId: source.id, revisionName: source.name, checkpointId: revision.id });
      return presentRevision(revision, nameOf);
    },
  );

  app.get(
    '/api/compare-cache',
    { preHandler: app.requireRole('secretariat'), schema: { response: { 200: BlockCacheStatsSchema, ...errorResponses(401, 403) } } },
    async () => app.revisions.blockCache.stats(),
  );

  app.get<{ Params: { id: string }; Querystring: CompareQuery }>(
    '/api/documents/:id/compare',
    {
      preHandler: app.requireUser,
      schema: { params: IdParams, querystring: CompareQuery, response: { 200: CompareResponse, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => compare(openable(request).id, request.query),
  );

  /** `GET …/compare.<extension>`: the full comparison (whatever `detail` says) rendered by `send`. */
  const compareExport = (extension: string, send: (document: DocumentRecord, result: CompareResponse, lang: 'vi' | 'en', reply: FastifyReply) => Promise<FastifyReply>): void => {
    app.get<{ Params: { id: string }; Querystring: CompareQuery }>(
      `/api/documents/:id/compare.${extension}`,
      { preHandler: app.requireUser, schema: { params: IdParams, querystring: CompareQuery, response: { ...errorResponses(400, 401, 403, 404) } } },
      async (request, reply) => {
        const document = openable(request);
        const result = await compare(document.id, { ...request.query, detail: 'full' }, true);
        await app.audit.record('export.comparison', currentUser(request).id, document.id, {
          format: extension,
          fromRef: request.query.from,
          toRef: request.query.to,
          fromLabel: result.from.label,
          toLabel: result.to.label,
        });
        return send(document, result, request.query.lang ?? 'vi', reply);
      },
    );
  };

  compareExport('docx', async (document, result, _lang, reply) => {
    // An edit nobody recorded (made before edits were recorded) is dated with the later version.
    const date = result.to.revision ? new Date(result.to.revision.createdAt) : new Date();
    const docx = await comparisonToDocx(result.comparison, { title: document.title, fromLabel: result.from.label, toLabel: result.to.label, author: 'Draftroom', date });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(`${document.title} - so sánh.docx`))
      .send(docx);
  });

  compareExport('html', async (document, result, lang, reply) => {
    const html = comparisonToHtml(result.comparison, { title: document.title, fromLabel: result.from.label, toLabel: result.to.label }, lang);
    return reply.header('content-type', 'text/html; charset=utf-8').send(html);
  });
}

/**
 * A Content-Disposition header for a download whose name may hold Vietnamese: an ASCII
 * fallback plus the UTF-8 name (RFC 6266 / 5987). Characters that could break the header or
 * a path are replaced, and so are lone surrogates stored before input was checked for them
 * (`encodeURIComponent` throws on those).
 */
export function contentDisposition(fileName: string): string {
  const safe = wellFormed(fileName).normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_');
  const ascii = safe.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_');
  // RFC 5987 attr-char leaves out ' ( ) * which encodeURIComponent keeps.
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The comparison's view of a document's edit index, authors named by `nameOf`. */
function editLookup(index: EditIndex, nameOf: (userId: string) => string): EditLookup {
  const resolve = (hit: EditHit): ReturnType<EditLookup['insertion']> => ('next' in hit ? hit : { author: nameOf(hit.stamp.userId), at: hit.stamp.at, end: hit.end });
  return {
    insertion: (client, clock) => resolve(index.insertion(client, clock)),
    deletion: (client, clock) => resolve(index.deletion(client, clock)),
  };
}
