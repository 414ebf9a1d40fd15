import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { download, SAMPLE_DRAFT, writeDraft } from '../exports/helpers.ts';
import { DOCX_MEDIA_TYPE, type ConfirmImportResponse, type ImportPreview } from '../../server/import/schemas.ts';

/**
 * Export then import: the draft written as a Decree 30 Word file by the workspace and read back
 * by its importer gives the same outline (headings and levels), the same text, marks, lists and
 * table; the state-format frame around it (header block, DỰ THẢO mark, title) is not content.
 */

interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
  text?: string;
  marks?: Array<{ type: string }>;
}

let server: TestServer;
let admin = '';
let documentId = '';

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, 'Chiến lược khứ hồi');
  await writeDraft(server, admin, documentId, SAMPLE_DRAFT);
});

after(async () => {
  await server.close();
});

/**
 * The structure of a document that a round trip must keep: block types, heading levels, cell
 * spans, text and marks; ids are new, and a numbered list's starting number is not read back
 * (mammoth does not expose Word's `w:start`; see the README's import limits).
 */
function shape(node: PMJson): unknown {
  const attrs: Record<string, unknown> = {};
  if (node.type === 'heading') attrs.level = node.attrs?.level;
  if (node.type === 'table_cell' || node.type === 'table_header') {
    attrs.colspan = node.attrs?.colspan ?? 1;
    attrs.rowspan = node.attrs?.rowspan ?? 1;
  }
  if (node.text !== undefined) return { text: node.text.normalize('NFC'), marks: (node.marks ?? []).map((mark) => mark.type).sort() };
  return { type: node.type, ...attrs, content: (node.content ?? []).map(shape) };
}

test('a draft exported as Word and imported again has the same structure and text', async () => {
  const exported = await download(server, `/api/documents/${documentId}/export.docx`, admin);
  assert.equal(exported.status, 200);
  const upload = await fetch(`${server.baseUrl}/api/documents/import?fileName=${encodeURIComponent('Chiến lược khứ hồi.docx')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': DOCX_MEDIA_TYPE },
    body: new Uint8Array(exported.body),
  });
  const preview = (await upload.json()) as ImportPreview;
  assert.equal(upload.status, 201, JSON.stringify(preview));
  const confirmed = await requestJson(server.baseUrl, 'POST', `/api/documents/import/${preview.previewId}/confirm`, { token: admin, body: { title: 'Khứ hồi' } });
  assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
  const { document } = confirmed.body as ConfirmImportResponse;
  const original = (await server.app.revisions.contentOf(documentId, 'current')).content as PMJson;
  const imported = (await server.app.revisions.contentOf(document.id, 'current')).content as PMJson;
  assert.deepEqual(shape(imported), shape(original));
  assert.equal(preview.report.dropped.stateFormatFrame, 4, 'header block, DỰ THẢO mark, its version line and the title');
  assert.deepEqual(preview.outline.map((entry) => `${entry.number} ${entry.text}`), ['Phần I Bối cảnh', '1. Mục tiêu tổng quát', '1.1. Chỉ tiêu', 'a) Điểm đầu tiên', '2. Giải pháp']);
});
