import type { Revision } from '../api/revision-records.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';

/**
 * Pure helpers of the revisions page: named revisions apart from automatic checkpoints,
 * translated checkpoint reasons and storage sizes. No DOM, so they are unit-tested in Node.
 */

/** A document's revisions split by kind, each list keeping the input order (newest first from the API). */
export interface GroupedRevisions {
  named: Revision[];
  checkpoints: Revision[];
}

/** Splits revisions into named ones and automatic checkpoints without reordering either. */
export function groupRevisions(revisions: readonly Revision[]): GroupedRevisions {
  return {
    named: revisions.filter((revision) => revision.kind === 'named'),
    checkpoints: revisions.filter((revision) => revision.kind === 'checkpoint'),
  };
}

const REASON_KEYS: Readonly<Record<string, MessageKey>> = {
  idle: 'revisions.reason.idle',
  last_editor_left: 'revisions.reason.last_editor_left',
  before_restore: 'revisions.reason.before_restore',
  after_restore: 'revisions.reason.after_restore',
  named: 'revisions.reason.named',
};

/** The UI string key of a revision's `reason`, or null for a reason this client does not know (shown raw). */
export function reasonKey(reason: string): MessageKey | null {
  return Object.hasOwn(REASON_KEYS, reason) ? (REASON_KEYS[reason] ?? null) : null;
}

/**
 * `bytes` in kilobytes (1 KB = 1024 bytes) with at most one decimal, in the locale's number
 * format ("12,3" in Vietnamese, "12.3" in English). Any non-zero size shows at least 0.1.
 */
export function formatKilobytes(bytes: number, locale: Locale): string {
  const kilobytes = bytes <= 0 ? 0 : Math.max(0.1, bytes / 1024);
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(kilobytes);
}

/** What the compare picker's default selection is: the newest named revision against the live draft. */
export function defaultComparePair(revisions: readonly Revision[]): { from: string; to: string } {
  const newest = revisions.find((revision) => revision.kind === 'named') ?? revisions[0];
  return { from: newest?.id ?? 'current', to: 'current' };
}
