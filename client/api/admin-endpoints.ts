import { apiRequest } from './http.ts';
import { parseDocumentAccess, parseOrganization, type DocumentAccess, type Organization, type OrganizationKind } from './account-records.ts';
import { parseAuditEntry, type AuditEntry } from './audit-records.ts';
import { parseList, parseUser, type Role, type User } from './records.ts';

/**
 * Typed calls of the secretariat's API: accounts, organisations, per-document access and
 * the audit trail. The server refuses them (403) for every other role.
 */

/** Fields of a new account; `organizationId` is required by the server for `ministry`. */
export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string;
  /** Where notification e-mails go. */
  email?: string;
}

/** Changes to an account; omitted fields stay as they are. */
export interface UserChanges {
  displayName?: string;
  role?: Role;
  organizationId?: string | null;
  /** A new address, or null to remove it. */
  email?: string | null;
  disabled?: boolean;
}

/** Fields of an organisation. */
export interface OrganizationFields {
  name: string;
  shortName: string;
  kind: OrganizationKind;
}

/** Every account, disabled ones included. */
export function listUsers(): Promise<User[]> {
  return apiRequest('/api/users', (body) => parseList(body, parseUser));
}

/** Creates an account; a taken username rejects with `ERR_USERNAME_TAKEN`. */
export function createUser(user: NewUser): Promise<User> {
  return apiRequest('/api/users', parseUser, { method: 'POST', body: user });
}

/** Edits, disables or re-enables an account; leaving no active secretariat rejects with `ERR_LAST_SECRETARIAT`. */
export function updateUser(id: string, changes: UserChanges): Promise<User> {
  return apiRequest(`/api/users/${encodeURIComponent(id)}`, parseUser, { method: 'PATCH', body: changes });
}

/** Sets a new password for an account; the server signs that account out everywhere. */
export async function resetUserPassword(id: string, password: string): Promise<void> {
  await apiRequest(`/api/users/${encodeURIComponent(id)}/password`, () => undefined, { method: 'POST', body: { password } });
}

/** Lets an account sign in again at once after too many failed attempts (the audit trail records it). */
export async function unlockUser(id: string): Promise<void> {
  await apiRequest(`/api/users/${encodeURIComponent(id)}/unlock`, () => undefined, { method: 'POST' });
}

/** Creates an organisation. */
export function createOrganization(fields: OrganizationFields): Promise<Organization> {
  return apiRequest('/api/organizations', parseOrganization, { method: 'POST', body: fields });
}

/** Edits an organisation's name, short name or kind. */
export function updateOrganization(id: string, changes: Partial<OrganizationFields>): Promise<Organization> {
  return apiRequest(`/api/organizations/${encodeURIComponent(id)}`, parseOrganization, { method: 'PATCH', body: changes });
}

/** Who may open a document besides the secretariat. */
export function fetchDocumentAccess(documentId: string): Promise<DocumentAccess> {
  return apiRequest(`/api/documents/${encodeURIComponent(documentId)}/access`, parseDocumentAccess);
}

/** Replaces a document's members and invited organisations; removed people lose their open connections at once. */
export function saveDocumentAccess(documentId: string, access: DocumentAccess): Promise<DocumentAccess> {
  return apiRequest(`/api/documents/${encodeURIComponent(documentId)}/access`, parseDocumentAccess, { method: 'PUT', body: access });
}

/**
 * The audit trail, newest first: of one document, or (with null) of everything; `action`
 * keeps only some actions (exact names, or prefixes ending in a dot such as `thread.`).
 */
export function listAudit(documentId: string | null, limit = 500, action?: string): Promise<AuditEntry[]> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (documentId !== null) query.set('documentId', documentId);
  if (action !== undefined && action !== '') query.set('action', action);
  return apiRequest(`/api/audit?${query.toString()}`, (body) => parseList(body, parseAuditEntry));
}
