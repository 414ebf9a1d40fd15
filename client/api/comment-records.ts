import { isRecord, nullableString, object, string, stringArray } from './narrow.ts';
import { parseList } from './records.ts';

/**
 * Comment threads and official submissions as `/api/documents/:id/threads` and
 * `/api/documents/:id/submissions` present them, and guards that narrow untrusted JSON to
 * them. Every parser throws `TypeError` on a malformed value.
 */

/** Where a thread stands: `open` is new; the secretariat decides the middle four; a ministry may withdraw. */
export type ThreadStatus = 'open' | 'under_review' | 'accepted' | 'partially_accepted' | 'not_accepted' | 'withdrawn';

/** Every status, in the order filters and badges list them. */
export const THREAD_STATUSES: readonly ThreadStatus[] = ['open', 'under_review', 'accepted', 'partially_accepted', 'not_accepted', 'withdrawn'];

/** Who may see the comments of other organisations. */
export type CommentVisibility = 'own_organization' | 'all_participants';

/** How a comment reached the committee: typed on a passage, filed in a công văn, or said at a meeting. */
export type ThreadSource = 'inline' | 'written' | 'oral';

/** A person as the comment API shows them. */
export interface Person {
  id: string;
  displayName: string;
}

/** A passage: base64 Yjs relative positions, the selected text and the starting block's id. */
export interface ThreadAnchor {
  start: string;
  end: string;
  quote: string;
  blockId: string | null;
}

/** Where the server resolved a thread's passage in the live document. */
export interface ThreadPosition {
  /** `orphaned` when the passage was deleted; `text` is then the original quote. */
  status: 'active' | 'orphaned';
  text: string;
  blockId: string | null;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionTitle: string | null;
  /** Document order key; orphans sort last. */
  order: number;
}

/** One comment of a thread; the first is the thread's own comment, the rest are replies. */
export interface ThreadComment {
  id: string;
  author: Person;
  body: string;
  createdAt: string;
}

/** A comment thread, with its decision and replies. */
export interface PublicThread {
  id: string;
  organization: { id: string; name: string; shortName: string } | null;
  author: Person;
  source: ThreadSource;
  anchor: ThreadAnchor | null;
  sectionBlockId: string | null;
  position: ThreadPosition;
  revisionId: string | null;
  submissionId: string | null;
  meeting: { name: string; date: string } | null;
  status: ThreadStatus;
  explanation: string | null;
  decidedBy: Person | null;
  decidedAt: string | null;
  comments: ThreadComment[];
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/documents/:id/threads`: the visible threads in document order, and counts over all of them. */
export interface ThreadList {
  visibility: CommentVisibility;
  threads: PublicThread[];
  counts: { byOrganization: Record<string, number>; byStatus: Record<string, number> };
}

/** An official written submission (công văn), or a "no comments" answer. */
export interface Submission {
  id: string;
  organization: { id: string; name: string };
  revisionId: string | null;
  documentNumber: string;
  date: string;
  signer: string;
  noComments: boolean;
  attachment: { id: string; fileName: string; contentType: string; size: number } | null;
  threadIds: string[];
  createdBy: Person;
  createdAt: string;
}

/** Narrows a thread status. */
export function parseThreadStatus(value: unknown): ThreadStatus {
  const found = THREAD_STATUSES.find((status) => status === value);
  if (found === undefined) throw new TypeError(`thread.status: unknown status ${String(value)}`);
  return found;
}

/** Narrows the comment visibility setting. */
export function parseVisibility(value: unknown): CommentVisibility {
  if (value === 'own_organization' || value === 'all_participants') return value;
  throw new TypeError(`visibility: unknown value ${String(value)}`);
}

function number(source: Record<string, unknown>, key: string, what: string): number {
  const value = source[key];
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${what}.${key}: expected a number`);
  return value;
}

function parsePerson(value: unknown, what: string): Person {
  const source = object(value, what);
  return { id: string(source, 'id', what), displayName: string(source, 'displayName', what) };
}

function parseAnchor(value: unknown): ThreadAnchor | null {
  if (value === null || value === undefined) return null;
  const source = object(value, 'thread.anchor');
  return {
    start: string(source, 'start', 'thread.anchor'),
    end: string(source, 'end', 'thread.anchor'),
    quote: string(source, 'quote', 'thread.anchor'),
    blockId: nullableString(source, 'blockId', 'thread.anchor'),
  };
}

