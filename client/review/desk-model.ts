import type { ThreadStatus } from '../api/comment-records.ts';
import type { ReviewThread } from '../api/review-endpoints.ts';
import { THREAD_STATUSES } from '../api/comment-records.ts';
import { PATH_SEPARATOR } from '../../document-model/section-paths.ts';

/**
 * The review desk's rows, filters and order, as pure functions over threads, so the page
 * only renders. Everything a filter or sort needs is computed once per thread (`toRow`), so
 * filtering 2,000 rows is one pass over plain strings.
 */

/** The organisation key of threads filed in nobody's organisation (the drafting group). */
export const DRAFTING_GROUP = 'drafting_group';

/** A thread with what the desk shows and searches precomputed. */
export interface DeskRow {
  thread: ReviewThread;
  /** Organisation id, or `DRAFTING_GROUP`. */
  organizationKey: string;
  /** e.g. "Phần II › 1. Thực trạng"; '' when the thread is outside every section. */
  sectionPath: string;
  /** The section's heading id, or null. */
  sectionId: string | null;
  /** The organisation's own comment (the thread's first comment). */
  comment: string;
  /** Lowercased, NFC text the search box looks in. */
  haystack: string;
}

/** The section paths by heading id (see `GET /api/documents/:id/sections`). */
export type SectionPaths = ReadonlyMap<string, readonly string[]>;


/** A thread's row; `paths` gives the full path of its section when known. */
export function toRow(thread: ReviewThread, paths: SectionPaths): DeskRow {
  const sectionId = thread.position.sectionId;
  const known = sectionId === null ? undefined : paths.get(sectionId);
  const sectionPath = known
    ? known.join(PATH_SEPARATOR)
    : [thread.position.sectionNumber, thread.position.sectionTitle].filter((part) => part !== null && part !== '').join(' ');
  const comment = thread.comments[0]?.body ?? '';
  const organization = thread.organization;
  const haystack = [comment, thread.explanation ?? '', organization?.name ?? '', organization?.shortName ?? '', sectionPath, thread.position.text, thread.proposal?.text ?? '']
    .join('\n')
    .normalize('NFC')
    .toLocaleLowerCase('vi');
  return { thread, organizationKey: organization?.id ?? DRAFTING_GROUP, sectionPath, sectionId, comment, haystack };
}

/** The desk's filters; null or '' means "all". */
export interface DeskFilter {
  status: ThreadStatus | null;
  organizationKey: string | null;
  sectionId: string | null;
  text: string;
}

/** No filter. */
export const NO_DESK_FILTER: DeskFilter = { status: null, organizationKey: null, sectionId: null, text: '' };

/** The rows that pass every filter, in their given order. The text filter matches every word typed, anywhere. */
export function filterRows(rows: readonly DeskRow[], filter: DeskFilter): DeskRow[] {
  const words = filter.text.normalize('NFC').toLocaleLowerCase('vi').split(/\s+/).filter((word) => word !== '');
  return rows.filter(
    (row) =>
      (filter.status === null || row.thread.status === filter.status) &&
      (filter.organizationKey === null || row.organizationKey === filter.organizationKey) &&
      (filter.sectionId === null || row.sectionId === filter.sectionId) &&
      words.every((word) => row.haystack.includes(word)),
  );
}

/** The orders the desk offers. */
export const DESK_SORTS = ['document', 'organization', 'status', 'updated'] as const;
/** One order of the desk. */
export type DeskSort = (typeof DESK_SORTS)[number];

const collator = new Intl.Collator('vi');
const byDocument = (a: DeskRow, b: DeskRow): number =>
  a.thread.position.order - b.thread.position.order || a.thread.createdAt.localeCompare(b.thread.createdAt);
const COMPARE: Readonly<Record<DeskSort, (a: DeskRow, b: DeskRow) => number>> = {
  document: byDocument,
  organization: (a, b) => collator.compare(a.thread.organization?.name ?? '', b.thread.organization?.name ?? '') || byDocument(a, b),
  status: (a, b) => THREAD_STATUSES.indexOf(a.thread.status) - THREAD_STATUSES.indexOf(b.thread.status) || byDocument(a, b),
  updated: (a, b) => b.thread.updatedAt.localeCompare(a.thread.updatedAt) || byDocument(a, b),
};

/** The rows in `sort` order (a new array; ties fall back to document order). */
export function sortRows(rows: readonly DeskRow[], sort: DeskSort): DeskRow[] {
  return [...rows].sort(COMPARE[sort]);
}

/** Replaces (or adds) a thread's row, keeping the others; returns a new array. */
export function upsertRow(rows: readonly DeskRow[], row: DeskRow): DeskRow[] {
  const index = rows.findIndex((candidate) => candidate.thread.id === row.thread.id);
  if (index < 0) return [...rows, row];
  const next = [...rows];
  next[index] = row;
  return next;
}

/** The keys of the desk and what they do. */
export type DeskKeyAction =
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'decide'; status: ThreadStatus }
  | { kind: 'edit' }
  | { kind: 'save' }
  | { kind: 'cancel' }
  | { kind: 'toggleSelect' }
  | { kind: 'toggleHistory' }
  | { kind: 'search' };

/** Digit keys of the three decisions. */
const DECISION_KEYS: Readonly<Record<string, ThreadStatus>> = { '1': 'accepted', '2': 'partially_accepted', '3': 'not_accepted', '0': 'under_review' };

/**
 * What a key press means on the desk. While the explanation is being edited only Ctrl+Enter
 * (save) and Escape (cancel) are the desk's; other keys type.
 */
export function deskKeyAction(key: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, editing: boolean): DeskKeyAction | null {
  const mod = key.ctrlKey || key.metaKey;
  if (key.key === 'Enter' && mod) return { kind: 'save' };
  if (key.key === 'Escape') return { kind: 'cancel' };
  if (editing || mod || key.altKey) return null;
  switch (key.key) {
    case 'ArrowDown':
    case 'j':
      return { kind: 'move', by: 1 };
    case 'ArrowUp':
    case 'k':
      return { kind: 'move', by: -1 };
    case 'Enter':
      return { kind: 'edit' };
    case 'x':
      return { kind: 'toggleSelect' };
    case 'h':
      return { kind: 'toggleHistory' };
    case '/':
      return { kind: 'search' };
  }
  const status = Object.hasOwn(DECISION_KEYS, key.key) ? DECISION_KEYS[key.key] : undefined;
  return status === undefined ? null : { kind: 'decide', status };
}
