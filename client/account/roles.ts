import type { Role } from '../api/records.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * What each role may do, as the UI needs to know it. The server enforces every rule; the
 * UI only avoids offering actions that would be refused.
 */

/** Every role, in the order forms list them (the server's order). */
export { ROLES } from '../api/records.ts';

const ROLE_LABELS: Readonly<Record<Role, MessageKey>> = {
  secretariat: 'role.secretariat',
  editor: 'role.editor',
  ministry: 'role.ministry',
  observer: 'role.observer',
};

/** The UI string key of a role's name (e.g. "Ban thư ký"). */
export function roleLabelKey(role: Role): MessageKey {
  return ROLE_LABELS[role];
}

/** True for the roles whose edits the server accepts (secretariat, editor). */
export function canEditText(role: Role): boolean {
  return role === 'secretariat' || role === 'editor';
}

/** True for the roles that may create, rename and archive documents (an editor only those they are a member of, which are the only ones they see). */
export function canManageDocuments(role: Role): boolean {
  return role === 'secretariat' || role === 'editor';
}

/** True for the secretariat: accounts, organisations, document access and the audit trail. */
export function isSecretariat(role: Role): boolean {
  return role === 'secretariat';
}

/** True for the role whose accounts must belong to an organisation (ministry). */
export function needsOrganization(role: Role): boolean {
  return role === 'ministry';
}

/** True for the roles granted a document person by person (editors, observers); ministries are invited by organisation. */
export function canBeDocumentMember(role: Role): boolean {
  return role === 'editor' || role === 'observer';
}
