import type * as Y from 'yjs';
import { Errors } from '../errors.ts';
import type { AnchorChangeRecord, ThreadRecord, UserRecord } from '../storage/records.ts';
import { passageAt } from './anchors.ts';
import { threadPosition } from './present.ts';
import type { ThreadAnchor } from './schemas.ts';
import type { CommentService } from './service.ts';

/** What re-attaching a thread changes. */
export interface Reattachment {
  documentId: string;
  threadId: string;
  by: UserRecord;
  /** The new passage, as the editor captured the selection. */
  anchor: ThreadAnchor;
  /** The live document the anchor is checked against. */
  doc: Y.Doc;
  /** The thread version the secretariat saw, if it said (see `CommentService.change`). */
  expectedVersion?: number;
}

/**
 * Throws `ERR_ANCHOR_MISMATCH` unless `anchor` describes a passage of `doc` exactly: both
 * relative positions resolve, the text between them is the quote (NFC), and the block id,
 * when given, is that of an element around the passage's start.
 */
export function checkAnchor(doc: Y.Doc, anchor: ThreadAnchor): void {
  const passage = passageAt(doc, anchor);
  if (passage === null || passage.position.text !== anchor.quote.normalize('NFC')) throw new Errors.AnchorMismatch();
  if (anchor.blockId !== null && !passage.enclosingIds.includes(anchor.blockId)) throw new Errors.AnchorMismatch();
}

/**
 * Ties an orphaned thread to a new passage of the live draft and records who did it, when,
 * and the quote before and after in the thread's `anchorHistory`. Refuses a passage that is
 * not in the draft as sent (`ERR_ANCHOR_MISMATCH`), a thread that is not orphaned now
 * (`ERR_THREAD_NOT_ORPHANED`: its words are still in the draft, so nobody may move the
 * comment off them, and of two simultaneous re-attachments the second is refused) and a
 * withdrawn one (`ERR_INVALID_TRANSITION`). A thread tied to a section whose heading is gone
 * becomes tied to the passage; the thread gets its next version, and one changed since
 * `expectedVersion` is refused (`ERR_THREAD_VERSION_CONFLICT`). The caller checks the role
 * (secretariat).
 */
export async function reattachThread(comments: CommentService, input: Reattachment): Promise<{ thread: ThreadRecord; change: AnchorChangeRecord }> {
  const thread = await comments.change(input.documentId, input.threadId, input.expectedVersion, (current, now) => {
    checkAnchor(input.doc, input.anchor);
    if (current.status === 'withdrawn') throw new Errors.InvalidTransition();
    // Checked inside the serialised update, against the live document, so two secretaries
    // re-attaching at once cannot both succeed.
    if (threadPosition(current, input.doc).status !== 'orphaned') throw new Errors.ThreadNotOrphaned();
    const toQuote = input.anchor.quote.normalize('NFC');
    const change: AnchorChangeRecord = { by: input.by.id, at: now, fromQuote: current.anchor?.quote ?? null, toQuote };
    current.anchor = { start: input.anchor.start, end: input.anchor.end, quote: toQuote, blockId: input.anchor.blockId };
    current.anchorHistory = [...(current.anchorHistory ?? []), change];
  });
  const change = thread.anchorHistory?.at(-1);
  if (change === undefined) throw new Errors.Internal();
  return { thread, change: { ...change } };
}
