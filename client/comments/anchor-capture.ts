import type { EditorState } from 'prosemirror-state';
import { absolutePositionToRelativePosition } from 'y-prosemirror';
import * as Y from 'yjs';
import type { ThreadAnchor } from '../api/comment-records.ts';
import { bytesToBase64 } from './base64.ts';
import { yBindingOf } from './y-binding.ts';

/**
 * The current selection as a comment anchor: both ends as base64 `Y.encodeRelativePosition`
 * (so they follow later edits, everyone's), the selected text (NFC, blocks joined by a line
 * break) and the `id` of the block that contains the start. Null when nothing is selected,
 * the selection is only whitespace, or the editor is not bound to Yjs yet.
 */
export function captureAnchor(state: EditorState): ThreadAnchor | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const quote = state.doc.textBetween(from, to, '\n').normalize('NFC');
  if (quote.trim() === '') return null;
  const binding = yBindingOf(state);
  if (binding === null) return null;
  const encode = (pos: number): string => {
    const relative: unknown = absolutePositionToRelativePosition(pos, binding.type, binding.mapping);
    if (!(relative instanceof Y.RelativePosition)) throw new Error('y-prosemirror returned no relative position');
    return bytesToBase64(Y.encodeRelativePosition(relative));
  };
  return { start: encode(from), end: encode(to), quote, blockId: blockIdAt(state, from) };
}

/** The `id` attribute of the innermost block around `pos` that has one, or null. */
export function blockIdAt(state: EditorState, pos: number): string | null {
  const $pos = state.doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    const id: unknown = $pos.node(depth).attrs.id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return null;
}
