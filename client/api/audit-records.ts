import type { AuditEntry } from '../../server/audit/schemas.ts';
import { isRecord } from './narrow.ts';
import { narrowShape } from './shapes.ts';

export type { AuditEntry };

/** A value in an audit entry's details. */
export type AuditDetailValue = AuditEntry['details'][string];

/** True for the values details may hold; nested ones are not part of the contract. */
function isDetailValue(value: unknown): value is AuditDetailValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Narrows an API audit entry. Nested detail values (not part of the contract) are dropped
 * rather than shown as "[object Object]"; missing details count as none.
 */
export function parseAuditEntry(value: unknown): AuditEntry {
  const details = isRecord(value) && isRecord(value.details) ? Object.fromEntries(Object.entries(value.details).filter(([, item]) => isDetailValue(item))) : {};
  return narrowShape('AuditEntry', isRecord(value) ? { ...value, details } : value, 'audit');
}
