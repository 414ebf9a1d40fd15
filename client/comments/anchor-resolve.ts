import type { EditorState } from 'prosemirror-state';
import { relativePositionToAbsolutePosition } from 'y-prosemirror';
import * as Y from 'yjs';
import type { ThreadAnchor } from '../api/comment-records.ts';
import { findQuote } from '../../document-model/quote-search.ts';
import { base64ToBytes } from './base64.ts';
import { yBindingOf, type YBinding } from './y-binding.ts';

/** A passage in the current editor document. */
export interface DocRange {
  from: number;
  to: number;
}

/** A thread's decoded anchor, ready to resolve again after every change. */
export interface DecodedAnchor {
  threadId: string;
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  /** The quoted words and their block, to find the passage again when its text was re-created. */
  quote: string;
  blockId: string | null;
}

/** Decodes a base64 relative position; null for bytes that are not one. */
function decodePosition(base64: string): Y.RelativePosition | null {
  const bytes = base64ToBytes(base64);
  if (bytes === null) return null;
  try {
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/** Decodes a thread's anchor once; null when it has none or it is malformed. */
export function decodeAnchor(threadId: string, anchor: ThreadAnchor | null): DecodedAnchor | null {
  if (anchor === null) return null;
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  return start === null || end === null ? null : { threadId, start, end, quote: anchor.quote, blockId: anchor.blockId };
}

/** True when `type` or one of its ancestors has been deleted. */
function isDeleted(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item !== null; ) {
    if (item.deleted) return true;
    const parent: unknown = item.parent;
    item = parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>)._item : null;
  }
  return false;
}

/** One relative position in the editor, or null when its text is gone. */
function resolvePosition(binding: YBinding, position: Y.RelativePosition): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, binding.doc);
  if (absolute === null || isDeleted(absolute.type)) return null;
  return relativePositionToAbsolutePosition(binding.doc, binding.type, position, binding.mapping);
}

/** The `id` attributes of the nodes around `pos`, innermost first. */
function idsAround(state: EditorState, pos: number): string[] {
  const $pos = state.doc.resolve(pos);
  const ids: string[] = [];
  for (let depth = $pos.depth; depth > 0; depth--) {
    const id: unknown = $pos.node(depth).attrs.id;
    if (typeof id === 'string' && id !== '') ids.push(id);
  }
  return ids;
}

/**
 * The quote's place inside the anchor's own block when the resolved range lies in a block
 * with another id: the positions were carried onto other words by an edit that rewrote a
 * block in place (y-prosemirror turns the paragraph of I.2 into that of I.3 when I.2 moves
 * below I.3). Null when the range is in its own block, or the own block no longer has the quote.
 */
function displaced(state: EditorState, anchor: DecodedAnchor, from: number): DocRange | null {
  if (anchor.blockId === null || idsAround(state, from).includes(anchor.blockId)) return null;
  const found = findQuote(state.doc, anchor.quote, anchor.blockId);
  return found !== null && idsAround(state, found.from).includes(anchor.blockId) ? found : null;
}

/**
 * Where each anchor is now in `state`'s document: the range between its two relative
 * positions; when those died with their text (a move, a cut and paste, a restore re-create
 * it), or live on in another block while the anchor's own block holds the quote elsewhere,
 * where the quoted words stand now (`findQuote`, as the server does). An anchor whose
 * words are gone, or whose range collapsed or ended outside the document, is left out: it is
 * orphaned and has no highlight. Null when the editor is not bound to Yjs yet.
 */
export function resolveAnchors(state: EditorState, anchors: readonly DecodedAnchor[]): Map<string, DocRange> | null {
  const binding = yBindingOf(state);
  if (binding === null) return null;
  const size = state.doc.content.size;
  const ranges = new Map<string, DocRange>();
  for (const anchor of anchors) {
    let from: number | null;
    let to: number | null;
    try {
      from = resolvePosition(binding, anchor.start);
      to = resolvePosition(binding, anchor.end);
    } catch {
      // A position into a part of the Yjs tree the editor has not mapped yet: not shown for now.
      continue;
    }
    // Positions that died or collapsed with their text: look for the words themselves.
    if (from === null || to === null || to <= from || from < 0 || to > size || state.doc.textBetween(from, to, '\n').trim() === '') {
      const found = findQuote(state.doc, anchor.quote, anchor.blockId);
      if (found !== null) ranges.set(anchor.threadId, found);
      continue;
    }
    ranges.set(anchor.threadId, displaced(state, anchor, from) ?? { from, to });
  }
  return ranges;
}
