import type { EditorState, Transaction } from 'prosemirror-state';
import { yUndoPluginKey } from 'y-prosemirror';

/**
 * Dispatches `tr` as an undo step of its own: the Yjs undo manager would otherwise merge it
 * with edits made within its capture interval (500 ms) before or after, and one Ctrl+Z would
 * take back a move together with the typing next to it. Without an undo manager in `state`
 * (tests, static views) it simply dispatches.
 */
export function dispatchAsOwnStep(state: EditorState, dispatch: (tr: Transaction) => void, tr: Transaction): void {
  const undoManager = yUndoPluginKey.getState(state)?.undoManager;
  undoManager?.stopCapturing();
  dispatch(tr);
  undoManager?.stopCapturing();
}
