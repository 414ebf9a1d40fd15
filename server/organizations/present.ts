import type { OrganizationRecord } from '../storage/records.ts';
import type { PublicOrganization } from './schemas.ts';

/** The public view of an organisation. */
export function presentOrganization(organization: OrganizationRecord): PublicOrganization {
  return { id: organization.id, name: organization.name, shortName: organization.shortName, kind: organization.kind };
}
