import { apiRequest } from './http.ts';
import {
  parseSubmission,
  parseThread,
  parseThreadList,
  parseVisibility,
  type CommentVisibility,
  type PublicThread,
  type Submission,
  type ThreadAnchor,
  type ThreadList,
  type ThreadStatus,
} from './comment-records.ts';
import { parseList } from './records.ts';

/** Typed calls of the comment routes; each resolves with narrowed data. */

function documentBase(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}`;
}

function threadBase(documentId: string, threadId: string): string {
  return `${documentBase(documentId)}/threads/${encodeURIComponent(threadId)}`;
}

/** Why the secretariat leaves a thread out of the synthesis table. */
export type SetAsideReason = NonNullable<PublicThread['setAside']>['reason'];

/**
 * Leaves a thread out of the synthesis table (secretariat); a duplicate names the thread it
 * repeats. With `expectedVersion`, a thread changed since is refused with 409
 * `ERR_THREAD_VERSION_CONFLICT` (see `conflictCurrent`).
 */
export function setThreadAside(
  documentId: string,
  threadId: string,
  body: { reason: SetAsideReason; duplicateOf?: string; note?: string; expectedVersion?: number },
): Promise<PublicThread> {
  return apiRequest(`${threadBase(documentId, threadId)}/set-aside`, parseThread, { method: 'PUT', body });
}

/** Takes a set-aside thread back into the synthesis table (secretariat). */
export function undoThreadSetAside(documentId: string, threadId: string): Promise<PublicThread> {
  return apiRequest(`${threadBase(documentId, threadId)}/set-aside`, parseThread, { method: 'DELETE' });
}

/** What a new thread is tied to and, for the secretariat, whose oral comment it records. */
export interface NewThread {
  body: string;
  /** The passage; a thread needs this or `sectionBlockId`. */
  anchor?: ThreadAnchor;
  sectionBlockId?: string;
  revisionId?: string;
  /** Secretariat only: the organisation an oral comment comes from. */
  organizationId?: string;
  /** Secretariat only: the meeting where it was said (`date` as YYYY-MM-DD). */
  meeting?: { name: string; date: string };
  /** Wording proposed in place of the passage (needs `anchor`; one line). */
  proposal?: string;
}

/** One item of a written submission: a comment on a passage or on a section. */
export interface SubmissionItem {
  body: string;
  anchor?: ThreadAnchor;
  sectionBlockId?: string;
}

/** The accepted attachment types: PDF and DOCX. */
export type AttachmentType = 'application/pdf' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** An official written submission (công văn) as sent. `noComments` submissions have no items. */
export interface NewSubmission {
  revisionId?: string;
  documentNumber: string;
  /** YYYY-MM-DD. */
  date: string;
  signer: string;
  noComments: boolean;
  attachment?: { fileName: string; contentType: AttachmentType; dataBase64: string };
  items: SubmissionItem[];
  /** The consultation round answered (its drafts are sent with it). */
  roundId?: string;
  /** In a round already answered: the response in force that this one corrects. */
  supersedes?: string;
}

/**
 * Every thread the user may see, in document order, with counts per organisation and status;
 * with `revisionId`, only the threads filed against that revision.
 */
export function listThreads(documentId: string, revisionId?: string): Promise<ThreadList> {
  const query = revisionId === undefined ? '' : `?revisionId=${encodeURIComponent(revisionId)}`;
  return apiRequest(`${documentBase(documentId)}/threads${query}`, parseThreadList);
}

/** Starts a thread; resolves with it as presented against the live document. */
export function createThread(documentId: string, thread: NewThread): Promise<PublicThread> {
  return apiRequest(`${documentBase(documentId)}/threads`, parseThread, { method: 'POST', body: thread });
}

/** Adds a reply; resolves with the whole thread. */
export function replyToThread(documentId: string, threadId: string, body: string): Promise<PublicThread> {
  return apiRequest(`${threadBase(documentId, threadId)}/comments`, parseThread, { method: 'POST', body: { body } });
}

/**
 * Moves a thread to `status`. The server requires an explanation for partially and not
 * accepted (`ERR_EXPLANATION_REQUIRED`); an empty explanation is left out. `expectedVersion`
 * is the thread version the person saw: if someone changed it since, the server refuses
 * with 409 `ERR_THREAD_VERSION_CONFLICT` instead of overwriting.
 */
export function setThreadStatus(documentId: string, threadId: string, status: ThreadStatus, explanation: string, expectedVersion?: number): Promise<PublicThread> {
  const versioned = expectedVersion === undefined ? { status } : { status, expectedVersion };
  const body = explanation === '' ? versioned : { ...versioned, explanation };
  return apiRequest(`${threadBase(documentId, threadId)}/status`, parseThread, { method: 'POST', body });
}

/** Sets who sees other organisations' comments (secretariat only). */
export function setCommentVisibility(documentId: string, visibility: CommentVisibility): Promise<CommentVisibility> {
  return apiRequest(`${documentBase(documentId)}/comment-settings`, (body) => parseVisibility((body as { visibility?: unknown } | undefined)?.visibility), {
    method: 'PUT',
    body: { visibility },
  });
}

/** The submissions the user may see, newest first as the server lists them. */
export function listSubmissions(documentId: string): Promise<Submission[]> {
  return apiRequest(`${documentBase(documentId)}/submissions`, (body) => parseList(body, parseSubmission));
}

/** Files a written submission; each item becomes a thread. */
export function createSubmission(documentId: string, submission: NewSubmission): Promise<Submission> {
  return apiRequest(`${documentBase(documentId)}/submissions`, parseSubmission, { method: 'POST', body: submission });
}

/** URL of a submission's attachment (the session cookie authenticates it). */
export function attachmentUrl(documentId: string, submissionId: string): string {
  return `${documentBase(documentId)}/submissions/${encodeURIComponent(submissionId)}/attachment`;
}

/** URL of the synthesis table download, Word or CSV (secretariat and editors). */
export function synthesisUrl(documentId: string, format: 'docx' | 'csv'): string {
  return `${documentBase(documentId)}/synthesis.${format}`;
}

/** URL of the document's live thread events (Server-Sent Events). */
export function threadEventsUrl(documentId: string): string {
  return `${documentBase(documentId)}/threads/events`;
}

/**
 * Re-attaches an orphaned thread to `anchor`, a passage of the live draft (secretariat only);
 * resolves with the thread, its `anchorHistory` holding the change. Refused with
 * `ERR_THREAD_NOT_ORPHANED` when its passage is still there, `ERR_ANCHOR_MISMATCH` when the
 * selection no longer matches the draft.
 */
export function reattachThread(documentId: string, threadId: string, anchor: ThreadAnchor): Promise<PublicThread> {
  return apiRequest(`${threadBase(documentId, threadId)}/anchor`, parseThread, { method: 'PUT', body: { anchor } });
}
