import type { AuditDetailValue } from '../api/audit-records.ts';
import { parseRole } from '../api/records.ts';
import { roleLabelKey } from '../account/roles.ts';
import type { MessageKey } from '../i18n/index.ts';

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

// `window` only says whether an edit entry opens or closes a 10-minute window.
const HIDDEN: ReadonlySet<string> = new Set(['window']);

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
  threadId: 'audit.detail.thread',
  fromQuote: 'audit.detail.fromQuote',
  toQuote: 'audit.detail.toQuote',
};

function idList(value: string, name: (id: string) => string | null): { text: string } | { key: MessageKey } {
  const ids = value.split(',').filter((id) => id !== '');
  if (ids.length === 0) return { key: 'audit.detail.none' };
  return { text: ids.map((id) => name(id) ?? id).join(', ') };
}

function describeValue(key: string, value: AuditDetailValue, names: DetailNames): DetailLine['value'] {
  if (typeof value !== 'string') return { text: String(value) };
  switch (key) {
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
