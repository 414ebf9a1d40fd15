import type { ThreadStatus } from '../api/comment-records.ts';
import { conflictCurrent, decideThread, type ReviewThread } from '../api/review-endpoints.ts';

/** How one save ended: saved, refused because someone else changed the thread first, or failed. */
export type SaveOutcome =
  | { kind: 'saved'; thread: ReviewThread }
  | { kind: 'conflict'; current: ReviewThread }
  | { kind: 'failed'; error: unknown };

/** Runs `save` and sorts its outcome, so the desk treats a version conflict as data, not as a failure. */
export async function outcomeOf(save: () => Promise<ReviewThread>): Promise<SaveOutcome> {
  try {
    return { kind: 'saved', thread: await save() };
  } catch (error) {
    const current = conflictCurrent(error);
    return current ? { kind: 'conflict', current } : { kind: 'failed', error };
  }
}

/** One row of a bulk decision: the thread and the version the person saw. */
export interface BulkTarget {
  threadId: string;
  version: number;
  /** Used when the bulk explanation is empty. */
  explanation: string;
}

/**
 * Applies the same decision to many threads, each sent with its own `expectedVersion`, a few
 * at a time (the server serialises per document anyway). Calls `done` as each one ends; a
 * conflict on one row never stops the others.
 */
export async function decideMany(
  documentId: string,
  targets: readonly BulkTarget[],
  status: ThreadStatus,
  explanation: string,
  done: (threadId: string, outcome: SaveOutcome) => void,
): Promise<void> {
  const queue = [...targets];
  const worker = async (): Promise<void> => {
    for (let target = queue.shift(); target !== undefined; target = queue.shift()) {
      const { threadId, version } = target;
      const text = explanation !== '' ? explanation : target.explanation;
      done(threadId, await outcomeOf(() => decideThread(documentId, threadId, status, text, version)));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}
