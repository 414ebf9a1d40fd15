import type { OrganizationStatus } from '../api/round-endpoints.ts';
import type { MessageKey } from '../i18n/index.ts';

/** Every organisation status, in the order the dashboard shows them. */
export const ROUND_STATUSES: readonly OrganizationStatus[] = ['pending', 'preparing', 'responded', 'responded_late', 'no_comments', 'oral', 'overdue'];

/** The UI string key of an organisation's status in a round (Chưa trả lời, Đã trả lời, …). */
export function roundStatusKey(status: OrganizationStatus): MessageKey {
  return `rounds.status.${status}` satisfies MessageKey;
}

/** The colour of each status in the charts (colour-blind-safe palette; the tables carry the words). */
export const STATUS_COLORS: Readonly<Record<OrganizationStatus, string>> = {
  pending: '#9aa5b1',
  preparing: '#56b4e9',
  responded: '#009e73',
  responded_late: '#e69f00',
  no_comments: '#0072b2',
  oral: '#cc79a7',
  overdue: '#d55e00',
};

/** Colours of the decision groups: accepted, partly, not accepted, pending. */
export const DECISION_COLORS = ['#009e73', '#56b4e9', '#d55e00', '#9aa5b1'] as const;
