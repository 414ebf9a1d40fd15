import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, NullableString, PageLimit, PersonSchema, Timestamp } from '../http/schemas.ts';

/** Every action the audit trail records (stable names; the client labels each of them). */
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
  'revision.created',
  'revision.restored',
  'thread.status_changed',
  'thread.explanation_changed',
  'thread.set_aside',
  'thread.set_aside_undone',
  'proposal.applied',
  'submission.filed',
  'comments.settings_changed',
  'export.comparison',
  'export.synthesis',
  'proposal.reverted',
  'thread.reattached',
  'round.opened',
  'round.extended',
  'round.closed',
  'export.draft',
  'document.imported',
  'settings.terminology_changed',
] as const;

/**
 * The items of the `action` query: exact action names, and prefixes ending in a dot
 * (`thread.`). Undefined when there is no filter.
 */
export function parseActionQuery(query: string | undefined): string[] | undefined {
  return query === undefined ? undefined : query.split(',').filter((item) => item !== '');
}

/** One known audit action. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `GET /api/audit` query. */
export const AuditQuery = Type.Object(
  {
    documentId: Type.Optional(Id),
    /**
     * Only these actions: a comma-separated list of action names, or prefixes ending in a dot
     * (`thread.` for every thread action), e.g. `thread.,export.synthesis`.
     */
    action: Type.Optional(Type.String({ maxLength: 500, pattern: '^[a-z_.]+(,[a-z_.]+)*$' })),
    limit: Type.Optional(PageLimit),
    /** The `x-next-cursor` header of the previous page. */
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** A value in an audit entry's details. */
export const AuditDetailValueSchema = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

/**
 * One line of the audit trail as the API shows it, with the actor's current name (null for
 * the system itself). `action` is kept a plain string: an older client shows a newer action raw.
 */
export const AuditEntrySchema = Type.Object(
  {
    id: Type.String(),
    at: Timestamp,
    action: Type.String(),
    actor: Nullable(PersonSchema),
    documentId: NullableString,
    details: Type.Record(Type.String(), AuditDetailValueSchema),
  },
  { additionalProperties: false },
);
export type AuditEntry = Static<typeof AuditEntrySchema>;
