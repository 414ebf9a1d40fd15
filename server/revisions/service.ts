import * as Y from 'yjs';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import type { Store } from '../storage/store.ts';
import type { RevisionRecord } from '../storage/records.ts';
import type { DocumentRegistry } from '../collab/document-registry.ts';
import type { TransactionOrigin } from '../collab/origins.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../document-model/date-time.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { Errors } from '../errors.ts';
import { BlockCache } from './block-cache.ts';
import { extractBlocks, type OutlineBlock } from './compare/index.ts';
import { newId } from '../ids.ts';

/** Automatic checkpoints kept per document; older ones are pruned (named revisions never are). */
export const MAX_CHECKPOINTS = 100;

/** What to record about a new revision. */
export interface RevisionMeta {
  kind: RevisionRecord['kind'];
  name: string;
  note?: string;
  reason: string;
  createdBy: string | null;
  restoredFrom?: string | null;
}

/** A version of a document to read or compare: a revision, or the live draft. */
export interface LoadedVersion {
  doc: Y.Doc;
  revision: RevisionRecord | null;
}

const RESTORE_ORIGIN: TransactionOrigin = { source: 'server', reason: 'restore' };

/** The label of an automatic checkpoint taken at `date`. */
export function checkpointName(date: Date): string {
  return `Điểm lưu tự động ${formatDateTime(date, DISPLAY_TIME_ZONE)}`;
}

/**
 * Named revisions and automatic checkpoints. A revision stores the document's full encoded
 * state, so any version can be rendered or compared without keeping deleted content in the
 * live document (its Yjs garbage collection stays on).
 */
export class RevisionService {
  /** Comparable blocks of revisions already read (see `blocksOf`). */
  readonly blockCache: BlockCache;

  constructor(private readonly store: Store, private readonly registry: DocumentRegistry, blockCacheBytes: number) {
    this.blockCache = new BlockCache(blockCacheBytes);
  }

  /** Revisions of a document, newest first. */
  list(documentId: string): RevisionRecord[] {
    return this.store.records
      .read((data) => data.revisions.filter((revision) => revision.documentId === documentId).map((revision) => ({ ...revision })))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** One revision; throws `ERR_REVISION_NOT_FOUND`. */
  get(documentId: string, revisionId: string): RevisionRecord {
    const found = this.store.records.read((data) =>
      data.revisions.find((revision) => revision.id === revisionId && revision.documentId === documentId),
    );
    if (!found) throw new Errors.RevisionNotFound();
    return { ...found };
  }

  /** Freezes the live document's current (stored) state as a revision. */
  async freeze(documentId: string, meta: RevisionMeta): Promise<RevisionRecord> {
    const shared = await this.registry.open(documentId);
    await shared.whenStored();
    return this.freezeState(documentId, Y.encodeStateAsUpdate(shared.doc), meta);
  }

  /** Stores `state` as a revision of the document. */
  async freezeState(documentId: string, state: Uint8Array, meta: RevisionMeta): Promise<RevisionRecord> {
    const id = newId();
    const storedBytes = await this.store.revisions.write(documentId, id, state);
    const revision: RevisionRecord = {
      id,
      documentId,
      kind: meta.kind,
      name: meta.name.normalize('NFC').trim(),
      note: (meta.note ?? '').normalize('NFC').trim(),
      reason: meta.reason,
      createdBy: meta.createdBy,
      createdAt: new Date().toISOString(),
      stateBytes: state.byteLength,
      storedBytes,
      restoredFrom: meta.restoredFrom ?? null,
    };
    const pruned = await this.store.records.write((data) => {
      data.revisions.push(revision);
      const checkpoints = data.revisions
        .filter((candidate) => candidate.documentId === documentId && candidate.kind === 'checkpoint')
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const excess = checkpoints.slice(MAX_CHECKPOINTS).map((candidate) => candidate.id);
      data.revisions = data.revisions.filter((candidate) => !excess.includes(candidate.id));
      return excess;
    });
    for (const revisionId of pruned) this.blockCache.delete(`${documentId}/${revisionId}`);
    await Promise.all(pruned.map((revisionId) => this.store.revisions.remove(documentId, revisionId)));
    return revision;
  }

  /**
   * A private copy of a version: `current` (the live draft, as stored) or a revision id.
   * The caller owns the returned Y.Doc and should destroy it.
   */
  async load(documentId: string, ref: string): Promise<LoadedVersion> {
    const doc = new Y.Doc();
    if (ref === 'current') {
      const shared = await this.registry.open(documentId);
      await shared.whenStored();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(shared.doc));
      return { doc, revision: null };
    }
    const revision = this.get(documentId, ref);
    Y.applyUpdate(doc, await this.store.revisions.read(documentId, revision.id));
    return { doc, revision };
  }