function parsePosition(value: unknown): ThreadPosition {
  const what = 'thread.position';
  const source = object(value, what);
  const status = source.status;
  if (status !== 'active' && status !== 'orphaned') throw new TypeError(`${what}.status: expected active or orphaned`);
  return {
    status,
    text: string(source, 'text', what),
    blockId: nullableString(source, 'blockId', what),
    sectionId: nullableString(source, 'sectionId', what),
    sectionNumber: nullableString(source, 'sectionNumber', what),
    sectionTitle: nullableString(source, 'sectionTitle', what),
    order: number(source, 'order', what),
  };
}

function parseComment(value: unknown): ThreadComment {
  const source = object(value, 'thread.comment');
  return {
    id: string(source, 'id', 'thread.comment'),
    author: parsePerson(source.author, 'thread.comment.author'),
    body: string(source, 'body', 'thread.comment'),
    createdAt: string(source, 'createdAt', 'thread.comment'),
  };
}

function parseSource(value: unknown): ThreadSource {
  if (value === 'inline' || value === 'written' || value === 'oral') return value;
  throw new TypeError(`thread.source: unknown source ${String(value)}`);
}

/** Narrows an API thread. */
export function parseThread(value: unknown): PublicThread {
  const source = object(value, 'thread');
  const organization = isRecord(source.organization)
    ? {
        id: string(source.organization, 'id', 'thread.organization'),
        name: string(source.organization, 'name', 'thread.organization'),
        shortName: string(source.organization, 'shortName', 'thread.organization'),
      }
    : null;
  const meeting = isRecord(source.meeting)
    ? { name: string(source.meeting, 'name', 'thread.meeting'), date: string(source.meeting, 'date', 'thread.meeting') }
    : null;
  return {
    id: string(source, 'id', 'thread'),
    organization,
    author: parsePerson(source.author, 'thread.author'),
    source: parseSource(source.source),
    anchor: parseAnchor(source.anchor),
    sectionBlockId: nullableString(source, 'sectionBlockId', 'thread'),
    position: parsePosition(source.position),
    revisionId: nullableString(source, 'revisionId', 'thread'),
    submissionId: nullableString(source, 'submissionId', 'thread'),
    meeting,
    status: parseThreadStatus(source.status),
    explanation: nullableString(source, 'explanation', 'thread'),
    decidedBy: isRecord(source.decidedBy) ? parsePerson(source.decidedBy, 'thread.decidedBy') : null,
    decidedAt: nullableString(source, 'decidedAt', 'thread'),
    comments: parseList(source.comments, parseComment),
    createdAt: string(source, 'createdAt', 'thread'),
    updatedAt: string(source, 'updatedAt', 'thread'),
  };
}

function parseCounts(value: unknown, what: string): Record<string, number> {
  const source = object(value, what);
  const counts: Record<string, number> = {};
  for (const [key, count] of Object.entries(source)) {
    if (typeof count !== 'number') throw new TypeError(`${what}.${key}: expected a number`);
    counts[key] = count;
  }
  return counts;
}

/** Narrows `GET /api/documents/:id/threads`. */
export function parseThreadList(value: unknown): ThreadList {
  const source = object(value, 'threads');
  const counts = object(source.counts, 'threads.counts');
  return {
    visibility: parseVisibility(source.visibility),
    threads: parseList(source.threads, parseThread),
    counts: { byOrganization: parseCounts(counts.byOrganization, 'counts.byOrganization'), byStatus: parseCounts(counts.byStatus, 'counts.byStatus') },
  };
}

/** Narrows an API submission. */
export function parseSubmission(value: unknown): Submission {
  const what = 'submission';
  const source = object(value, what);
  const organization = object(source.organization, 'submission.organization');
  const attachment = isRecord(source.attachment)
    ? {
        id: string(source.attachment, 'id', 'submission.attachment'),
        fileName: string(source.attachment, 'fileName', 'submission.attachment'),
        contentType: string(source.attachment, 'contentType', 'submission.attachment'),
        size: number(source.attachment, 'size', 'submission.attachment'),
      }
    : null;
  return {
    id: string(source, 'id', what),
    organization: { id: string(organization, 'id', 'submission.organization'), name: string(organization, 'name', 'submission.organization') },
    revisionId: nullableString(source, 'revisionId', what),
    documentNumber: string(source, 'documentNumber', what),
    date: string(source, 'date', what),
    signer: string(source, 'signer', what),
    noComments: source.noComments === true,
    attachment,
    threadIds: stringArray(source, 'threadIds', what),
    createdBy: parsePerson(source.createdBy, 'submission.createdBy'),
    createdAt: string(source, 'createdAt', what),
  };
}
