import { apiRequest } from './http.ts';
import { parseMe, parseOrganization, type Me, type Organization } from './account-records.ts';
import {
  parseDocument,
  parseList,
  parseLoginResult,
  parseTemplate,
  type DocumentRecord,
  type LoginResult,
  type Template,
} from './records.ts';

/** Typed calls of the HTTP API used by the web app; each resolves with narrowed data. */

/** Signs in; the server also sets the HttpOnly session cookie. A 401 rejects (no redirect). */
export function login(username: string, password: string): Promise<LoginResult> {
  return apiRequest('/api/auth/login', parseLoginResult, {
    method: 'POST',
    body: { username, password },
    redirectOnUnauthorized: false,
  });
}

/** Ends the session (cookie included). */
export async function logout(): Promise<void> {
  await apiRequest('/api/auth/logout', () => undefined, { method: 'POST', body: {}, redirectOnUnauthorized: false });
}

/** The signed-in user and their organisation; redirects to /login when there is no session. */
export function fetchMe(): Promise<Me> {
  return apiRequest('/api/auth/me', parseMe);
}

/**
 * Changes the signed-in user's own password. A wrong current password rejects with
 * `ERR_INVALID_CREDENTIALS` (status 401, without redirecting: the session is still valid).
 * The server signs out the user's other sessions; this one stays.
 */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiRequest('/api/auth/password', () => undefined, {
    method: 'POST',
    body: { currentPassword, newPassword },
    redirectOnUnauthorized: false,
  });
}

/** Every organisation, sorted by Vietnamese name by the server (anyone signed in may list them). */
export function listOrganizations(): Promise<Organization[]> {
  return apiRequest('/api/organizations', (body) => parseList(body, parseOrganization));
}

/** Active (or, with `archived`, archived) documents. */
export function listDocuments(archived = false): Promise<DocumentRecord[]> {
  const path = archived ? '/api/documents?archived=true' : '/api/documents';
  return apiRequest(path, (body) => parseList(body, parseDocument));
}

/** One document's metadata. */
export function fetchDocument(id: string): Promise<DocumentRecord> {
  return apiRequest(`/api/documents/${encodeURIComponent(id)}`, parseDocument);
}

/** Creates a document, optionally from a template. */
export function createDocument(title: string, templateId: string | null): Promise<DocumentRecord> {
  const body = templateId === null ? { title } : { title, templateId };
  return apiRequest('/api/documents', parseDocument, { method: 'POST', body });
}

/** Changes a document's title and/or archived flag. */
export function updateDocument(id: string, changes: { title?: string; archived?: boolean }): Promise<DocumentRecord> {
  return apiRequest(`/api/documents/${encodeURIComponent(id)}`, parseDocument, { method: 'PATCH', body: changes });
}

/** The outline templates offered when creating a document. */
export function listTemplates(): Promise<Template[]> {
  return apiRequest('/api/templates', (body) => parseList(body, parseTemplate));
}
