import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrganizationRecord } from '../storage/records.ts';
import type { RecordStore } from '../storage/store.ts';

const KINDS: ReadonlySet<string> = new Set(['ministry', 'ministerial_agency', 'government_agency', 'other']);

/** Reads `templates/organizations.json`; throws with details if an entry is malformed. */
export function readSeedOrganizations(templatesDir: string): OrganizationRecord[] {
  const path = join(templatesDir, 'organizations.json');
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const list = (raw as { organizations?: unknown }).organizations;
  if (!Array.isArray(list)) throw new Error(`${path}: missing "organizations" array`);
  return list.map((entry: unknown, index) => {
    const { id, name, shortName, kind } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof name !== 'string' || typeof shortName !== 'string' || typeof kind !== 'string' || !KINDS.has(kind)) {
      throw new Error(`${path}: organisation #${index} is malformed`);
    }
    return { id, name: name.normalize('NFC'), shortName: shortName.normalize('NFC'), kind: kind as OrganizationRecord['kind'] };
  });
}

/** Fills the organisations of a data directory that has none yet; later edits are never overwritten. */
export async function seedOrganizations(records: RecordStore, templatesDir: string): Promise<number> {
  if (records.read((data) => data.organizations.length > 0)) return 0;
  const seed = readSeedOrganizations(templatesDir);
  // Decided again inside the writer: another process sharing the database may have seeded first.
  return records.write((data) => {
    if (data.organizations.length > 0) return 0;
    data.organizations.push(...structuredClone(seed));
    return seed.length;
  });
}
