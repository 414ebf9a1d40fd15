import type { Locale, MessageKey } from '../i18n/index.ts';
import { MESSAGES } from '../i18n/messages.ts';
import { formatDateTime } from '../ui/date-time.ts';

/**
 * The UI string key labelling `action` (`audit.action.<action>`), or null for an action
 * this client has no label for (a newer server); the caller then shows it raw. The list of
 * actions is the server's (`AUDIT_ACTIONS`); a test checks that every one has a label.
 */
export function auditActionKey(action: string): MessageKey | null {
  const key = `audit.action.${action}`;
  return Object.hasOwn(MESSAGES.vi, key) ? (key as MessageKey) : null;
}

/**
 * An audit timestamp as date and time to the second in the UI language: the Vietnamese
 * form (`Intl.DateTimeFormat('vi-VN')`, e.g. "09:05:03 20/05/2025") by default, British
 * English for `en`. An unparsable value is returned as it is.
 */
export function formatAuditTime(iso: string, locale: Locale, timeZone?: string): string {
  return formatDateTime(iso, locale, { seconds: true, timeZone });
}
