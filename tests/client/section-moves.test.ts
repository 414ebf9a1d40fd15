import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { blockIdsPlugin } from '../../client/editor/block-ids-plugin.ts';
import { demoteSection, moveBlockDown, moveBlockUp, moveSectionBefore, promoteSection } from '../../client/editor/section-moves.ts';
import { outline, posOf } from '../document-model/outline-builder.ts';

/** The top-level blocks as "id" or "id@level" for headings. */
function blocks(d: PMNode): string[] {
  const out: string[] = [];
  d.forEach((node) => out.push(node.type.name === 'heading' ? `${String(node.attrs.id)}@${String(node.attrs.level)}` : String(node.attrs.id)));
  return out;
}

/** Every block id of `d`, nested ones included. */
function allIds(d: PMNode): string[] {
  const ids: string[] = [];
  d.descendants((node) => {
    if (node.isBlock) ids.push(String(node.attrs.id));
    return true;
  });
  return ids.sort();
}

/** A state over `d` with the block-id plugin, the cursor `offset` characters into block `id`. */
function stateAt(d: PMNode, id: string, offset = 1): EditorState {
  const state = EditorState.create({ doc: d, plugins: [blockIdsPlugin(() => 'fresh')] });
  return state.apply(state.tr.setSelection(TextSelection.create(d, posOf(d, id) + offset)));
}

/** Runs `command`, returning the new state and the transactions it dispatched. */
function run(state: EditorState, command: Command): { state: EditorState; dispatched: Transaction[] } {
  const dispatched: Transaction[] = [];
  let next = state;
  const applicable = command(state, (tr) => {
    dispatched.push(tr);
    next = next.apply(tr);
  });
  assert.ok(applicable, 'command not applicable');
  return { state: next, dispatched };
}

const sample = outline('h1:I', 'h2:I.1', 'p:a', 'h2:I.2', 'p:b', 'h3:I.2.1', 'p:c', 'h2:I.3', 'p:d', 'h1:II', 'p:e');

test('Alt+Shift+↓ moves section I.2 below I.3 in one transaction, keeping every id and the cursor', () => {
  const { state, dispatched } = run(stateAt(sample, 'I.2', 2), moveBlockDown);
  assert.equal(dispatched.length, 1);
  assert.deepEqual(blocks(state.doc), ['I@1', 'I.1@2', 'a', 'I.3@2', 'd', 'I.2@2', 'b', 'I.2.1@3', 'c', 'II@1', 'e']);
  // The block-id plugin found nothing to fix: same ids, none fresh.
  assert.deepEqual(allIds(state.doc), allIds(sample));
  assert.equal(state.selection.$from.parent.attrs.id, 'I.2');
  assert.equal(state.selection.$from.parentOffset, 1);
});

test('Alt+Shift+↑ moves it back; at the top nothing is applicable', () => {
  const down = run(stateAt(sample, 'I.2'), moveBlockDown).state;
  const up = run(down, moveBlockUp).state;
  assert.deepEqual(blocks(up.doc), blocks(sample));
  assert.equal(moveBlockUp(stateAt(sample, 'I')), false);
});

test('a drop before a heading moves the dragged section there', () => {
  const { state } = run(stateAt(sample, 'a'), moveSectionBefore(posOf(sample, 'I.2'), posOf(sample, 'II')));
  assert.deepEqual(blocks(state.doc), ['I@1', 'I.1@2', 'a', 'I.3@2', 'd', 'I.2@2', 'b', 'I.2.1@3', 'c', 'II@1', 'e']);
  assert.equal(moveSectionBefore(posOf(sample, 'I.2'), posOf(sample, 'I.3'))(stateAt(sample, 'a')), false);
});

test('promote and demote take the subsection headings along; paragraphs have no level', () => {
  const demoted = run(stateAt(sample, 'I.2'), demoteSection).state;
  assert.deepEqual(blocks(demoted.doc).slice(3, 7), ['I.2@3', 'b', 'I.2.1@4', 'c']);
  const promoted = run(stateAt(sample, 'I.2'), promoteSection).state;
  assert.deepEqual(blocks(promoted.doc).slice(3, 8), ['I.2@1', 'b', 'I.2.1@2', 'c', 'I.3@2']);
  assert.equal(demoteSection(stateAt(sample, 'b')), false);
  assert.equal(demoteSection(run(stateAt(sample, 'I.2'), demoteSection).state), false, 'I.2.1 cannot go below level 4');
});
