import type { SetAsideRecord, ThreadRecord, UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { cleanText, UNCHANGED, type CommentService } from './service.ts';

/** What the secretariat says when it sets a thread aside. */
export interface SetAsideInput {
  reason: SetAsideRecord['reason'];
  duplicateOf: string | null;
  note: string;
}

/**
 * Checks a set-aside before anything is written: a `duplicate` names another thread of the
 * same document (`ERR_VALIDATION` otherwise, `ERR_THREAD_NOT_FOUND` when it does not exist),
 * the other reasons name none, and `other` needs a note. Returns the input with the note
 * normalised (NFC, trimmed).
 */
export async function checkSetAside(comments: CommentService, documentId: string, threadId: string, input: SetAsideInput): Promise<SetAsideInput> {
  const note = cleanText(input.note);
  if (input.reason === 'duplicate') {
    if (input.duplicateOf === null) throw new Errors.Validation('a duplicate names the thread it repeats (duplicateOf)');
    if (input.duplicateOf === threadId) throw new Errors.Validation('a thread cannot duplicate itself');
    await comments.thread(documentId, input.duplicateOf);
  } else if (input.duplicateOf !== null) {
    throw new Errors.Validation('duplicateOf is only for reason "duplicate"');
  }
  if (input.reason === 'other' && note === '') throw new Errors.Validation('say why in a note (reason "other")');
  return { ...input, note };
}

/**
 * Leaves a thread out of the synthesis table (or changes why), keeping its status, and
 * records it in the thread's history; the thread gets its next version, and with
 * `expectedVersion` a thread changed since is left alone (`ERR_THREAD_VERSION_CONFLICT`).
 * The thread stays in the workspace with the mark. `checkSetAside` first.
 */
export function setThreadAside(
  comments: CommentService,
  documentId: string,
  threadId: string,
  by: UserRecord,
  input: SetAsideInput,
  expectedVersion?: number,
): Promise<ThreadRecord> {
  return comments.change(documentId, threadId, expectedVersion, (thread, now) => {
    const details = { reason: input.reason, duplicateOf: input.duplicateOf, note: input.note };
    thread.setAside = { ...details, by: by.id, at: now };
    thread.history.push({ status: thread.status, explanation: thread.explanation, by: by.id, at: now, event: 'set_aside', setAside: details });
  });
}

/**
 * Takes a set-aside thread back into the synthesis table, recorded in its history (next
 * version). Returns the thread and whether anything changed: a thread not set aside is left
 * as it is, version included.
 */
export async function undoSetAside(comments: CommentService, documentId: string, threadId: string, by: UserRecord): Promise<{ thread: ThreadRecord; changed: boolean }> {
  const before = await comments.thread(documentId, threadId);
  // Nothing to undo: answer without writing.
  if (!before.setAside) return { thread: before, changed: false };
  let changed = false;
  const thread = await comments.change(documentId, threadId, undefined, (current, now) => {
    if (!current.setAside) return UNCHANGED;
    changed = true;
    current.setAside = null;
    current.history.push({ status: current.status, explanation: current.explanation, by: by.id, at: now, event: 'set_aside_undone' });
  });
  return { thread, changed };
}
