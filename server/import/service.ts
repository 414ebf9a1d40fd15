import * as Y from 'yjs';
import { prosemirrorJSONToYDoc, updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { Node as PMNode } from 'prosemirror-model';
import { outlineSchema } from '../../document-model/schema.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { computeSectionNumbers } from '../../document-model/numbering.ts';
import type { DocumentRegistry } from '../collab/document-registry.ts';
import type { TransactionOrigin } from '../collab/origins.ts';
import type { DocumentService } from '../documents/service.ts';
import type { RevisionService } from '../revisions/service.ts';
import type { DocumentRecord, UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { adoptIds } from './adopt-ids.ts';
import { readDocx } from './docx-file.ts';
import { mapToOutline } from './outline-mapper.ts';
import { splitStateFormatFrame } from './state-format-frame.ts';
import { MemoryPreviewStore, type PreviewStore, type StoredPreview } from './preview-store.ts';
import { MAX_PREVIEW_HEADINGS, type ImportReport, type OutlineEntry } from './schemas.ts';

/** A read file waiting for confirmation. */
export interface ImportDraft {
  fileName: string;
  /**
   * The outline: ProseMirror JSON of the outline schema (checked when read), kept as text
   * because it is several times smaller than the node tree while it waits.
   */
  content: string;
  report: ImportReport;
  outline: OutlineEntry[];
  outlineTruncated: number;
}

const IMPORT_ORIGIN: TransactionOrigin = { source: 'server', reason: 'import' };

/** The name of the revision taken before a file replaces a document's content. */
export function beforeImportName(fileName: string): string {
  return `Trước khi nhập tệp Word “${fileName}”`;
}

/**
 * Word import in two steps: `preview` reads a .docx into an outline and a report (nothing is
 * written), `confirm` makes it a new document or a new version of an existing one. A new
 * version first freezes the live document as a named revision, then replaces its content as
 * one change through the live document (so connected editors see it at once, like a restore).
 */
export class ImportService {
  constructor(
    private readonly documents: DocumentService,
    private readonly revisions: RevisionService,
    private readonly registry: DocumentRegistry,
    readonly previews: PreviewStore<ImportDraft> = new MemoryPreviewStore<ImportDraft>(),
  ) {}

  /** Reads `bytes` (a .docx) and keeps the result as a preview of `user`'s. */
  async preview(bytes: Buffer, fileName: string, user: UserRecord): Promise<StoredPreview<ImportDraft>> {
    const content = await readDocx(bytes);
    // The letterhead of a state-format draft is drawn again by every export, so it is not content.
    const { frame, content: blocks } = splitStateFormatFrame(content.tree.blocks);
    const mapped = mapToOutline({ ...content, tree: { ...content.tree, blocks } });
    const node = PMNode.fromJSON(outlineSchema, mapped.doc);
    node.check();
    const headings: Array<{ level: number; text: string }> = [];
    node.forEach((child) => {
      if (child.type.name === 'heading') headings.push({ level: Number(child.attrs.level), text: child.textContent });
    });
    const numbers = computeSectionNumbers(headings.map((heading) => heading.level));
    const outline = headings.slice(0, MAX_PREVIEW_HEADINGS).map((heading, index) => ({ level: heading.level, number: numbers[index] ?? '', text: heading.text }));
    const { tree } = content;
    const report: ImportReport = {
      converted: mapped.counts,
      dropped: {
        images: tree.dropped.images,
        comments: Math.max(tree.comments, tree.dropped.commentReferences),
        trackedChanges: content.trackedChanges,
        footnotes: tree.dropped.footnotes,
        endnotes: tree.dropped.endnotes,
        textBoxes: content.textBoxes,
        nestedTables: tree.dropped.nestedTables,
        stateFormatFrame: frame.blocks,
      },
      warnings: content.warnings,
    };
    return this.previews.put(user.id, { fileName, content: JSON.stringify(node.toJSON()), report, outline, outlineTruncated: headings.length - outline.length });
  }

  /**
   * Takes the preview `previewId` of `user` (throws `ERR_IMPORT_PREVIEW_NOT_FOUND`, also once
   * expired or taken) and runs `use` with it. Taking is atomic, on every process: of two
   * confirmations of one preview (a double click answered by two processes) one runs, the other
   * is refused. If `use` throws, the preview is put back, to be confirmed again.
   */
  async confirm<R>(previewId: string, user: UserRecord, use: (preview: StoredPreview<ImportDraft>) => Promise<R>): Promise<R> {
    const preview = await this.previews.take(previewId, user.id);
    if (!preview) throw new Errors.ImportPreviewNotFound();
    try {
      return await use(preview);
    } catch (error) {
      await this.previews.restore(preview);
      throw error;
    }
  }

  /** Makes the preview a new document titled `title`, created by `user`. */
  async confirmAsNew(preview: StoredPreview<ImportDraft>, title: string, user: UserRecord): Promise<DocumentRecord> {
    const doc = prosemirrorJSONToYDoc(outlineSchema, JSON.parse(preview.value.content) as unknown, CONTENT_FRAGMENT);
    try {
      return await this.documents.createWithState({ title, creator: user }, null, Y.encodeStateAsUpdate(doc));
    } finally {
      doc.destroy();
    }
  }

  /**
   * Makes the preview the content of `documentId`: freezes the live content as the named
   * revision "Trước khi nhập tệp Word …" (returned, for the comparison), then replaces the
   * content as one update, with y-prosemirror's minimal change; blocks whose text did not
   * change keep their ids and their Yjs content (see `adoptIds`).
   */
  async confirmAsVersion(preview: StoredPreview<ImportDraft>, documentId: string, user: UserRecord): Promise<{ beforeRevisionId: string }> {
    const before = await this.revisions.freeze(documentId, {
      kind: 'named',
      name: beforeImportName(preview.value.fileName),
      reason: 'before_import',
      createdBy: user.id,
    });
    const shared = await this.registry.open(documentId);
    const fragment = shared.doc.getXmlFragment(CONTENT_FRAGMENT);
    shared.doc.transact(() => {
      const node = adoptIds(PMNode.fromJSON(outlineSchema, JSON.parse(preview.value.content) as unknown), yXmlFragmentToProseMirrorRootNode(fragment, outlineSchema));
      updateYFragment(shared.doc, fragment, node, { mapping: new Map(), isOMark: new Map() });
    }, IMPORT_ORIGIN);
    await shared.whenStored();
    return { beforeRevisionId: before.id };
  }
}
