import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import type { Node as PMNode, NodeType } from 'prosemirror-model';
import { blockIdsPlugin } from '../../client/editor/block-ids-plugin.ts';
import { moveBlockDown, moveBlockUp } from '../../client/editor/section-moves.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { block } from '../document-model/outline-builder.ts';

/** Alt+Shift+↑ / ↓ inside a list move the list item under the cursor among its siblings. */

function nodeType(name: string): NodeType {
  const type = outlineSchema.nodes[name];
  if (!type) throw new Error(`schema has no ${name}`);
  return type;
}
const doc = nodeType('doc');
const bulletList = nodeType('bullet_list');
const listItem = nodeType('list_item');
const paragraph = nodeType('paragraph');

function item(word: string, nested: PMNode[] = []): PMNode {
  return listItem.create({ id: `li-${word}` }, [paragraph.create({ id: `p-${word}` }, outlineSchema.text(word)), ...nested]);
}

/** p:trước, a list (một, hai [with a nested list: hai.a, hai.b], ba), p:sau. */
const sample = doc.create(null, [
  block('p:trước'),
  bulletList.create({ id: 'list' }, [item('một'), item('hai', [bulletList.create({ id: 'inner' }, [item('hai.a'), item('hai.b')])]), item('ba')]),
  block('p:sau'),
]);

/** Position just inside the text `word`. */
function inside(d: PMNode, word: string): number {
  let found = -1;
  d.descendants((node, pos) => {
    if (node.isText && node.text === word) found = pos + 1;
  });
  assert.notEqual(found, -1, `no text ${word}`);
  return found;
}

function stateAt(d: PMNode, word: string): EditorState {
  const state = EditorState.create({ doc: d, plugins: [blockIdsPlugin(() => 'fresh')] });
  return state.apply(state.tr.setSelection(TextSelection.create(d, inside(d, word))));
}

function run(state: EditorState, command: Command): { state: EditorState; dispatched: Transaction[] } {
  const dispatched: Transaction[] = [];
  let next = state;
  assert.ok(command(state, (tr) => {
    dispatched.push(tr);
    next = next.apply(tr);
  }), 'command not applicable');
  return { state: next, dispatched };
}

/** Ids of the items of the list with id `listId`, in order. */
function items(d: PMNode, listId: string): string[] {
  let out: string[] = [];
  d.descendants((node) => {
    if (node.attrs.id === listId) out = Array.from({ length: node.childCount }, (_, i) => String(node.child(i).attrs.id));
    return true;
  });
  return out;
}

function allIds(d: PMNode): string[] {
  const ids: string[] = [];
  d.descendants((node) => {
    if (node.isBlock) ids.push(String(node.attrs.id));
    return true;
  });
  return ids.sort();
}

test('Alt+Shift+↓ in a list item moves it below the next item, nested list and all, in one transaction keeping ids and the cursor', () => {
  const { state, dispatched } = run(stateAt(sample, 'hai'), moveBlockDown);
  assert.equal(dispatched.length, 1);
  assert.deepEqual(items(state.doc, 'list'), ['li-một', 'li-ba', 'li-hai']);
  assert.deepEqual(items(state.doc, 'inner'), ['li-hai.a', 'li-hai.b']);
  assert.deepEqual(allIds(state.doc), allIds(sample));
  assert.equal(state.selection.$from.parent.attrs.id, 'p-hai');
});

test('Alt+Shift+↑ moves it back up; a nested item moves inside its own list', () => {
  const down = run(stateAt(sample, 'hai'), moveBlockDown).state;
  const up = run(down, moveBlockUp).state;
  assert.deepEqual(items(up.doc, 'list'), ['li-một', 'li-hai', 'li-ba']);
  const nested = run(stateAt(sample, 'hai.b'), moveBlockUp).state;
  assert.deepEqual(items(nested.doc, 'inner'), ['li-hai.b', 'li-hai.a']);
  assert.deepEqual(items(nested.doc, 'list'), ['li-một', 'li-hai', 'li-ba']);
});

test('from the first item up (or the last item down) the whole list moves as a block', () => {
  const { state } = run(stateAt(sample, 'một'), moveBlockUp);
  const top: string[] = [];
  state.doc.forEach((node) => top.push(String(node.attrs.id)));
  assert.deepEqual(top, ['list', 'trước', 'sau']);
  assert.deepEqual(items(state.doc, 'list'), ['li-một', 'li-hai', 'li-ba']);
});
