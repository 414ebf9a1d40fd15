import type { AttachmentType, NewSubmission } from '../api/comment-endpoints.ts';
import { dataUrlPayload } from './base64.ts';

/** The largest attachment accepted: 10 MB, as the server's limit. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const PDF: AttachmentType = 'application/pdf';
const DOCX: AttachmentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The `accept` attribute of the file input. */
export const ATTACHMENT_ACCEPT = `.pdf,.docx,${PDF},${DOCX}`;

/** Why a file cannot be attached, or its content type. */
export type AttachmentCheck = { ok: true; contentType: AttachmentType } | { ok: false; reason: 'type' | 'size' };

/**
 * Checks a chosen file: a PDF or DOCX (by its MIME type, or its extension when the
 * browser reports none) of at most 10 MB and not empty.
 */
export function checkAttachment(file: { name: string; type: string; size: number }): AttachmentCheck {
  const name = file.name.toLowerCase();
  const contentType = file.type === PDF || (file.type === '' && name.endsWith('.pdf')) ? PDF : file.type === DOCX || (file.type === '' && name.endsWith('.docx')) ? DOCX : null;
  if (contentType === null) return { ok: false, reason: 'type' };
  if (file.size === 0 || file.size > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'size' };
  return { ok: true, contentType };
}

/** Reads `file` with FileReader into the submission's base64 attachment. */
export function readAttachment(file: File, contentType: AttachmentType): Promise<NonNullable<NewSubmission['attachment']>> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      const payload = typeof reader.result === 'string' ? dataUrlPayload(reader.result) : null;
      if (payload === null || payload === '') reject(new Error('the file could not be read'));
      else resolve({ fileName: file.name.normalize('NFC'), contentType, dataBase64: payload });
    });
    reader.addEventListener('error', () => reject(reader.error ?? new Error('the file could not be read')));
    reader.readAsDataURL(file);
  });
}
