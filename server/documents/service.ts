import type { Store } from '../storage/store.ts';
import type { DocumentRecord } from '../storage/records.ts';
import type { TemplateCatalog } from '../templates/catalog.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';

/** Input for a new document. */
export interface NewDocument {
  title: string;
  templateId?: string | null;
  createdBy: string;
}

/** A rename and/or (un)archive. */
export interface DocumentChanges {
  title?: string;
  archived?: boolean;
}

const collator = new Intl.Collator('vi');

/**
 * Document records and their initial content. A document made from a template gets the
 * template's content once, here, on the server, stored as its first snapshot before the id
 * is handed out: clients opening it (even at the same moment) only ever sync that content.
 */
export class DocumentService {
  constructor(private readonly store: Store, private readonly templates: TemplateCatalog) {}

  /** Creates the record and its initial content. Throws `ERR_TEMPLATE_NOT_FOUND` for an unknown template. */
  async create(input: NewDocument): Promise<DocumentRecord> {
    const templateId = input.templateId ?? null;
    const template = templateId === null ? null : this.templates.get(templateId);
    if (template === undefined) throw new Errors.TemplateNotFound();
    const now = new Date().toISOString();
    const record: DocumentRecord = {
      id: newId(),
      title: input.title.normalize('NFC').trim(),
      templateId,
      archived: false,
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.content.compact(record.id, this.templates.instantiate(template));
    await this.store.content.release(record.id);
    await this.store.records.write((data) => {
      data.documents.push(record);
    });
    return record;
  }

  /** Documents, archived or not, newest change first, ties by Vietnamese title. */
  list(archived: boolean): DocumentRecord[] {
    return this.store.records
      .read((data) => data.documents.filter((doc) => doc.archived === archived).map((doc) => ({ ...doc })))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || collator.compare(a.title, b.title));
  }

  /** The document, or undefined. */
  find(id: string): DocumentRecord | undefined {
    const found = this.store.records.read((data) => data.documents.find((doc) => doc.id === id));
    return found ? { ...found } : undefined;
  }

  /** The document; throws `ERR_DOCUMENT_NOT_FOUND` when there is none. */
  get(id: string): DocumentRecord {
    const found = this.find(id);
    if (!found) throw new Errors.DocumentNotFound();
    return found;
  }

  /** Renames and/or (un)archives. Throws `ERR_DOCUMENT_NOT_FOUND`. */
  async update(id: string, changes: DocumentChanges): Promise<DocumentRecord> {
    return this.store.records.write((data) => {
      const document = data.documents.find((doc) => doc.id === id);
      if (!document) throw new Errors.DocumentNotFound();
      if (changes.title !== undefined) document.title = changes.title.normalize('NFC').trim();
      if (changes.archived !== undefined) document.archived = changes.archived;
      document.updatedAt = new Date().toISOString();
      return { ...document };
    });
  }
}
