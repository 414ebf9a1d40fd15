import type { AuditDetailValue } from '../api/audit-records.ts';
import { parseRole } from '../api/records.ts';
import { roleLabelKey } from '../account/roles.ts';
import type { MessageKey } from '../i18n/index.ts';
import { STATUS_KEYS } from '../comments/status-labels.ts';
import { threadRef } from '../comments/thread-ref.ts';

/** One readable line of an audit entry's details: a label (a UI key, or the raw key when unknown) and a value. */
export interface DetailLine {
  label: { key: MessageKey } | { raw: string };
  value: { text: string } | { key: MessageKey };
}

/** Names the details refer to by id; null when the id is unknown (then the id itself is shown). */
export interface DetailNames {
  userName(id: string): string | null;
  organizationName(id: string): string | null;
  /** Formats an ISO timestamp for display. */
  time(iso: string): string;
}

// `window` only says whether an edit entry opens or closes a 10-minute window; the others are
// ids of things shown by name in the same entry, or flags the action's name already says.
const HIDDEN: ReadonlySet<string> = new Set(['window', 'revisionId', 'checkpointId', 'submissionId', 'fromRef', 'toRef', 'explanationChanged']);

const LABELS: Readonly<Record<string, MessageKey>> = {
  updates: 'audit.detail.updates',
  since: 'audit.detail.since',
  title: 'audit.detail.title',
  templateId: 'audit.detail.templateId',
  from: 'audit.detail.from',
  to: 'audit.detail.to',
  members: 'audit.detail.members',
  organizations: 'audit.detail.organizations',
  username: 'audit.detail.user',
  userId: 'audit.detail.user',
  role: 'audit.detail.role',
  organizationId: 'audit.detail.organization',
  name: 'audit.detail.organization',
  changed: 'audit.detail.changed',
  revisionName: 'audit.detail.revisionName',
  threadId: 'audit.detail.thread',
  status: 'audit.detail.status',
  previousStatus: 'audit.detail.previousStatus',
  explanation: 'audit.detail.explanation',
  draftingBody: 'audit.detail.draftingBody',
  secretariat: 'audit.detail.secretariat',
  previousDraftingBody: 'audit.detail.previousDraftingBody',
  previousSecretariat: 'audit.detail.previousSecretariat',
  reason: 'audit.detail.reason',
  duplicateOf: 'audit.detail.duplicateOf',
  note: 'audit.detail.note',
  documentNumber: 'audit.detail.documentNumber',
  date: 'audit.detail.date',
  noComments: 'audit.detail.noComments',
  items: 'audit.detail.items',
  visibility: 'audit.detail.visibility',
  previousVisibility: 'audit.detail.previousVisibility',
  format: 'audit.detail.format',
  fromLabel: 'audit.detail.fromLabel',
  toLabel: 'audit.detail.toLabel',
  round: 'audit.detail.round',
  bytes: 'audit.detail.bytes',
  fromQuote: 'audit.detail.fromQuote',
  toQuote: 'audit.detail.toQuote',
};

/** Translations of enumerated detail values, by detail key then value. */
const VALUE_KEYS: Readonly<Record<string, Readonly<Record<string, MessageKey>>>> = {
  status: STATUS_KEYS,
  previousStatus: STATUS_KEYS,
  reason: {
    duplicate: 'comments.setAside.reason.duplicate',
    out_of_scope: 'comments.setAside.reason.out_of_scope',
    other: 'comments.setAside.reason.other',
  },
  visibility: { own_organization: 'audit.visibility.own_organization', all_participants: 'audit.visibility.all_participants' },
  previousVisibility: { own_organization: 'audit.visibility.own_organization', all_participants: 'audit.visibility.all_participants' },
};

function idList(value: string, name: (id: string) => string | null): { text: string } | { key: MessageKey } {
  const ids = value.split(',').filter((id) => id !== '');
  if (ids.length === 0) return { key: 'audit.detail.none' };
  return { text: ids.map((id) => name(id) ?? id).join(', ') };
}

function describeValue(key: string, value: AuditDetailValue, names: DetailNames): DetailLine['value'] {
  if (typeof value === 'boolean') return { key: value ? 'audit.detail.yes' : 'audit.detail.no' };
  if (typeof value !== 'string') return { text: String(value) };
  const translated = Object.hasOwn(VALUE_KEYS, key) ? VALUE_KEYS[key] : undefined;
  if (translated !== undefined && Object.hasOwn(translated, value)) return { key: translated[value] as MessageKey };
  switch (key) {
    case 'threadId':
    case 'duplicateOf':
      return { text: `#${threadRef(value)}` };
    case 'members':
      return idList(value, names.userName);
    case 'organizations':
      return idList(value, names.organizationName);
    case 'userId':
      return { text: names.userName(value) ?? value };
    case 'organizationId':
      return { text: names.organizationName(value) ?? value };
    case 'since':
      return { text: names.time(value) };
    case 'role':
      try {
        return { key: roleLabelKey(parseRole(value)) };
      } catch {
        return { text: value };
      }
    default:
      return { text: value };
  }
}

/**
 * Turns an entry's details into labelled lines, in the order the server wrote them: ids
 * of users and organisations become names where known, roles and timestamps are
 * translated. Null values and bookkeeping fields are left out; a target named twice
 * (`userId` next to `username`, `organizationId` next to `name`) is shown once, by name.
 * Unknown keys are kept with their raw key as the label.
 */
export function describeDetails(details: Readonly<Record<string, AuditDetailValue>>, names: DetailNames): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (value === null || HIDDEN.has(key)) continue;
    if (key === 'userId' && typeof details.username === 'string') continue;
    if (key === 'organizationId' && typeof details.name === 'string') continue;
    const labelKey = Object.hasOwn(LABELS, key) ? LABELS[key] : undefined;
    lines.push({ label: labelKey === undefined ? { raw: key } : { key: labelKey }, value: describeValue(key, value, names) });
  }
  return lines;
}
