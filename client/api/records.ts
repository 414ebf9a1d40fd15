import { nullableString, object, string } from './narrow.ts';

/**
 * Shapes of the records the HTTP API returns, and guards that narrow untrusted JSON to
 * them. Every parser throws `TypeError` on a malformed value instead of passing it on.
 */

/** Roles of the committee; only `secretariat` and `editor` may change the text. */
export type Role = 'secretariat' | 'editor' | 'ministry' | 'observer';

/** A signed-in user as presented by the API. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  /** A disabled account cannot sign in; its sessions were closed when it was disabled. */
  disabled: boolean;
  createdAt: string;
  /** Until when sign-in is locked after too many failures (ISO time; only in the secretariat's list, only when locked). */
  lockedUntil?: string;
}

/** An outline document's metadata (its content lives in Yjs). */
export interface DocumentRecord {
  id: string;
  title: string;
  templateId: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** A text in both UI languages. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/** An outline template a document can start from. */
export interface Template {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
}

/** The answer to a successful login. */
export interface LoginResult {
  token: string;
  user: User;
}

/** Narrows an untrusted value to a role. */
export function parseRole(value: unknown): Role {
  if (value === 'secretariat' || value === 'editor' || value === 'ministry' || value === 'observer') return value;
  throw new TypeError(`user.role: unknown role ${String(value)}`);
}

/** Narrows an API user. */
export function parseUser(value: unknown): User {
  const source = object(value, 'user');
  return {
    id: string(source, 'id', 'user'),
    username: string(source, 'username', 'user'),
    displayName: string(source, 'displayName', 'user'),
    role: parseRole(source.role),
    organizationId: nullableString(source, 'organizationId', 'user'),
    disabled: source.disabled === true,
    createdAt: typeof source.createdAt === 'string' ? source.createdAt : '',
    ...(typeof source.lockedUntil === 'string' ? { lockedUntil: source.lockedUntil } : {}),
  };
}

/** Narrows an API document record. */
export function parseDocument(value: unknown): DocumentRecord {
  const source = object(value, 'document');
  return {
    id: string(source, 'id', 'document'),
    title: string(source, 'title', 'document'),
    templateId: nullableString(source, 'templateId', 'document'),
    archived: source.archived === true,
    createdAt: string(source, 'createdAt', 'document'),
    updatedAt: string(source, 'updatedAt', 'document'),
    createdBy: string(source, 'createdBy', 'document'),
  };
}

function parseLocalizedText(value: unknown, what: string): LocalizedText {
  if (typeof value === 'string') return { vi: value, en: value };
  const source = object(value, what);
  return { vi: string(source, 'vi', what), en: string(source, 'en', what) };
}

/** Narrows an API template; a plain-string title or description counts for both languages. */
export function parseTemplate(value: unknown): Template {
  const source = object(value, 'template');
  return {
    id: string(source, 'id', 'template'),
    title: parseLocalizedText(source.title, 'template.title'),
    description: parseLocalizedText(source.description ?? '', 'template.description'),
  };
}

/** Narrows the login answer. */
export function parseLoginResult(value: unknown): LoginResult {
  const source = object(value, 'login');
  return { token: string(source, 'token', 'login'), user: parseUser(source.user) };
}

/** Narrows a JSON array with `parseItem`; a non-array is an error. */
export function parseList<T>(value: unknown, parseItem: (item: unknown) => T): T[] {
  if (!Array.isArray(value)) throw new TypeError('expected an array');
  return value.map((item: unknown) => parseItem(item));
}
