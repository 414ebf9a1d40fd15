import type * as Y from 'yjs';
import { threadVersion, type Database, type ProposalRecord, type ThreadRecord } from '../storage/records.ts';
import { DEFAULT_MAX_EDIT_LENGTH, DEFAULT_MAX_TOKENS_PER_BLOCK } from '../revisions/compare/compare.ts';
import { diffText } from '../revisions/compare/word-diff.ts';
import { resolveAnchor, resolveSection } from './anchors.ts';
import type { Proposal, PublicThread, ThreadPosition } from './schemas.ts';

type Person = { id: string; displayName: string };

/** Looks up display names and organisations once for a batch of threads. */
export function presenterFor(data: Readonly<Database>): (thread: ThreadRecord, doc: Y.Doc, position?: ThreadPosition) => PublicThread {
  const users = new Map(data.users.map((user) => [user.id, user.displayName]));
  const organizations = new Map(data.organizations.map((org) => [org.id, org]));
  const person = (id: string): { id: string; displayName: string } => ({ id, displayName: users.get(id) ?? id });
  return (thread, doc, position) => {
    const organization = thread.organizationId === null ? undefined : organizations.get(thread.organizationId);
    const place = position ?? threadPosition(thread, doc);
    return {
      id: thread.id,
      documentId: thread.documentId,
      organization: organization ? { id: organization.id, name: organization.name, shortName: organization.shortName } : null,
      author: person(thread.authorId),
      source: thread.source,
      anchor: thread.anchor,
      sectionBlockId: thread.sectionBlockId,
      position: place,
      revisionId: thread.revisionId,
      submissionId: thread.submissionId,
      meeting: thread.meeting,
      status: thread.status,
      explanation: thread.explanation,
      decidedBy: thread.decidedBy === null ? null : person(thread.decidedBy),
      decidedAt: thread.decidedAt,
      history: thread.history.map((change) => ({
        status: change.status,
        explanation: change.explanation,
        by: person(change.by),
        at: change.at,
        ...(change.event === undefined ? {} : { event: change.event }),
        ...(change.setAside === undefined ? {} : { setAside: { ...change.setAside } }),
      })),
      setAside: thread.setAside ? { ...thread.setAside, by: person(thread.setAside.by) } : null,
      anchorHistory: (thread.anchorHistory ?? []).map((change) => ({ by: person(change.by), at: change.at, fromQuote: change.fromQuote, toQuote: change.toQuote })),
      comments: thread.comments.map((comment) => ({ id: comment.id, author: person(comment.authorId), body: comment.body, createdAt: comment.createdAt })),
      createdAt: thread.createdAt,
      updatedAt: thread.updatedAt,
      version: threadVersion(thread),
      proposal: thread.proposal ? presentProposal(thread.proposal, place, person) : null,
      roundId: thread.roundId ?? null,
      draft: thread.draft === true,
    };
  };
}

/** Where a thread is now: its anchor resolved, or its section, or nowhere in particular. */
export function threadPosition(thread: ThreadRecord, doc: Y.Doc): ThreadPosition {
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

/** A proposal for the API, with its word diff (see `ProposalSchema`). */
function presentProposal(proposal: ProposalRecord, place: ThreadPosition, person: (id: string) => Person): Proposal {
  const from = proposal.appliedAt !== null && proposal.replacedText !== null ? proposal.replacedText : place.text;
  const limits = { maxTokensPerBlock: DEFAULT_MAX_TOKENS_PER_BLOCK, maxEditLength: DEFAULT_MAX_EDIT_LENGTH };
  return {
    text: proposal.text,
    appliedAt: proposal.appliedAt,
    appliedBy: proposal.appliedBy === null ? null : person(proposal.appliedBy),
    diff: diffText(from.normalize('NFC'), proposal.text.normalize('NFC'), limits).ops,
  };
}
