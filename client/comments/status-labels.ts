import type { ThreadSource, ThreadStatus } from '../api/comment-records.ts';
import type { MessageKey } from '../i18n/index.ts';

/** The UI string key of each status (Mới, Đang xem xét, …). */
export const STATUS_KEYS: Readonly<Record<ThreadStatus, MessageKey>> = {
  open: 'comments.status.open',
  under_review: 'comments.status.under_review',
  accepted: 'comments.status.accepted',
  partially_accepted: 'comments.status.partially_accepted',
  not_accepted: 'comments.status.not_accepted',
  withdrawn: 'comments.status.withdrawn',
};

const SOURCE_LABELS: Readonly<Record<ThreadSource, MessageKey>> = {
  inline: 'comments.source.inline',
  written: 'comments.source.written',
  oral: 'comments.source.oral',
};

/** The UI string key of a status badge: Mới, Đang xem xét, Tiếp thu, Tiếp thu một phần, Không tiếp thu, Đã rút. */
export function statusLabelKey(status: ThreadStatus): MessageKey {
  return STATUS_KEYS[status];
}

/** The UI string key of how a comment was received (trực tiếp, công văn, cuộc họp). */
export function sourceLabelKey(source: ThreadSource): MessageKey {
  return SOURCE_LABELS[source];
}

/** The statuses the secretariat can set from the decision bar, in the order shown. */
export const DECISION_STATUSES: readonly ThreadStatus[] = ['under_review', 'accepted', 'partially_accepted', 'not_accepted', 'open'];

/** The UI string key of a decision button (the action, e.g. "Tiếp thu một phần"; `open` is "Mở lại"). */
export function decisionLabelKey(status: ThreadStatus): MessageKey {
  return status === 'open' ? 'comments.decision.reopen' : STATUS_KEYS[status];
}

/** True for decisions that need a written explanation (giải trình): partially and not accepted. */
export function needsExplanation(status: ThreadStatus): boolean {
  return status === 'partially_accepted' || status === 'not_accepted';
}

/** True while the secretariat has not decided: new or under review (a ministry may still withdraw). */
export function isUndecided(status: ThreadStatus): boolean {
  return status === 'open' || status === 'under_review';
}
