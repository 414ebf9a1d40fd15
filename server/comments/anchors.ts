import * as Y from 'yjs';
import { computeSectionNumbers } from '../../document-model/numbering.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import type { ThreadAnchor, ThreadPosition } from './schemas.ts';

/** Plain text of an XmlText (formatting dropped, embeds skipped). */
function textOf(type: Y.XmlText): string {
  return (type.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** The part of a Yjs type this module walks: its item and its parent. */
interface TypeNode {
  _item: Y.Item | null;
  parent: unknown;
}

/** True when the type or one of its ancestors was deleted. */
function isDeleted(type: TypeNode): boolean {
  for (let current: TypeNode | null = type; current !== null; current = current.parent as TypeNode | null) {
    if (current._item?.deleted) return true;
    if (current._item === null) break;
  }
  return false;
}

/** The top-level block (child of the content fragment) that contains `type`, with its index. */
function topLevelBlock(fragment: Y.XmlFragment, type: TypeNode): { element: Y.XmlElement; index: number } | null {
  let current: TypeNode | null = type;
  while (current !== null && current.parent !== fragment) current = current.parent as TypeNode | null;
  if (!(current instanceof Y.XmlElement)) return null;
  const index = fragment.toArray().indexOf(current);
  return index < 0 ? null : { element: current, index };
}

/** Every XmlText below `node`, in document order. */
function textsIn(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) found.push(child);
    else if (child instanceof Y.XmlElement) found.push(...textsIn(child));
  }
  return found;
}

/** Decodes a base64 relative position and resolves it in `doc`; null when it cannot be. */
function resolvePosition(encoded: string, doc: Y.Doc): Y.AbsolutePosition | null {
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(encoded, 'base64')), doc);
    if (!position || !(position.type instanceof Y.XmlText) || isDeleted(position.type as unknown as TypeNode)) return null;
    return position;
  } catch {
    return null;
  }
}

/** The nearest heading at or above top-level index `index`: id, computed number and title. */
function sectionAt(fragment: Y.XmlFragment, index: number): Pick<ThreadPosition, 'sectionId' | 'sectionNumber' | 'sectionTitle'> {
  const blocks = fragment.toArray();
  const headings = blocks
    .map((node, position) => ({ node, position }))
    .filter((entry): entry is { node: Y.XmlElement; position: number } => entry.node instanceof Y.XmlElement && entry.node.nodeName === 'heading');
  const numbers = computeSectionNumbers(headings.map((entry) => entry.node.getAttribute('level')));
  let found: { node: Y.XmlElement; number: string } | null = null;
  headings.forEach((entry, at) => {
    if (entry.position <= index) found = { node: entry.node, number: numbers[at] ?? '' };
  });
  if (found === null) return { sectionId: null, sectionNumber: null, sectionTitle: null };
  const { node, number } = found as { node: Y.XmlElement; number: string };
  const id = node.getAttribute('id');
  return { sectionId: typeof id === 'string' ? id : null, sectionNumber: number, sectionTitle: textsIn(node).map(textOf).join('') };
}

/** The `id` attributes of the elements around `text`, nearest first. */
function enclosingIds(text: Y.XmlText): string[] {
  const ids: string[] = [];
  for (let node: unknown = text.parent; node instanceof Y.XmlElement; node = node.parent) {
    const id = node.getAttribute('id');
    if (typeof id === 'string') ids.push(id);
  }
  return ids;
}

/**
 * Where the quoted words stand now, when the anchor's relative positions died with their text
 * (a move, a cut and paste or a restore re-create it): the first occurrence inside the block
 * that still has the anchor's block id, else the only occurrence in the document. The same
 * rule as the editor's highlights (`document-model/quote-search.ts`); quotes within one
 * paragraph only.
 */
export function findQuote(fragment: Y.XmlFragment, anchor: ThreadAnchor): { text: Y.XmlText; index: number } | null {
  const quote = anchor.quote.normalize('NFC');
  if (quote.trim() === '' || quote.includes('\n')) return null;
  const everywhere: Array<{ text: Y.XmlText; index: number }> = [];
  for (const text of textsIn(fragment)) {
    const value = textOf(text);
    const first = value.indexOf(quote);
    if (first < 0) continue;
    if (anchor.blockId !== null && enclosingIds(text).includes(anchor.blockId)) return { text, index: first };
    for (let at = first; at >= 0 && everywhere.length < 2; at = value.indexOf(quote, at + 1)) everywhere.push({ text, index: at });
  }
  return everywhere.length === 1 ? (everywhere[0] ?? null) : null;
}

