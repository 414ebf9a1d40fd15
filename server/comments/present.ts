import type * as Y from 'yjs';
import type { Database, ThreadRecord } from '../storage/records.ts';
import { resolveAnchor, resolveSection, type ResolvedAnchor } from './anchors.ts';

/** A thread as the API shows it: names instead of ids, and where its passage is now. */
export interface PublicThread {
  id: string;
  documentId: string;
  organization: { id: string; name: string; shortName: string } | null;
  author: { id: string; displayName: string };
  source: ThreadRecord['source'];
  anchor: ThreadRecord['anchor'];
  sectionBlockId: string | null;
  /** Where the passage is now: its current text (or the original quote if orphaned) and section. */
  position: ResolvedAnchor;
  revisionId: string | null;
  submissionId: string | null;
  meeting: ThreadRecord['meeting'];
  status: ThreadRecord['status'];
  explanation: string | null;
  decidedBy: { id: string; displayName: string } | null;
  decidedAt: string | null;
  history: Array<{ status: ThreadRecord['status']; explanation: string | null; by: { id: string; displayName: string }; at: string }>;
  comments: Array<{ id: string; author: { id: string; displayName: string }; body: string; createdAt: string }>;
  createdAt: string;
  updatedAt: string;
}

/** Looks up display names and organisations once for a batch of threads. */
export function presenterFor(data: Readonly<Database>): (thread: ThreadRecord, doc: Y.Doc, position?: ResolvedAnchor) => PublicThread {
  const users = new Map(data.users.map((user) => [user.id, user.displayName]));
  const organizations = new Map(data.organizations.map((org) => [org.id, org]));
  const person = (id: string): { id: string; displayName: string } => ({ id, displayName: users.get(id) ?? id });
  return (thread, doc, position) => {
    const organization = thread.organizationId === null ? undefined : organizations.get(thread.organizationId);
    return {
      id: thread.id,
      documentId: thread.documentId,
      organization: organization ? { id: organization.id, name: organization.name, shortName: organization.shortName } : null,
      author: person(thread.authorId),
      source: thread.source,
      anchor: thread.anchor,
      sectionBlockId: thread.sectionBlockId,
      position: position ?? threadPosition(thread, doc),
      revisionId: thread.revisionId,
      submissionId: thread.submissionId,
      meeting: thread.meeting,
      status: thread.status,
      explanation: thread.explanation,
      decidedBy: thread.decidedBy === null ? null : person(thread.decidedBy),
      decidedAt: thread.decidedAt,
      history: thread.history.map((change) => ({ status: change.status, explanation: change.explanation, by: person(change.by), at: change.at })),
      comments: thread.comments.map((comment) => ({ id: comment.id, author: person(comment.authorId), body: comment.body, createdAt: comment.createdAt })),
      createdAt: thread.createdAt,
      updatedAt: thread.updatedAt,
    };
  };
}

/** Where a thread is now: its anchor resolved, or its section, or nowhere in particular. */
export function threadPosition(thread: ThreadRecord, doc: Y.Doc): ResolvedAnchor {
  if (thread.anchor) return resolveAnchor(doc, thread.anchor);
  const section = thread.sectionBlockId ? resolveSection(doc, thread.sectionBlockId) : null;
  return {
    status: section === null || section.sectionId !== null ? 'active' : 'orphaned',
    text: section?.sectionTitle ?? '',
    blockId: thread.sectionBlockId,
    sectionId: section?.sectionId ?? null,
    sectionNumber: section?.sectionNumber ?? null,
    sectionTitle: section?.sectionTitle ?? null,
    order: section?.order ?? Number.MAX_SAFE_INTEGER - 1,
  };
}
