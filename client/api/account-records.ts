import type { PublicOrganization } from '../../server/organizations/schemas.ts';
import type { MeResponse } from '../../server/auth/schemas.ts';
import type { DocumentAccessBody } from '../../server/documents/schemas.ts';
import { isRecord } from './narrow.ts';
import { parseUser } from './records.ts';
import { allowedValues, narrowShape, SHAPES } from './shapes.ts';

/** An organisation (a ministry or agency) as presented by the API. */
export type Organization = PublicOrganization;
/** One kind of organisation. */
export type OrganizationKind = Organization['kind'];
/** The signed-in person: their account and, for ministry officers, their organisation. */
export type Me = MeResponse;
/** Who may open a document besides the secretariat: member user ids and invited organisation ids. */
export type DocumentAccess = DocumentAccessBody;

/** Kinds of organisation, as the server's schema lists them. */
export const ORGANIZATION_KINDS: readonly OrganizationKind[] = allowedValues<OrganizationKind>(SHAPES.Organization.properties?.kind);

/** Narrows an untrusted value to an organisation kind; anything unknown counts as `other`. */
export function parseOrganizationKind(value: unknown): OrganizationKind {
  return ORGANIZATION_KINDS.find((kind) => kind === value) ?? 'other';
}

/**
 * Narrows an API organisation. A kind this client does not know (a newer server) counts as
 * `other`, and a missing short name as empty, so one new organisation never breaks a list.
 */
export function parseOrganization(value: unknown): Organization {
  const source = isRecord(value) ? { ...value, kind: parseOrganizationKind(value.kind), shortName: value.shortName ?? '' } : value;
  return narrowShape('Organization', source, 'organization');
}

/**
 * Narrows `GET /api/auth/me`: `{user, organization}`. A bare user object (an older server)
 * is accepted too, with no organisation.
 */
export function parseMe(value: unknown): Me {
  if (isRecord(value) && !('user' in value)) return { user: parseUser(value), organization: null };
  const me = narrowShape('Me', isRecord(value) ? { ...value, organization: value.organization ?? null } : value, 'me');
  return { user: me.user, organization: me.organization === null ? null : parseOrganization(me.organization) };
}

/** Narrows `GET` / `PUT /api/documents/:id/access`. */
export const parseDocumentAccess = (value: unknown): DocumentAccess => narrowShape('DocumentAccess', value, 'access');
