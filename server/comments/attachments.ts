import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { AttachmentContentStore } from '../storage/store.ts';

/** Largest attachment accepted (decoded). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Record<string, Buffer> = {
  'application/pdf': Buffer.from('%PDF-'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': Buffer.from([0x50, 0x4b, 0x03, 0x04]),
};

/** A stored attachment's description. */
export interface StoredAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

/**
 * Attachments of submissions, stored in the store's attachment content under server-generated
 * ids, so a file name can never choose a path; the original name is kept only as metadata, cleaned. The content
 * must really be a PDF or DOCX (checked by its signature) within MAX_ATTACHMENT_BYTES.
 */
export class AttachmentStore {
  constructor(private readonly content: AttachmentContentStore) {}

  /** Checks and stores one attachment; throws `ERR_INVALID_ATTACHMENT`. */
  async save(fileName: string, contentType: string, dataBase64: string): Promise<StoredAttachment> {
    const data = Buffer.from(dataBase64, 'base64');
    const signature = SIGNATURES[contentType];
    if (!signature || data.length === 0 || data.length > MAX_ATTACHMENT_BYTES || !data.subarray(0, signature.length).equals(signature)) {
      throw new Errors.InvalidAttachment();
    }
    const id = newId();
    await this.content.put(id, data);
    return { id, fileName: cleanFileName(fileName, contentType), contentType, size: data.length };
  }

  /** Reads a stored attachment back. */
  async read(id: string): Promise<Buffer> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Errors.SubmissionNotFound();
    const data = await this.content.get(id);
    if (data === undefined) throw new Errors.SubmissionNotFound();
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
}

/** The base name without path parts or control characters, NFC, with the right extension. */
export function cleanFileName(fileName: string, contentType: string): string {
  const base = fileName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]+/g, '_').replace(/^\.+/, '').trim().slice(0, 150) || 'tep-dinh-kem';
  const extension = contentType === 'application/pdf' ? '.pdf' : '.docx';
  return cleaned.toLowerCase().endsWith(extension) ? cleaned : `${cleaned}${extension}`;
}
