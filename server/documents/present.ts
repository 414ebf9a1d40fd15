import type { DocumentRecord } from '../storage/records.ts';
import type { PublicDocument } from './schemas.ts';

/** The public view of a document record. */
export function presentDocument(document: DocumentRecord): PublicDocument {
  return {
    id: document.id,
    title: document.title,
    templateId: document.templateId,
    archived: document.archived,
    createdBy: document.createdBy,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}
