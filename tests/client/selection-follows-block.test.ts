import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { selectionFollowsBlockPlugin } from '../../client/editor/selection-follows-block-plugin.ts';
import { outline, posOf } from '../document-model/outline-builder.ts';

/** A colleague's move re-renders the whole document; the cursor stays in the block it was in. */

const before = outline('h2:I.2', 'p:nội dung hai', 'h2:I.3', 'p:ba', 'p:cuối');
const moved = outline('h2:I.3', 'p:ba', 'h2:I.2', 'p:nội dung hai', 'p:cuối');

function typingIn(id: string, offset: number): EditorState {
  const state = EditorState.create({ doc: before, plugins: [selectionFollowsBlockPlugin()] });
  return state.apply(state.tr.setSelection(TextSelection.create(before, posOf(before, id) + 1 + offset)));
}

/** The whole-document replacement y-prosemirror dispatches for a remote change. */
function remote(state: EditorState, meta: Record<string, boolean> = { isChangeOrigin: true }): EditorState {
  const tr = state.tr.replaceWith(0, state.doc.content.size, moved.content).setMeta(ySyncPluginKey, meta);
  return state.applyTransaction(tr).state;
}

test('after a remote move the cursor is back in its block at the same offset', () => {
  const state = remote(typingIn('nội dung hai', 4));
  assert.equal(state.selection.$from.parent.attrs.id, 'nội dung hai');
  assert.equal(state.selection.$from.parentOffset, 4);
});

test('local changes and undo / redo are left alone', () => {
  const local = typingIn('nội dung hai', 4);
  const after = local.applyTransaction(local.tr.replaceWith(0, local.doc.content.size, moved.content)).state;
  assert.notEqual(after.selection.$from.parent.attrs.id, 'nội dung hai');
  const undone = remote(typingIn('nội dung hai', 4), { isChangeOrigin: true, isUndoRedoOperation: true });
  assert.notEqual(undone.selection.$from.parent.attrs.id, 'nội dung hai');
});
