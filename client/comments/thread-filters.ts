import { THREAD_STATUSES, type PublicThread, type ThreadStatus } from '../api/comment-records.ts';

/** The organisation key of threads filed by nobody's organisation (the drafting group's own), as the server counts them. */
export const DRAFTING_GROUP = 'drafting_group';

/** The sidebar's filters; null means "all". */
export interface ThreadFilter {
  /** An organisation id or `DRAFTING_GROUP`. */
  organizationId: string | null;
  status: ThreadStatus | null;
  sectionId: string | null;
}

/** No filter at all. */
export const NO_FILTER: ThreadFilter = { organizationId: null, status: null, sectionId: null };

/** Thread counts per organisation key and per status. */
export interface ThreadCounts {
  byOrganization: Record<string, number>;
  byStatus: Record<ThreadStatus, number>;
}

/** An organisation the threads come from, with how many. */
export interface OrganizationOption {
  /** Organisation id, or `DRAFTING_GROUP`. */
  id: string;
  /** Its name; empty for the drafting group (the UI translates that one). */
  name: string;
  count: number;
}

/** A section that has threads, with its current number and title. */
export interface SectionOption {
  id: string;
  number: string;
  title: string;
  count: number;
}

/** The organisation key of a thread: its organisation's id, or `DRAFTING_GROUP`. */
export function organizationKey(thread: PublicThread): string {
  return thread.organization?.id ?? DRAFTING_GROUP;
}

/** The threads that pass every filter, in the order given. */
export function filterThreads(threads: readonly PublicThread[], filter: ThreadFilter): PublicThread[] {
  return threads.filter(
    (thread) =>
      (filter.organizationId === null || organizationKey(thread) === filter.organizationId) &&
      (filter.status === null || thread.status === filter.status) &&
      (filter.sectionId === null || thread.position.sectionId === filter.sectionId),
  );
}

/** Counts over all `threads` (before filtering, as the server's counts): every status is present, zero included. */
export function countThreads(threads: readonly PublicThread[]): ThreadCounts {
  const byOrganization: Record<string, number> = {};
  const byStatus = Object.fromEntries(THREAD_STATUSES.map((status) => [status, 0])) as Record<ThreadStatus, number>;
  for (const thread of threads) {
    const key = organizationKey(thread);
    byOrganization[key] = (byOrganization[key] ?? 0) + 1;
    byStatus[thread.status] += 1;
  }
  return { byOrganization, byStatus };
}

/** The organisations `threads` come from, the drafting group first, then by Vietnamese name. */
export function organizationOptions(threads: readonly PublicThread[]): OrganizationOption[] {
  const options = new Map<string, OrganizationOption>();
  for (const thread of threads) {
    const id = organizationKey(thread);
    const option = options.get(id) ?? { id, name: thread.organization?.name ?? '', count: 0 };
    option.count += 1;
    options.set(id, option);
  }
  const collator = new Intl.Collator('vi');
  return [...options.values()].sort((a, b) => {
    if (a.id === DRAFTING_GROUP || b.id === DRAFTING_GROUP) return a.id === DRAFTING_GROUP ? -1 : 1;
    return collator.compare(a.name, b.name);
  });
}

/** The sections `threads` are in now, in document order; threads without a section are left out. */
export function sectionOptions(threads: readonly PublicThread[]): SectionOption[] {
  const options = new Map<string, SectionOption & { order: number }>();
  for (const thread of threads) {
    const { sectionId, sectionNumber, sectionTitle, order } = thread.position;
    if (sectionId === null) continue;
    const option = options.get(sectionId) ?? { id: sectionId, number: sectionNumber ?? '', title: sectionTitle ?? '', count: 0, order };
    option.count += 1;
    option.order = Math.min(option.order, order);
    options.set(sectionId, option);
  }
  return [...options.values()].sort((a, b) => a.order - b.order).map(({ id, number, title, count }) => ({ id, number, title, count }));
}
