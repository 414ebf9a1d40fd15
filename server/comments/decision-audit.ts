import type { AuditDetailValue, ThreadRecord, UserRecord } from '../storage/records.ts';
import type { AuditAction } from '../audit/schemas.ts';

/**
 * The audit entry of a decision on a thread (the arguments of `app.audit.record`): a status
 * change is `thread.status_changed` (previous and new status, and whether the explanation changed too); a
 * new explanation under the same status is `thread.explanation_changed`; the same decision
 * made again is recorded as a status change from and to the same status, since it is in the
 * thread's history too.
 */
export function decisionAudit(before: ThreadRecord, after: ThreadRecord, by: UserRecord): [AuditAction, string, string, Record<string, AuditDetailValue>] {
  const explanationChanged = before.explanation !== after.explanation;
  const details = { threadId: after.id, organizationId: after.organizationId, previousStatus: before.status, status: after.status, explanation: after.explanation, explanationChanged };
  const action: AuditAction = before.status === after.status && explanationChanged ? 'thread.explanation_changed' : 'thread.status_changed';
  return [action, by.id, after.documentId, details];
}
