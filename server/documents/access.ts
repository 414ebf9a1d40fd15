import type { DocumentRecord, Role, UserRecord } from '../storage/records.ts';

/**
 * Who may do what with a document. The single source of these rules: HTTP routes, the
 * WebSocket upgrade and the periodic re-check of open sockets all ask here.
 */

/** Roles whose connections may change a document's text. */
export const WRITING_ROLES: ReadonlySet<Role> = new Set(['secretariat', 'editor']);

/**
 * True when `user` may open (read) `document`: the secretariat always; committee members and
 * observers when listed as members; ministry officers when their organisation is invited.
 * Disabled users may open nothing.
 */
export function canOpenDocument(user: UserRecord, document: DocumentRecord): boolean {
  if (user.disabled) return false;
  switch (user.role) {
    case 'secretariat':
      return true;
    case 'editor':
    case 'observer':
      return document.members.includes(user.id);
    case 'ministry':
      return user.organizationId !== null && document.organizations.includes(user.organizationId);
  }
}

/** True when `user` may change the text of `document` (and rename or archive it). */
export function canEditDocument(user: UserRecord, document: DocumentRecord): boolean {
  return WRITING_ROLES.has(user.role) && canOpenDocument(user, document);
}
