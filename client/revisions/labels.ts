import type { Revision } from '../api/revision-records.ts';
import { formatDateTime } from '../../document-model/date-time.ts';
import { getLocale, t } from '../i18n/index.ts';
import { formatKilobytes, reasonKey } from './grouping.ts';

/** Texts describing a revision in the active language; no DOM, callers re-render on a language change. */

/** When a revision was taken, as "08:54, 02/12/2026" in local time. */
export function revisionTime(revision: Revision): string {
  return formatDateTime(revision.createdAt);
}

/** Why a checkpoint was taken, translated; an unknown reason is returned raw. */
export function reasonText(revision: Revision): string {
  const key = reasonKey(revision.reason);
  return key === null ? revision.reason : t(key);
}

/**
 * How a revision is named in lists and pickers: a named revision by its name; a checkpoint
 * (whose stored name is the server's, in Vietnamese) by its translated reason and time.
 */
export function revisionLabel(revision: Revision): string {
  return revision.kind === 'named' ? revision.name : `${reasonText(revision)} — ${revisionTime(revision)}`;
}

/** Storage size on disk, e.g. "3,2 KB". */
export function storedSize(revision: Revision): string {
  return t('revisions.size', { size: formatKilobytes(revision.storedBytes, getLocale()) });
}

/** The tooltip of the size: full state and compressed size. */
export function sizeDetails(revision: Revision): string {
  const locale = getLocale();
  return t('revisions.sizeTitle', { state: formatKilobytes(revision.stateBytes, locale), stored: formatKilobytes(revision.storedBytes, locale) });
}
