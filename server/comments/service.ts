import type { CommentStore } from '../storage/store.ts';
import type { StatusChangeRecord, SubmissionRecord, ThreadRecord, ThreadStatus, UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { NEEDS_EXPLANATION } from './policy.ts';

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
  items: Array<Pick<NewThread, 'body' | 'anchor' | 'sectionBlockId'>>;
}

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

  /** Adds a reply. */
  async reply(documentId: string, threadId: string, author: UserRecord, body: string): Promise<ThreadRecord> {
    const updated = await this.store.updateThread(documentId, threadId, (thread) => {
      if (!thread) throw new Errors.ThreadNotFound();
      const now = this.stamp();
      thread.comments.push({ id: newId(), authorId: author.id, body: cleanText(body), createdAt: now });
      thread.updatedAt = now;
      return thread;
    });
    return copyThread(updated);
  }

  /**
   * Moves a thread to `status`, keeping who and when in its history. `partially_accepted`
   * and `not_accepted` need an explanation (`ERR_EXPLANATION_REQUIRED`); a withdrawn thread
   * changes no more (`ERR_INVALID_TRANSITION`).
   */
  async setStatus(documentId: string, threadId: string, by: UserRecord, status: ThreadStatus, explanation: string | null): Promise<ThreadRecord> {
    const text = explanation === null ? null : cleanText(explanation) || null;
    if (NEEDS_EXPLANATION.has(status) && text === null) throw new Errors.ExplanationRequired();
    const updated = await this.store.updateThread(documentId, threadId, (thread) => {
      if (!thread) throw new Errors.ThreadNotFound();
      if (thread.status === 'withdrawn') throw new Errors.InvalidTransition();
      const now = this.stamp();
      const change: StatusChangeRecord = { status, explanation: text, by: by.id, at: now };
      thread.history.push(change);
      thread.status = status;
      if (status !== 'withdrawn' && status !== 'open' && status !== 'under_review') {
        thread.explanation = text;
        thread.decidedBy = by.id;
        thread.decidedAt = now;
      }
      thread.updatedAt = now;
      return thread;
    });
    return copyThread(updated);
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

  /** Files a submission: its record and one `written` thread per item, in one atomic write. */
  async file(input: NewSubmission): Promise<{ submission: SubmissionRecord; threads: ThreadRecord[] }> {
    const now = this.stamp();
    const submissionId = newId();
    const threads = input.noComments
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
            },
            now,
          ),
        );
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
  };
}

/** A deep-enough copy, so callers never hold live rows. */
function copyThread(thread: ThreadRecord): ThreadRecord {
  return {
    ...thread,
    anchor: thread.anchor && { ...thread.anchor },
    meeting: thread.meeting && { ...thread.meeting },
    history: thread.history.map((change) => ({ ...change })),
    comments: thread.comments.map((comment) => ({ ...comment })),
  };
}
