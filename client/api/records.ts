import type { LocalizedText, PublicDocument, PublicTemplate } from '../../server/documents/schemas.ts';
import type { LoginResponse } from '../../server/auth/schemas.ts';
import type { ClientShapes } from '../../server/http/client-shapes.ts';
import { allowedValues, narrowShape, oneOf, SHAPES } from './shapes.ts';

/**
 * Records the HTTP API returns (their types are the server's schemas', imported as types only),
 * and guards that narrow untrusted JSON to them. Every parser throws `TypeError` on a
 * malformed value instead of passing it on.
 */

/** An account as presented by the API (`lockedUntil` only in the secretariat's list, while sign-in is locked). */
export type User = ClientShapes['User'];
/** Roles of the committee; only `secretariat` and `editor` may change the text. */
export type Role = User['role'];
/** An outline document's metadata (its content lives in Yjs). */
export type DocumentRecord = PublicDocument;
/** An outline template a document can start from. */
export type Template = PublicTemplate;
/** The answer to a successful login. */
export type LoginResult = LoginResponse;
export type { LocalizedText };

/** Every role, from most to least powerful, as the server's schema lists them. */
export const ROLES: readonly Role[] = allowedValues<Role>(SHAPES.User.properties?.role);

/** Narrows an untrusted value to a role. */
export const parseRole = (value: unknown): Role => oneOf(ROLES, value, 'user.role');

/** Narrows an API user. */
export const parseUser = (value: unknown): User => narrowShape('User', value, 'user');

/** Narrows an API document record. */
export const parseDocument = (value: unknown): DocumentRecord => narrowShape('Document', value, 'document');

/** Narrows an API template. */
export const parseTemplate = (value: unknown): Template => narrowShape('Template', value, 'template');

/** Narrows the login answer. */
export const parseLoginResult = (value: unknown): LoginResult => narrowShape('LoginResult', value, 'login');

/** Narrows a JSON array with `parseItem`; a non-array is an error. */
export function parseList<T>(value: unknown, parseItem: (item: unknown) => T): T[] {
  if (!Array.isArray(value)) throw new TypeError('expected an array');
  return value.map((item: unknown) => parseItem(item));
}
