import type { OrganizationRecord } from '../storage/records.ts';
import type { RecordStore } from '../storage/store.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';

const collator = new Intl.Collator('vi');

/** Organisations: the seeded ministries and agencies, editable by the secretariat. */
export class OrganizationService {
  constructor(private readonly records: RecordStore) {}

  /** All organisations sorted by Vietnamese name. */
  list(): OrganizationRecord[] {
    return this.records.read((data) => data.organizations.map((org) => ({ ...org }))).sort((a, b) => collator.compare(a.name, b.name));
  }

  /** Adds one; names are NFC and unique (case-insensitively), else `ERR_ORGANIZATION_EXISTS`. */
  async create(input: Omit<OrganizationRecord, 'id'>): Promise<OrganizationRecord> {
    const organization: OrganizationRecord = { ...input, id: newId(), name: clean(input.name), shortName: clean(input.shortName) };
    return this.records.write((data) => {
      if (data.organizations.some((org) => sameName(org.name, organization.name))) throw new Errors.OrganizationExists();
      data.organizations.push(organization);
      return { ...organization };
    });
  }

  /** Edits one; throws `ERR_ORGANIZATION_NOT_FOUND` or `ERR_ORGANIZATION_EXISTS`. */
  async update(id: string, changes: Partial<Omit<OrganizationRecord, 'id'>>): Promise<OrganizationRecord> {
    return this.records.write((data) => {
      const organization = data.organizations.find((org) => org.id === id);
      if (!organization) throw new Errors.OrganizationNotFound();
      if (changes.name !== undefined) {
        const name = clean(changes.name);
        if (data.organizations.some((org) => org.id !== id && sameName(org.name, name))) throw new Errors.OrganizationExists();
        organization.name = name;
      }
      if (changes.shortName !== undefined) organization.shortName = clean(changes.shortName);
      if (changes.kind !== undefined) organization.kind = changes.kind;
      return { ...organization };
    });
  }
}

function clean(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

function sameName(a: string, b: string): boolean {
  return collator.compare(a.toLocaleLowerCase('vi'), b.toLocaleLowerCase('vi')) === 0;
}