  /**
   * The comparable blocks of a version: of a revision from the cache, or read and decoded once
   * and then cached (revisions never change); of `current` read straight from the live
   * document once everything applied to it is stored, without copying its state, and cached
   * for as long as it does not change.
   */
  async blocksOf(documentId: string, ref: string): Promise<{ blocks: readonly OutlineBlock[]; revision: RevisionRecord | null }> {
    if (ref === 'current') {
      const shared = await this.registry.open(documentId);
      await shared.whenStored();
      // The state vector names the live state exactly: unchanged since the last comparison, the same blocks serve again.
      const key = `${documentId}/current/${Buffer.from(Y.encodeStateVector(shared.doc)).toString('base64')}`;
      const cached = this.blockCache.get(key);
      if (cached !== undefined) return { blocks: cached, revision: null };
      const blocks = extractBlocks(shared.doc);
      this.blockCache.set(key, blocks);
      return { blocks, revision: null };
    }
    const revision = this.get(documentId, ref);
    const key = `${documentId}/${revision.id}`;
    const cached = this.blockCache.get(key);
    if (cached !== undefined) return { blocks: cached, revision };
    const { doc } = await this.load(documentId, revision.id);
    try {
      const blocks = extractBlocks(doc);
      this.blockCache.set(key, blocks);
      return { blocks, revision };
    } finally {
      doc.destroy();
    }
  }

  /** A version's content as ProseMirror JSON (block ids included). */
  async contentOf(documentId: string, ref: string): Promise<{ revision: RevisionRecord | null; content: unknown }> {
    const { doc, revision } = await this.load(documentId, ref);
    try {
      return { revision, content: yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FRAGMENT), outlineSchema).toJSON() };
    } finally {
      doc.destroy();
    }
  }

  /**
   * Makes the live document's content that of `revisionId`, as one new change that every
   * connected client receives at once. Nothing is destroyed: the state before the restore is
   * frozen as a checkpoint first, and the result as another one pointing at the source.
   * Only what differs is changed (y-prosemirror's minimal update), so a comparison of
   * before and after shows exactly the restore.
   */
  async restore(documentId: string, revisionId: string, userId: string): Promise<RevisionRecord> {
    const source = this.get(documentId, revisionId);
    const target = await this.load(documentId, source.id);
    try {
      await this.freeze(documentId, { kind: 'checkpoint', name: `Trước khi khôi phục “${source.name}”`, reason: 'before_restore', createdBy: userId });
      const shared = await this.registry.open(documentId);
      const node = yXmlFragmentToProseMirrorRootNode(target.doc.getXmlFragment(CONTENT_FRAGMENT), outlineSchema);
      const fragment = shared.doc.getXmlFragment(CONTENT_FRAGMENT);
      shared.doc.transact(() => {
        updateYFragment(shared.doc, fragment, node, { mapping: new Map(), isOMark: new Map() });
      }, { ...RESTORE_ORIGIN, userId });
      await shared.whenStored();
      return await this.freezeState(documentId, Y.encodeStateAsUpdate(shared.doc), {
        kind: 'checkpoint',
        name: `Khôi phục “${source.name}”`,
        reason: 'after_restore',
        createdBy: userId,
        restoredFrom: source.id,
      });
    } finally {
      target.doc.destroy();
    }
  }
}
