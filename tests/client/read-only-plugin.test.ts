import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { readOnlyPlugin, readOnlyPluginKey } from '../../client/editor/read-only-plugin.ts';
import { outline, posOf } from '../document-model/outline-builder.ts';

/** The read-only plugin's rules on a state (no browser): which transactions it lets through, what it marks the view with. */

const doc = outline('h1:Bối cảnh', 'p:Tăng cường năng lực');

function readOnly(): EditorState {
  return EditorState.create({ doc, plugins: [readOnlyPlugin()] });
}

test('local changes are refused: typing, deleting, marks', () => {
  const state = readOnly();
  const at = posOf(doc, 'Tăng cường năng lực') + 1;
  const strong = state.schema.marks.strong;
  assert.ok(strong);
  for (const tr of [
    state.tr.insertText('chèn', at),
    state.tr.delete(at, at + 4),
    state.tr.addMark(at, at + 4, strong.create()),
  ]) {
    const after = state.applyTransaction(tr).state;
    assert.ok(after.doc.eq(doc), 'the document is unchanged');
  }
});

test('selection changes and the shared document mirrored into the editor go through', () => {
  const state = readOnly();
  const at = posOf(doc, 'Tăng cường năng lực') + 1;
  const selected = state.apply(state.tr.setSelection(TextSelection.create(doc, at, at + 4)));
  assert.equal(selected.selection.from, at);
  assert.equal(selected.selection.to, at + 4);
  const remote = state.apply(state.tr.insertText('Nâng cao ', at).setMeta(ySyncPluginKey, { isChangeOrigin: true }));
  assert.equal(remote.doc.lastChild?.textContent, 'Nâng cao Tăng cường năng lực');
});

test('the view is marked read-only, with no on-screen keyboard', () => {
  const plugin = readOnlyPluginKey.get(readOnly());
  assert.ok(plugin);
  assert.deepEqual(plugin.props.attributes, { 'aria-readonly': 'true', inputmode: 'none' });
});
