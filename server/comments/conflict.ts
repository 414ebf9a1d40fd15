import { Errors } from '../errors.ts';
import { threadVersion, type ThreadRecord } from '../storage/records.ts';

/** The thread as stored when a change based on an older version was refused. */
const CURRENT = Symbol('current thread');

/** A version conflict error that carries the thread as it is now. */
type ConflictError = InstanceType<typeof Errors.ThreadVersionConflict> & { [CURRENT]: ThreadRecord };

/**
 * Refuses a change based on a stale version: throws `ERR_THREAD_VERSION_CONFLICT` (409),
 * carrying `thread` (read with `conflictingThread`) so the route can show the other person's
 * change. `expected` undefined means the caller did not say which version it saw: the change
 * goes through, as before versions existed.
 */
export function checkVersion(thread: ThreadRecord, expected: number | undefined): void {
  if (expected === undefined || expected === threadVersion(thread)) return;
  throw Object.assign(new Errors.ThreadVersionConflict(), { [CURRENT]: thread }) as ConflictError;
}

/** The current thread of a version conflict error, or null for any other error. */
export function conflictingThread(error: unknown): ThreadRecord | null {
  return typeof error === 'object' && error !== null && CURRENT in error ? (error as ConflictError)[CURRENT] : null;
}

/** Marks `thread` as changed: one more version, and the time of the change. */
export function touch(thread: ThreadRecord, now: string): void {
  thread.version = threadVersion(thread) + 1;
  thread.updatedAt = now;
}
