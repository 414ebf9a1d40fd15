import { ORGANIZATION_KINDS, type Organization, type OrganizationKind } from '../api/account-records.ts';

/** Organisations of one kind (Bộ, Cơ quan ngang bộ, Cơ quan thuộc Chính phủ, Cơ quan khác). */
export interface OrganizationGroup {
  kind: OrganizationKind;
  organizations: Organization[];
}

/**
 * `organizations` grouped by kind, the kinds in their official order (ministries first), each
 * group keeping the order it was given in; kinds with no organisation are left out.
 */
export function groupByKind(organizations: readonly Organization[]): OrganizationGroup[] {
  return ORGANIZATION_KINDS.map((kind) => ({ kind, organizations: organizations.filter((item) => item.kind === kind) })).filter(
    (group) => group.organizations.length > 0,
  );
}
