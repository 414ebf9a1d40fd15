import type { Node as PMNode } from 'prosemirror-model';
import { Selection, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import * as Y from 'yjs';
import { ySyncPluginKey, yUndoPluginKey, type ProsemirrorBinding } from 'y-prosemirror';
import type { MovePlan } from '../../document-model/sections.ts';
import { applyYMove, yMoveOf, yParentAt, type YMove } from '../../document-model/y-moves.ts';

/**
 * Transaction origin of this editor's block moves made on the Yjs content. Local to the browser
 * (origins never travel); the y-prosemirror undo manager tracks it, so Ctrl+Z takes a move back.
 */
export const Y_MOVE_ORIGIN = { source: 'outline-move' } as const;

/** The sync binding of `state` when it is bound to a mounted view showing exactly `state`. */
function liveBinding(state: EditorState): (ProsemirrorBinding & { prosemirrorView: EditorView }) | null {
  const binding: unknown = ySyncPluginKey.getState(state)?.binding;
  if (!binding || typeof binding !== 'object' || !('prosemirrorView' in binding)) return null;
  const bound = binding as ProsemirrorBinding & { prosemirrorView: EditorView | null };
  return bound.prosemirrorView && bound.prosemirrorView.state === state ? (bound as ProsemirrorBinding & { prosemirrorView: EditorView }) : null;
}

/** True when the Y children under `move.path` are, one for one, the ProseMirror nodes the binding rendered from them. */
function mirrors(binding: ProsemirrorBinding, doc: PMNode, move: YMove): boolean {
  let node: PMNode = doc;
  for (const index of move.path) {
    if (index >= node.childCount) return false;
    node = node.child(index);
  }
  const parent = yParentAt(binding.type, move.path);
  if (!parent || parent.length !== node.childCount) return false;
  const children = parent.toArray();
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!(child instanceof Y.XmlElement) || binding.mapping.get(child) !== node.child(i)) return false;
  }
  return true;
}

/**
 * Performs `plan` (whose ProseMirror result is `expected`) as one Yjs transaction on the bound
 * fragment instead of a ProseMirror transaction: the moved elements are deleted and cloned at
 * the target (see `document-model/y-moves.ts`), y-prosemirror renders the result, and the
 * selection `expected` ends with is then set. One undo step of its own. Returns false, doing
 * nothing, when `state` is not the current state of a view bound to Yjs or its Yjs content does
 * not mirror the document one for one; the caller then dispatches `expected` itself.
 */
export function dispatchYMove(state: EditorState, dispatch: (tr: Transaction) => void, plan: MovePlan, expected: Transaction): boolean {
  const binding = liveBinding(state);
  const move = binding ? yMoveOf(state.doc, plan) : null;
  if (!binding || !move || !mirrors(binding, state.doc, move)) return false;
  const undoManager = yUndoPluginKey.getState(state)?.undoManager;
  undoManager?.addTrackedOrigin(Y_MOVE_ORIGIN);
  undoManager?.stopCapturing();
  applyYMove(binding.type, move, Y_MOVE_ORIGIN);
  undoManager?.stopCapturing();
  const now = binding.prosemirrorView.state;
  if (now.doc.eq(expected.doc)) {
    dispatch(now.tr.setSelection(Selection.fromJSON(now.doc, expected.selection.toJSON())).scrollIntoView());
  }
  return true;
}
