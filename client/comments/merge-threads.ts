import { parseThread, type PublicThread } from '../api/comment-records.ts';

/**
 * Keeping the sidebar's list current: live events and the answers of the person's own
 * actions are merged into it by thread id.
 */

/** Document order: by `position.order` (orphans last), then oldest first. Returns a new array. */
export function sortThreads(threads: readonly PublicThread[]): PublicThread[] {
  return [...threads].sort((a, b) => a.position.order - b.position.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * `threads` with `incoming` added, or replacing the thread of the same id, in document
 * order. A copy older than the one held (by `updatedAt`, e.g. an event that arrives after
 * the answer of a later action) is ignored. Returns a new array; the input is not changed.
 */
export function mergeThread(threads: readonly PublicThread[], incoming: PublicThread): PublicThread[] {
  const index = threads.findIndex((thread) => thread.id === incoming.id);
  if (index < 0) return sortThreads([...threads, incoming]);
  const held = threads[index];
  if (held !== undefined && held.updatedAt > incoming.updatedAt) return [...threads];
  const next = [...threads];
  next[index] = incoming;
  return sortThreads(next);
}

/** The thread carried by one `thread` event's data (JSON); null when it is malformed. */
export function parseThreadEvent(data: string): PublicThread | null {
  try {
    return parseThread(JSON.parse(data) as unknown);
  } catch {
    return null;
  }
}
