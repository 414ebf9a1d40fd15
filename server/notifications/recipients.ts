import { canOpenDocument } from '../documents/access.ts';
import type { Database, DocumentRecord, UserRecord } from '../storage/records.ts';

/**
 * Who receives what. Pure functions of the records: every recipient is an enabled account
 * that may open the document (so a notification never points at a page its reader cannot
 * see), and the person who caused the event is never told about it.
 */

const eligible = (user: UserRecord, document: DocumentRecord, exceptUserId: string | null): boolean =>
  user.id !== exceptUserId && !user.disabled && canOpenDocument(user, document);

/** Users of the organisations `organizationIds` who may open the document. */
export function organizationUsers(data: Readonly<Database>, document: DocumentRecord, organizationIds: readonly string[], exceptUserId: string | null): UserRecord[] {
  const wanted = new Set(organizationIds);
  return data.users.filter((user) => user.organizationId !== null && wanted.has(user.organizationId) && eligible(user, document, exceptUserId));
}

/** Every enabled secretariat account. */
export function secretariatUsers(data: Readonly<Database>, document: DocumentRecord, exceptUserId: string | null): UserRecord[] {
  return data.users.filter((user) => user.role === 'secretariat' && eligible(user, document, exceptUserId));
}
