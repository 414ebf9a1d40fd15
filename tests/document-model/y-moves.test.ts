import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { applyYMove, yMoveOf } from '../../document-model/y-moves.ts';
import { planMoveDown } from '../../document-model/sections.ts';
import { planListItemMove } from '../../document-model/list-moves.ts';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { outline, posOf } from './outline-builder.ts';

const ORIGIN = { source: 'test-move' };

/** A Y.Doc holding `specs` (see `outline`), with a bold word in paragraph `b`. */
function docOf(...specs: string[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  prosemirrorToYXmlFragment(outline(...specs), fragment);
  return { doc, fragment };
}

function ids(fragment: Y.XmlFragment): string[] {
  return fragment.toArray().map((child) => String((child as Y.XmlElement).getAttribute('id')));
}

test('a Yjs move of a section keeps ids, attributes and formatted text, is one update, and one undo step', () => {
  const { doc, fragment } = docOf('h1:I', 'h2:I.1', 'p:a', 'h2:I.2', 'p:b', 'h3:I.2.1', 'p:c', 'h2:I.3', 'p:d', 'h1:II');
  const b = (fragment.get(4) as Y.XmlElement).get(0) as Y.XmlText;
  b.insert(1, ' đậm', { strong: {} });
  const before = fragment.toString();
  const pm = yXmlFragmentToProseMirrorRootNode(fragment, outlineSchema);
  const plan = planMoveDown(pm, posOf(pm, 'I.2'));
  assert.ok(plan);
  const move = yMoveOf(pm, plan);
  assert.deepEqual(move, { path: [], from: 3, count: 4, insertAt: 9 });

  const undo = new Y.UndoManager(fragment, { trackedOrigins: new Set([ORIGIN]) });
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  applyYMove(fragment, move, ORIGIN);
  assert.equal(updates.length, 1, 'one update');
  assert.deepEqual(ids(fragment), ['I', 'I.1', 'a', 'I.3', 'd', 'I.2', 'b', 'I.2.1', 'c', 'II']);
  assert.equal(String((fragment.get(5) as Y.XmlElement).getAttribute('level')), '2');
  assert.match(fragment.get(6).toString(), /<paragraph id="b">b<strong> đậm<\/strong><\/paragraph>/);

  // A replica that receives the update sees the same.
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  assert.equal(replica.getXmlFragment(CONTENT_FRAGMENT).toString(), fragment.toString());

  undo.undo();
  assert.equal(fragment.toString(), before, 'one undo takes the whole move back');
  assert.equal(undo.undoStack.length, 0);
});

test('a Yjs move upwards and a move of one list item inside its list', () => {
  const { fragment } = docOf('p:x', 'p:y', 'p:z');
  applyYMove(fragment, { path: [], from: 2, count: 1, insertAt: 0 }, ORIGIN);
  assert.deepEqual(ids(fragment), ['z', 'x', 'y']);

  const doc = new Y.Doc();
  const list = doc.getXmlFragment(CONTENT_FRAGMENT);
  const bullet = outlineSchema.nodes.bullet_list;
  const item = outlineSchema.nodes.list_item;
  const paragraph = outlineSchema.nodes.paragraph;
  assert.ok(bullet && item && paragraph);
  const items = ['một', 'hai', 'ba'].map((word) => item.create({ id: `li-${word}` }, paragraph.create({ id: `p-${word}` }, outlineSchema.text(word))));
  const pm = outlineSchema.nodes.doc?.create(null, [bullet.create({ id: 'list' }, items)]);
  assert.ok(pm);
  prosemirrorToYXmlFragment(pm, list);
  // The cursor in "hai": Alt+Shift+↓ swaps it with "ba".
  let inHai = -1;
  pm.descendants((node, pos) => {
    if (node.isText && node.text === 'hai') inHai = pos + 1;
  });
  const plan = planListItemMove(pm, inHai, 1);
  assert.ok(plan);
  const move = yMoveOf(pm, plan);
  assert.deepEqual(move, { path: [0], from: 1, count: 1, insertAt: 3 });
  applyYMove(list, move, ORIGIN);
  const moved = (list.get(0) as Y.XmlElement).toArray().map((child) => (child as Y.XmlElement).getAttribute('id'));
  assert.deepEqual(moved, ['li-một', 'li-ba', 'li-hai']);
  assert.equal(planListItemMove(pm, inHai + 10, 1), null, 'the last item has nothing below it in its list');
});
