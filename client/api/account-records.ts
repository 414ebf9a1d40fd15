import { nullableString, object, string, stringArray } from './narrow.ts';
import { parseUser, type User } from './records.ts';

/** Kinds of organisation, as the API names them. */
export const ORGANIZATION_KINDS = ['ministry', 'ministerial_agency', 'government_agency', 'other'] as const;

/** One kind of organisation. */
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** An organisation (a ministry or agency) as presented by the API. */
export interface Organization {
  id: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
}

/** The signed-in person: their account and, for ministry officers, their organisation. */
export interface Me {
  user: User;
  organization: Organization | null;
}

/** Who may open a document besides the secretariat: member user ids and invited organisation ids. */
export interface DocumentAccess {
  members: string[];
  organizations: string[];
}

/** Narrows an untrusted value to an organisation kind; anything unknown counts as `other`. */
export function parseOrganizationKind(value: unknown): OrganizationKind {
  return ORGANIZATION_KINDS.find((kind) => kind === value) ?? 'other';
}

/** Narrows an API organisation. */
export function parseOrganization(value: unknown): Organization {
  const source = object(value, 'organization');
  return {
    id: string(source, 'id', 'organization'),
    name: string(source, 'name', 'organization'),
    shortName: nullableString(source, 'shortName', 'organization') ?? '',
    kind: parseOrganizationKind(source.kind),
  };
}

/**
 * Narrows `GET /api/auth/me`: `{user, organization}`. A bare user object (an older server)
 * is accepted too, with no organisation.
 */
export function parseMe(value: unknown): Me {
  const source = object(value, 'me');
  if (!('user' in source)) return { user: parseUser(source), organization: null };
  const organization = source.organization === null || source.organization === undefined ? null : parseOrganization(source.organization);
  return { user: parseUser(source.user), organization };
}

/** Narrows `GET` / `PUT /api/documents/:id/access`. */
export function parseDocumentAccess(value: unknown): DocumentAccess {
  const source = object(value, 'access');
  return { members: stringArray(source, 'members', 'access'), organizations: stringArray(source, 'organizations', 'access') };
}
