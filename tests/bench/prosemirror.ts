/**
 * Writes and measures outline blocks in the Yjs `XmlFragment('prosemirror')` the way
 * y-prosemirror lays them out: one `XmlElement` per block holding one `XmlText`.
 */
import * as Y from 'yjs';
import type { Block } from './corpus.ts';

/** Name of the shared fragment the editor binds to. */
export const FRAGMENT = 'prosemirror';

/** Attributes of a block element. */
export type BlockAttributes = { id: string; level: number };

/** Builds the Yjs element for one block (not yet attached to a document). */
export function blockElement(block: Block): Y.XmlElement {
  const element = new Y.XmlElement<BlockAttributes>(block.type);
  element.setAttribute('id', block.id);
  // y-prosemirror stores attribute values as they are, so the level stays a number.
  if (block.level !== undefined) element.setAttribute('level', block.level);
  element.insert(0, [new Y.XmlText(block.text)]);
  // Yjs types XmlFragment children as string-attributed elements; the runtime accepts any value.
  return element as unknown as Y.XmlElement;
}

/** Appends blocks at the end of the document's fragment, one transaction per `perTransaction` blocks. */
export function appendBlocks(doc: Y.Doc, blocks: readonly Block[], perTransaction = 1): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  for (let start = 0; start < blocks.length; start += perTransaction) {
    const slice = blocks.slice(start, start + perTransaction);
    doc.transact(() => {
      fragment.insert(fragment.length, slice.map(blockElement));
    });
  }
}

/** Shape of a document's content, cheap to compare. */
export interface ContentShape {
  /** Number of top-level blocks. */
  blocks: number;
  /** Total text length (UTF-16 code units) over all blocks. */
  textLength: number;
}

/** Expected shape of a document made from `blocks`. */
export function shapeOfBlocks(blocks: readonly Block[]): ContentShape {
  return { blocks: blocks.length, textLength: blocks.reduce((sum, block) => sum + block.text.length, 0) };
}

/** Total text length in the fragment's blocks. */
export function fragmentTextLength(fragment: Y.XmlFragment): number {
  let total = 0;
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement) {
      for (const inner of child.toArray()) {
        if (inner instanceof Y.XmlText) total += inner.length;
      }
    } else if (child instanceof Y.XmlText) {
      total += child.length;
    }
  }
  return total;
}

/** True when the document's fragment has exactly the expected shape. */
export function hasShape(doc: Y.Doc, expected: ContentShape): boolean {
  const fragment = doc.getXmlFragment(FRAGMENT);
  return fragment.length === expected.blocks && fragmentTextLength(fragment) === expected.textLength;
}
