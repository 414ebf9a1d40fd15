import type { MessageKey } from '../i18n/index.ts';
import { MESSAGES } from '../i18n/messages.ts';

/**
 * The UI string key labelling `action` (`audit.action.<action>`), or null for an action
 * this client has no label for (a newer server); the caller then shows it raw. The list of
 * actions is the server's (`AUDIT_ACTIONS`); a test checks that every one has a label.
 */
export function auditActionKey(action: string): MessageKey | null {
  const key = `audit.action.${action}`;
  return Object.hasOwn(MESSAGES.vi, key) ? (key as MessageKey) : null;
}
