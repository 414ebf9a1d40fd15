import * as Y from 'yjs';
import type { TransactionOrigin } from '../collab/origins.ts';
import { Errors } from '../errors.ts';
import type { ThreadRecord, UserRecord } from '../storage/records.ts';
import { replacePassage } from './passage-edit.ts';
import type { CommentService } from './service.ts';

/** The origin of a proposal applied to (or reverted from) the live draft by the server. */
const PROPOSAL_ORIGIN: TransactionOrigin = { source: 'server', reason: 'proposal' };

/** What applying a proposal needs besides the thread: the live document and who wrote what. */
export interface ProposalDeps {
  comments: CommentService;
  /** The live shared document (already loaded). */
  doc: Y.Doc;
  /** Records that the fresh Yjs client id of `update` belongs to `userId` (authorship store). */
  noteAuthor(update: Uint8Array, userId: string): void;
}

/** Decisions after which proposed wording may go into the draft. */
const APPLICABLE = new Set<ThreadRecord['status']>(['accepted', 'partially_accepted']);

/**
 * Puts a thread's proposed wording into the live draft in place of its passage, as one Yjs
 * update attributed to `by` (a fresh client id recorded as theirs), which every open editor
 * receives as one change. The thread's anchor then surrounds the new words; its proposal
 * keeps the replaced text, and its history an entry `proposal_applied`. All of it happens in
 * the thread's update queue, so two people applying at once change the draft only once.
 * Refused (`ERR_PROPOSAL_NOT_APPLICABLE`) without a proposal or passage, before acceptance,
 * once applied, or when the passage is gone; `expectedVersion` as for decisions.
 */
export function applyProposal(deps: ProposalDeps, documentId: string, threadId: string, by: UserRecord, expectedVersion?: number): Promise<ThreadRecord> {
  return deps.comments.change(documentId, threadId, expectedVersion, (thread, now) => {
    const proposal = thread.proposal;
    if (!proposal) throw new Errors.ProposalNotApplicable('the comment proposes no wording');
    if (proposal.appliedAt !== null) throw new Errors.ProposalNotApplicable('it is already applied to the draft');
    if (!APPLICABLE.has(thread.status)) throw new Errors.ProposalNotApplicable('accept the comment (fully or partially) first');
    if (!thread.anchor) throw new Errors.ProposalNotApplicable('the comment is not tied to a passage');
    const edit = replacePassage(deps.doc, thread.anchor, proposal.text, null);
    commit(deps, edit.update, by);
    thread.proposal = { ...proposal, appliedAt: now, appliedBy: by.id, replacedText: edit.replaced };
    thread.anchor = edit.anchor;
    thread.history.push({ status: thread.status, explanation: thread.explanation, by: by.id, at: now, event: 'proposal_applied' });
  });
}

/**
 * Takes an applied proposal back out of the draft: the passage, if it still reads exactly as
 * the proposal, becomes the text it replaced, again as one attributed update; the proposal is
 * then unapplied (it can be applied again) and the history gets `proposal_reverted`. A passage
 * edited since is left alone (`ERR_PROPOSAL_NOT_APPLICABLE`): people's later work wins.
 */
export function revertProposal(deps: ProposalDeps, documentId: string, threadId: string, by: UserRecord, expectedVersion?: number): Promise<ThreadRecord> {
  return deps.comments.change(documentId, threadId, expectedVersion, (thread, now) => {
    const proposal = thread.proposal;
    if (!proposal || proposal.appliedAt === null || proposal.replacedText === null || !thread.anchor) {
      throw new Errors.ProposalNotApplicable('no proposed wording of this comment is applied');
    }
    const edit = replacePassage(deps.doc, thread.anchor, proposal.replacedText, proposal.text.normalize('NFC'));
    commit(deps, edit.update, by);
    thread.proposal = { ...proposal, appliedAt: null, appliedBy: null, replacedText: null };
    thread.anchor = edit.anchor;
    thread.history.push({ status: thread.status, explanation: thread.explanation, by: by.id, at: now, event: 'proposal_reverted' });
  });
}

/** Applies `update` to the live draft (stored and broadcast by its hooks) and names its author. */
function commit(deps: ProposalDeps, update: Uint8Array, by: UserRecord): void {
  Y.applyUpdate(deps.doc, update, { ...PROPOSAL_ORIGIN, userId: by.id });
  deps.noteAuthor(update, by.id);
}
