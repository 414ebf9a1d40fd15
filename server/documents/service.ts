import type { Store } from '../storage/store.ts';
import type { DocumentRecord, UserRecord } from '../storage/records.ts';
import { canOpenDocument } from './access.ts';
import type { TemplateCatalog } from '../templates/catalog.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';

/** Input for a new document. */
export interface NewDocument {
  title: string;
  templateId?: string | null;
  /** The creator; a committee member who creates a document becomes one of its members. */
  creator: UserRecord;
  /** Names filling the template's placeholders (`{draftingBody}`, `{secretariat}`). */
  terms?: Readonly<Record<string, string>>;
}

/** Who may open a document besides the secretariat. */
export interface DocumentAccess {
  members: string[];
  organizations: string[];
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
    return this.createWithState(input, templateId, this.templates.instantiate(template, input.terms));
  }

  /**
   * Creates the record with `state` (a full Yjs update, e.g. an imported Word file) as its
   * first snapshot, stored before the id is handed out.
   */
  async createWithState(input: NewDocument, templateId: string | null, state: Uint8Array): Promise<DocumentRecord> {
    const now = new Date().toISOString();
    const record: DocumentRecord = {
      id: newId(),
      title: input.title.normalize('NFC').trim(),
      templateId,
      archived: false,
      members: input.creator.role === 'secretariat' ? [] : [input.creator.id],
      organizations: [],
      commentsVisibility: 'own_organization',
      createdBy: input.creator.id,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.content.compact(record.id, state);
    await this.store.content.release(record.id);
    await this.store.records.write((data) => {
      data.documents.push(record);
    });
    return record;
  }

  /** The documents `user` may open, archived or not, newest change first, ties by Vietnamese title. */
  listFor(user: UserRecord, archived: boolean): DocumentRecord[] {
    return this.store.records
      .read((data) =>
        data.documents.filter((doc) => doc.archived === archived && canOpenDocument(user, doc)).map((doc) => ({ ...doc })),
      )
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || collator.compare(a.title, b.title));
  }

  /** The document, or undefined. */
  find(id: string): DocumentRecord | undefined {
    const found = this.store.records.read((data) => data.documents.find((doc) => doc.id === id));
    return found ? { ...found, members: [...found.members], organizations: [...found.organizations] } : undefined;
  }

  /** The document; throws `ERR_DOCUMENT_NOT_FOUND` when there is none. */
  get(id: string): DocumentRecord {
    const found = this.find(id);
    if (!found) throw new Errors.DocumentNotFound();
    return found;
  }

  /**
   * Replaces who may open the document. Unknown user or organisation ids are refused
   * (`ERR_USER_NOT_FOUND`, `ERR_ORGANIZATION_NOT_FOUND`); members must be committee members or
   * observers (`ERR_VALIDATION`). Duplicates are dropped.
   */
  async setAccess(id: string, access: DocumentAccess): Promise<DocumentRecord> {
    return this.store.records.write((data) => {
      const document = data.documents.find((doc) => doc.id === id);
      if (!document) throw new Errors.DocumentNotFound();
      const members = [...new Set(access.members)];
      const organizations = [...new Set(access.organizations)];
      for (const userId of members) {
        const user = data.users.find((candidate) => candidate.id === userId);
        if (!user) throw new Errors.UserNotFound();
        if (user.role !== 'editor' && user.role !== 'observer') {
          throw new Errors.Validation(`members must be committee members or observers; ${user.username} is ${user.role}`);
        }
      }
      for (const organizationId of organizations) {
        if (!data.organizations.some((org) => org.id === organizationId)) throw new Errors.OrganizationNotFound();
      }
      document.members = members;
      document.organizations = organizations;
      document.updatedAt = new Date().toISOString();
      return { ...document, members: [...members], organizations: [...organizations] };
    });
  }

  /**
   * Records that the content changed at `at` (edits, restores): `updatedAt` moves forward,
   * never back. An unknown (e.g. just deleted) document is ignored.
   */
  async touchContent(id: string, at: Date): Promise<void> {
    const iso = at.toISOString();
    await this.store.records.write((data) => {
      const document = data.documents.find((doc) => doc.id === id);
      if (document && document.updatedAt < iso) document.updatedAt = iso;
    });
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
