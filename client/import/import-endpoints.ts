import { apiRequest } from '../api/http.ts';
import { narrowShape } from '../api/shapes.ts';
import type { ClientShapes } from '../../server/http/client-shapes.ts';

/** Typed calls of the Word import routes. */

/** A read file waiting for confirmation: report and outline (shape from the server's schema). */
export type ImportPreview = ClientShapes['ImportPreview'];
/** What a confirmed import made. */
export type ImportResult = ClientShapes['ImportResult'];

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Uploads a .docx (the raw file, as the route takes it); nothing is written until confirmed. */
export function uploadDocx(file: File): Promise<ImportPreview> {
  const query = new URLSearchParams({ fileName: file.name.normalize('NFC').slice(0, 255) }).toString();
  return apiRequest(`/api/documents/import?${query}`, (body) => narrowShape('ImportPreview', body), {
    method: 'POST',
    raw: { type: DOCX_TYPE, data: file },
  });
}

/** Confirms a preview as a new document titled `title`, or as a new version of `documentId`. */
export function confirmImport(previewId: string, target: { title: string } | { documentId: string }): Promise<ImportResult> {
  return apiRequest(`/api/documents/import/${encodeURIComponent(previewId)}/confirm`, (body) => narrowShape('ImportResult', body), {
    method: 'POST',
    body: target,
  });
}
