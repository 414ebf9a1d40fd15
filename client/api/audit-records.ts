import { isRecord, nullableString, object, string } from './narrow.ts';

/** A value in an audit entry's details. */
export type AuditDetailValue = string | number | boolean | null;

/** One line of the audit trail, as `GET /api/audit` presents it. */
export interface AuditEntry {
  id: string;
  /** ISO timestamp. */
  at: string;
  /** E.g. `document.edited`; unknown actions are kept and shown raw. */
  action: string;
  /** Null for actions of the system itself. */
  actor: { id: string; displayName: string } | null;
  documentId: string | null;
  details: Record<string, AuditDetailValue>;
}

function parseDetails(value: unknown): Record<string, AuditDetailValue> {
  if (value === undefined || value === null) return {};
  const source = object(value, 'audit.details');
  const details: Record<string, AuditDetailValue> = {};
  for (const [key, item] of Object.entries(source)) {
    // Nested values are not part of the contract; they are dropped rather than shown as "[object Object]".
    if (item === null || typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') details[key] = item;
  }
  return details;
}

/** Narrows an API audit entry. */
export function parseAuditEntry(value: unknown): AuditEntry {
  const source = object(value, 'audit');
  const actor = isRecord(source.actor)
    ? { id: string(source.actor, 'id', 'audit.actor'), displayName: string(source.actor, 'displayName', 'audit.actor') }
    : null;
  return {
    id: string(source, 'id', 'audit'),
    at: string(source, 'at', 'audit'),
    action: string(source, 'action', 'audit'),
    actor,
    documentId: nullableString(source, 'documentId', 'audit'),
    details: parseDetails(source.details),
  };
}