/** An active position for a passage found again by its quote. */
function foundAgain(fragment: Y.XmlFragment, anchor: ThreadAnchor, found: { text: Y.XmlText; index: number }): ThreadPosition {
  const block = topLevelBlock(fragment, found.text as unknown as TypeNode);
  const [blockId] = enclosingIds(found.text);
  return {
    status: 'active',
    text: anchor.quote.normalize('NFC'),
    blockId: blockId ?? anchor.blockId,
    ...(block ? sectionAt(fragment, block.index) : { sectionId: null, sectionNumber: null, sectionTitle: null }),
    order: (block?.index ?? 0) * 1_000_000 + found.index,
  };
}

/**
 * The passage between an anchor's relative positions in the current document, with the ids
 * of the elements around its start (nearest first); null when a position died with its text,
 * the two ends are out of order or the range holds only whitespace. The quote is not consulted:
 * `text` is what stands there now.
 */
export function passageAt(doc: Y.Doc, anchor: ThreadAnchor): { position: ThreadPosition; enclosingIds: string[] } | null {
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const start = resolvePosition(anchor.start, doc);
  const end = resolvePosition(anchor.end, doc);
  if (!start || !end) return null;
  const startText = start.type as Y.XmlText;
  const endText = end.type as Y.XmlText;
  let text: string;
  if (startText === endText) {
    text = textOf(startText).slice(start.index, end.index);
  } else {
    const texts = textsIn(fragment);
    const from = texts.indexOf(startText);
    const to = texts.indexOf(endText);
    if (from < 0 || to < 0 || to < from) return null;
    const parts = texts.slice(from, to + 1).map(textOf);
    parts[0] = (parts[0] ?? '').slice(start.index);
    parts[parts.length - 1] = (parts[parts.length - 1] ?? '').slice(0, to === from ? end.index - start.index : end.index);
    text = parts.join('\n');
  }
  if (text.trim() === '') return null;
  const block = topLevelBlock(fragment, startText as unknown as TypeNode);
  const parentId = (startText.parent as Y.XmlElement | null)?.getAttribute?.('id');
  return {
    position: {
      status: 'active',
      text: text.normalize('NFC'),
      blockId: typeof parentId === 'string' ? parentId : anchor.blockId,
      ...(block ? sectionAt(fragment, block.index) : { sectionId: null, sectionNumber: null, sectionTitle: null }),
      order: (block?.index ?? 0) * 1_000_000 + start.index,
    },
    enclosingIds: enclosingIds(startText),
  };
}

/**
 * Resolves an anchor against the current document: the text between its two relative
 * positions (which follow concurrent edits), and the section it is in now. When those
 * positions died with their text but the quoted words still stand in the draft (moved by cut
 * and paste, a move command or a restore), the passage is found again by its quote. The same
 * when the positions live on in a block with another id while the anchor's own block, holding
 * the quote, stands elsewhere: an editor that rewrites blocks in place (y-prosemirror turns
 * the paragraph of I.2 into that of I.3 when I.2 moves below I.3) leaves them on other words.
 * Only when the words are really gone (or the range collapsed) is the anchor `orphaned`,
 * keeping its original quote and block id.
 */
export function resolveAnchor(doc: Y.Doc, anchor: ThreadAnchor): ThreadPosition {
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const passage = passageAt(doc, anchor);
  if (passage !== null) {
    if (anchor.blockId === null || passage.enclosingIds.includes(anchor.blockId)) return passage.position;
    const inOwnBlock = findQuote(fragment, anchor);
    const blockId = anchor.blockId;
    return inOwnBlock !== null && enclosingIds(inOwnBlock.text).includes(blockId) ? foundAgain(fragment, anchor, inOwnBlock) : passage.position;
  }
  const found = findQuote(fragment, anchor);
  if (found !== null) return foundAgain(fragment, anchor, found);
  return {
    status: 'orphaned',
    text: anchor.quote,
    blockId: anchor.blockId,
    sectionId: null,
    sectionNumber: null,
    sectionTitle: null,
    order: Number.MAX_SAFE_INTEGER,
  };
}

/**
 * The section a block id is in now (for items filed against a section rather than a
 * passage); null fields when the block is gone.
 */
export function resolveSection(doc: Y.Doc, blockId: string): Pick<ThreadPosition, 'sectionId' | 'sectionNumber' | 'sectionTitle' | 'order'> {
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const index = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.getAttribute('id') === blockId);
  if (index < 0) return { sectionId: null, sectionNumber: null, sectionTitle: null, order: Number.MAX_SAFE_INTEGER };
  return { ...sectionAt(fragment, index), order: index * 1_000_000 };
}
