import { Fragment, Slice, type Node as PMNode } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';

/**
 * Pure NFC helpers: the outline stores text in Unicode Normalization Form C, so "ệ"
 * typed as "e" + U+0323 + U+0302 and "ệ" typed precomposed are the same string
 * (search, comparison and comment anchors depend on it).
 */

/** True when `text` is already NFC. */
export function isNfc(text: string): boolean {
  return text === text.normalize('NFC');
}

/** Returns `fragment` with every text node normalised to NFC; the same object if nothing changes. */
export function normalizeFragment(fragment: Fragment): Fragment {
  let changed = false;
  const children: PMNode[] = [];
  fragment.forEach((child) => {
    const next = normalizeNode(child);
    if (next !== child) changed = true;
    children.push(next);
  });
  return changed ? Fragment.fromArray(children) : fragment;
}

/** Returns `node` with all text below it in NFC; the same object if nothing changes. */
export function normalizeNode(node: PMNode): PMNode {
  if (node.isText) {
    const text = node.text ?? '';
    return isNfc(text) ? node : node.type.schema.text(text.normalize('NFC'), node.marks);
  }
  const content = normalizeFragment(node.content);
  return content === node.content ? node : node.copy(content);
}

/** Returns `slice` with NFC text, keeping its open depths; the same object if already NFC. */
export function normalizeSlice(slice: Slice): Slice {
  const content = normalizeFragment(slice.content);
  return content === slice.content ? slice : new Slice(content, slice.openStart, slice.openEnd);
}

/** A text node that is not NFC: it spans `from`–`to` of the document. */
export interface NonNfcText {
  from: number;
  to: number;
  node: PMNode;
}

/** Text nodes of `doc` that touch `from`–`to` and are not NFC, in document order. */
export function findNonNfcText(doc: PMNode, from = 0, to = doc.content.size): NonNfcText[] {
  const found: NonNfcText[] = [];
  const start = Math.max(0, Math.min(from, doc.content.size));
  const end = Math.max(start, Math.min(to, doc.content.size));
  doc.nodesBetween(start, end, (node, pos) => {
    if (node.isText && !isNfc(node.text ?? '')) found.push({ from: pos, to: pos + node.nodeSize, node });
    return true;
  });
  return found;
}

/**
 * Replaces each listed text node by its NFC form (marks kept) in `tr`, last first so
 * earlier positions stay valid. Returns whether anything was replaced.
 */
export function replaceWithNfc(tr: Transaction, texts: readonly NonNfcText[]): boolean {
  for (const text of [...texts].reverse()) {
    tr.replaceWith(text.from, text.to, normalizeNode(text.node));
  }
  return texts.length > 0;
}
