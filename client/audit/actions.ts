import type { Locale, MessageKey } from '../i18n/index.ts';

/** Every action the server's audit trail records; the server imports this list (stable names). */
export const AUDIT_ACTIONS = [
  'document.created',
  'document.renamed',
  'document.archived',
  'document.restored',
  'document.opened',
  'document.edited',
  'document.access_changed',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'user.password_changed',
  'user.unlocked',
  'organization.created',
  'organization.updated',
] as const;

/** One known audit action. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** True when `action` is one the UI has a label for. */
export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/**
 * The UI string key labelling `action` (`audit.action.<action>`), or null for an action
 * this client does not know yet (a newer server); the caller then shows it raw.
 */
export function auditActionKey(action: string): MessageKey | null {
  return isAuditAction(action) ? (`audit.action.${action}` satisfies MessageKey) : null;
}

/**
 * An audit timestamp as date and time to the second in the UI language: the Vietnamese
 * form (`Intl.DateTimeFormat('vi-VN')`, e.g. "09:05:03 20/05/2025") by default, British
 * English for `en`. An unparsable value is returned as it is.
 */
export function formatAuditTime(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(date);
}
