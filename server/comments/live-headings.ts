import type * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { collectHeadings, type OutlineHeading } from '../../document-model/headings.ts';
import { outlineSchema } from '../../document-model/schema.ts';

/**
 * The headings of a live document, in document order, with their computed numbers: what
 * section paths (`document-model/section-paths.ts`) are built from. Only reads `doc`.
 */
export function liveHeadings(doc: Y.Doc): OutlineHeading[] {
  return collectHeadings(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FRAGMENT), outlineSchema));
}
