import { apiRequest } from './http.ts';
import {
  parseDocument,
  parseList,
  parseLoginResult,
  parseMe,
  parseTemplate,
  type DocumentRecord,
  type LoginResult,
  type Template,
  type User,
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

/** The signed-in user; redirects to /login when there is no session. */
export function fetchMe(): Promise<User> {
  return apiRequest('/api/auth/me', parseMe);
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
