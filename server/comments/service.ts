import type { CommentStore } from '../storage/store.ts';
import { threadVersion, type ProposalRecord, type StatusChangeRecord, type SubmissionRecord, type ThreadRecord, type ThreadStatus, type UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { NEEDS_EXPLANATION } from './policy.ts';
import { checkVersion, touch } from './conflict.ts';

/** A new thread's content. */
export interface NewThread {
  documentId: string;
  organizationId: string | null;
  author: UserRecord;
  source: ThreadRecord['source'];
  body: string;
  anchor: ThreadRecord['anchor'];
  sectionBlockId: string | null;
  revisionId: string | null;
  submissionId?: string | null;
  meeting: ThreadRecord['meeting'];
  /** Replacement wording proposed for the passage ("đề nghị sửa thành"), if any. */
  proposal?: string | null;
  /** The consultation round it is made in, if any. */
  roundId?: string | null;
  /** A draft of the organisation's response to `roundId` (private to the organisation until sent). */
  draft?: boolean;
}

/** A new submission, with its items already turned into thread inputs. */
export interface NewSubmission {
  documentId: string;
  organizationId: string;
  author: UserRecord;
  revisionId: string | null;
  documentNumber: string;
  date: string;
  signer: string;
  noComments: boolean;
  attachment: SubmissionRecord['attachment'];
  /** The consultation round it answers, if any (checked by the caller). */
  roundId?: string | null;
  /** The earlier response of the organisation in the round that this one corrects (checked by the caller). */
  supersedes?: string | null;
  /** Drafts of the organisation in the round, sent with this response (they become its comments). */
  publish?: readonly ThreadRecord[];
  items: Array<Pick<NewThread, 'body' | 'anchor' | 'sectionBlockId' | 'proposal'>>;
}

/** What a `CommentService.change` callback returns when it found nothing to change. */
export const UNCHANGED = Symbol('unchanged');

/** Normalises user text: NFC, trimmed, line endings unified. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/**
 * Comment threads and official submissions. Every change is attributed and timestamped;
 * callers check permissions (policy.ts) before calling.
 */
export class CommentService {
  /** `now` is the clock of every timestamp written (the app passes its configured clock). */
  constructor(private readonly store: CommentStore, private readonly now: () => number = Date.now) {}

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  /** Threads of a document, oldest first. */
  async threadsOf(documentId: string): Promise<ThreadRecord[]> {
    return (await this.store.threads(documentId)).map(copyThread);
  }

  /** One thread of a document; throws `ERR_THREAD_NOT_FOUND`. */
  async thread(documentId: string, threadId: string): Promise<ThreadRecord> {
    const found = await this.store.thread(documentId, threadId);
    if (!found) throw new Errors.ThreadNotFound();
    return copyThread(found);
  }

  /** Starts a thread. */
  async createThread(input: NewThread): Promise<ThreadRecord> {
    const thread = buildThread(input, this.stamp());
    await this.store.save(input.documentId, { threads: [thread] });
    return copyThread(thread);
  }

  /**
   * Changes a stored thread atomically: `change` gets the current row (or throws
   * `ERR_THREAD_NOT_FOUND`), which must still be at `expectedVersion` when one is given
   * (else `ERR_THREAD_VERSION_CONFLICT`, carrying the current thread); the result gets the
   * next version. `change` runs synchronously inside the document's update queue, so it may
   * also change something else that must happen exactly once per version (the live draft).
   * A `change` that finds nothing to do returns `UNCHANGED`: the thread keeps its version.
   */
  async change(
    documentId: string,
    threadId: string,
    expectedVersion: number | undefined,
    change: (thread: ThreadRecord, now: string) => void | typeof UNCHANGED,
  ): Promise<ThreadRecord> {
    const updated = await this.store.updateThread(documentId, threadId, (thread) => {
      if (!thread) throw new Errors.ThreadNotFound();
      checkVersion(thread, expectedVersion);
      const now = this.stamp();
      if (change(thread, now) !== UNCHANGED) touch(thread, now);
      return thread;
    });
    return copyThread(updated);
  }

  /** Adds a reply. */
  async reply(documentId: string, threadId: string, author: UserRecord, body: string): Promise<ThreadRecord> {
    return this.change(documentId, threadId, undefined, (thread, now) => {
      thread.comments.push({ id: newId(), authorId: author.id, body: cleanText(body), createdAt: now });
    });
  }

  /**
   * Sets (or, with null, removes) the wording proposed for the thread's passage. Refused once
   * applied to the draft (`ERR_PROPOSAL_NOT_APPLICABLE`): revert it first.
   */
  async propose(documentId: string, threadId: string, by: UserRecord, text: string | null, expectedVersion?: number): Promise<ThreadRecord> {
    return this.change(documentId, threadId, expectedVersion, (thread, now) => {
      if (thread.proposal?.appliedAt) throw new Errors.ProposalNotApplicable('it is already applied to the draft');
      const clean = text === null ? '' : text.normalize('NFC').replace(/\r\n?/g, '\n');
      thread.proposal = clean.trim() === '' ? null : proposalRecord(clean, by.id, now);
    });
  }

  /**
   * Moves a thread to `status`, keeping who and when in its history. `partially_accepted`
   * and `not_accepted` need an explanation (`ERR_EXPLANATION_REQUIRED`); a withdrawn thread
   * changes no more (`ERR_INVALID_TRANSITION`). With `expectedVersion`, a thread changed
   * since is left alone (`ERR_THREAD_VERSION_CONFLICT`).
   */
  async setStatus(
    documentId: string,
    threadId: string,
    by: UserRecord,
    status: ThreadStatus,
    explanation: string | null,
    expectedVersion?: number,
  ): Promise<ThreadRecord> {
    const text = explanation === null ? null : cleanText(explanation) || null;
    if (NEEDS_EXPLANATION.has(status) && text === null) throw new Errors.ExplanationRequired();
    return this.change(documentId, threadId, expectedVersion, (thread, now) => {
      if (thread.status === 'withdrawn') throw new Errors.InvalidTransition();
      const change: StatusChangeRecord = { status, explanation: text, by: by.id, at: now };
      thread.history.push(change);
      thread.status = status;
      if (status !== 'withdrawn' && status !== 'open' && status !== 'under_review') {
        thread.explanation = text;
        thread.decidedBy = by.id;
        thread.decidedAt = now;
      }
    });
  }

  /** Submissions of a document, newest first. */
  async submissionsOf(documentId: string): Promise<SubmissionRecord[]> {
    return (await this.store.submissions(documentId))
      .map((s) => ({ ...s, threadIds: [...s.threadIds] }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** One submission; throws `ERR_SUBMISSION_NOT_FOUND`. */
  async submission(documentId: string, submissionId: string): Promise<SubmissionRecord> {
    const found = (await this.submissionsOf(documentId)).find((submission) => submission.id === submissionId);
    if (!found) throw new Errors.SubmissionNotFound();
    return found;
  }

  /**
   * Files a submission: its record, one `written` thread per item and the drafts it publishes
   * (no longer drafts, stamped with the submission), in one atomic write. `threads` answers the
   * new items and the published drafts.
   */
  async file(input: NewSubmission): Promise<{ submission: SubmissionRecord; threads: ThreadRecord[] }> {
    const now = this.stamp();
    const submissionId = newId();
    const published = (input.publish ?? []).map((draft): ThreadRecord => ({
      ...copyThread(draft),
      draft: false,
      submissionId,
      updatedAt: now,
      version: threadVersion(draft) + 1,
    }));
    const threads: ThreadRecord[] = input.noComments
      ? []
      : input.items.map((item) =>
          buildThread(
            {
              documentId: input.documentId,
              organizationId: input.organizationId,
              author: input.author,
              source: 'written',
              body: item.body,
              anchor: item.anchor,
              sectionBlockId: item.sectionBlockId,
              revisionId: input.revisionId,
              submissionId,
              meeting: null,
              proposal: item.proposal ?? null,
              roundId: input.roundId ?? null,
            },
            now,
          ),
        );
    threads.push(...published);
    const submission: SubmissionRecord = {
      id: submissionId,
      documentId: input.documentId,
      organizationId: input.organizationId,
      revisionId: input.revisionId,
      documentNumber: cleanText(input.documentNumber),
      date: input.date,
      signer: cleanText(input.signer),
      noComments: input.noComments,
      attachment: input.attachment,
      threadIds: threads.map((thread) => thread.id),
      roundId: input.roundId ?? null,
      supersedes: input.supersedes ?? null,
      createdBy: input.author.id,
      createdAt: now,
    };
    await this.store.save(input.documentId, { threads, submissions: [submission] });
    return { submission, threads: threads.map(copyThread) };
  }
}

/** A thread record from its input, open, with the body as its first comment. */
function buildThread(input: NewThread, now: string): ThreadRecord {
  return {
    id: newId(),
    documentId: input.documentId,
    organizationId: input.organizationId,
    authorId: input.author.id,
    source: input.source,
    anchor: input.anchor && { ...input.anchor, quote: input.anchor.quote.normalize('NFC') },
    sectionBlockId: input.sectionBlockId,
    revisionId: input.revisionId,
    submissionId: input.submissionId ?? null,
    meeting: input.meeting && { name: cleanText(input.meeting.name), date: input.meeting.date },
    status: 'open',
    explanation: null,
    decidedBy: null,
    decidedAt: null,
    history: [{ status: 'open', explanation: null, by: input.author.id, at: now }],
    comments: [{ id: newId(), authorId: input.author.id, body: cleanText(input.body), createdAt: now }],
    createdAt: now,
    updatedAt: now,
    version: 1,
    proposal: input.proposal ? proposalRecord(input.proposal.normalize('NFC').replace(/\r\n?/g, '\n'), input.author.id, now) : null,
    roundId: input.roundId ?? null,
    draft: input.draft === true,
  };
}

/** A proposal not yet applied. */
function proposalRecord(text: string, by: string, now: string): ProposalRecord {
  return { text, proposedBy: by, proposedAt: now, appliedAt: null, appliedBy: null, replacedText: null };
}

/** A deep-enough copy, so callers never hold live rows. */
function copyThread(thread: ThreadRecord): ThreadRecord {
  return {
    ...thread,
    anchor: thread.anchor && { ...thread.anchor },
    meeting: thread.meeting && { ...thread.meeting },
    proposal: thread.proposal ? { ...thread.proposal } : null,
    history: thread.history.map((change) => ({ ...change, ...(change.setAside ? { setAside: { ...change.setAside } } : {}) })),
    setAside: thread.setAside ? { ...thread.setAside } : null,
    ...(thread.anchorHistory ? { anchorHistory: thread.anchorHistory.map((change) => ({ ...change })) } : {}),
    comments: thread.comments.map((comment) => ({ ...comment })),
  };
}
