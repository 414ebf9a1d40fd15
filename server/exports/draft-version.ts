/**
 * Reads the version of a draft that an export shows: the live draft (read in place once
 * everything applied to it is stored) or a revision (decoded from its stored state), as
 * `DraftBlock`s with the facts printed around them.
 */
import type { FastifyInstance } from 'fastify';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import type { DocumentRecord } from '../storage/records.ts';
import { LIVE_DRAFT_LABEL, type DraftMeta } from './draft-meta.ts';
import { readDraft, type DraftBlock } from './draft-model.ts';

/** A version ready to lay out. */
export interface DraftVersion {
  blocks: DraftBlock[];
  meta: DraftMeta;
  /** The revision's id, or null for the live draft. */
  revisionId: string | null;
}

/**
 * The live draft of `document` (`revisionId` null; dated `now`) or one of its revisions
 * (throws `ERR_REVISION_NOT_FOUND`; dated when it was frozen).
 */
export async function loadDraftVersion(app: FastifyInstance, document: DocumentRecord, revisionId: string | null, draftingBody: string, now: Date): Promise<DraftVersion> {
  const meta = (version: string, versionDate: Date): DraftMeta => ({ title: document.title.normalize('NFC'), version, versionDate, draftingBody });
  if (revisionId === null) {
    const shared = await app.collab.open(document.id);
    await shared.whenStored();
    // Read in place: converting the fragment does not change the document, and a 100,000-word draft is not copied.
    const node = yXmlFragmentToProseMirrorRootNode(shared.doc.getXmlFragment(CONTENT_FRAGMENT), outlineSchema);
    return { blocks: readDraft(node), meta: meta(LIVE_DRAFT_LABEL, now), revisionId: null };
  }
  const { doc, revision } = await app.revisions.load(document.id, revisionId);
  try {
    const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FRAGMENT), outlineSchema);
    return { blocks: readDraft(node), meta: meta(revision?.name ?? revisionId, new Date(revision?.createdAt ?? now)), revisionId };
  } finally {
    doc.destroy();
  }
}
