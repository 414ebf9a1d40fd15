import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection } from 'prosemirror-state';
import { splitBlock } from 'prosemirror-commands';
import type { Node as PMNode } from 'prosemirror-model';
import { outlineSchema } from '../../document-model/schema.ts';
import { blockIdFixes, isEmptyPlaceholder, randomBlockId } from '../../document-model/block-ids.ts';
import { blockIdsPlugin } from '../../client/editor/block-ids-plugin.ts';
import { ySyncPluginKey } from 'y-prosemirror';

const { doc, paragraph, heading, bullet_list: bulletList, list_item: listItem } = outlineSchema.nodes;
if (!doc || !paragraph || !heading || !bulletList || !listItem) throw new Error('schema is missing a node type');

function counter(prefix = 'new'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

function ids(node: PMNode): Array<string | null> {
  const found: Array<string | null> = [];
  node.descendants((child) => {
    if (child.isBlock) found.push((child.attrs.id as string | null) ?? null);
    return true;
  });
  return found;
}

test('randomBlockId gives 12 base-36 characters, different each time', () => {
  const a = randomBlockId();
  assert.match(a, /^[0-9a-z]{12}$/);
  assert.notEqual(a, randomBlockId());
});

test('a document whose ids are all present and unique needs no fix', () => {
  const d = doc.create(null, [
    heading.create({ level: 1, id: 'h1' }, outlineSchema.text('Phần mở đầu')),
    paragraph.create({ id: 'p1' }, outlineSchema.text('Nội dung')),
    bulletList.create({ id: 'l1' }, [listItem.create({ id: 'i1' }, paragraph.create({ id: 'p2' }))]),
  ]);
  assert.deepEqual(blockIdFixes(d, () => true, counter()), []);
});

test('missing ids are assigned, nested blocks included; generated ids never collide with existing ones', () => {
  const d = doc.create(null, [
    paragraph.create({ id: 'new-1' }),
    bulletList.create(null, [listItem.create(null, paragraph.create())]),
  ]);
  const fixes = blockIdFixes(d, () => true, counter());
  assert.deepEqual(
    fixes.map((fix) => fix.id),
    ['new-2', 'new-3', 'new-4'],
  );
});

test('a duplicated id stays on the pre-existing block and the copy gets a fresh one', () => {
  const d = doc.create(null, [
    paragraph.create({ id: 'dup' }, outlineSchema.text('pasted copy')),
    paragraph.create({ id: 'dup' }, outlineSchema.text('original')),
    paragraph.create({ id: 'other' }),
  ]);
  const secondPos = d.child(0).nodeSize;
  const copyPos = 0;
  const fixes = blockIdFixes(d, (pos) => pos === secondPos || pos > secondPos, counter());
  assert.deepEqual(fixes, [{ pos: copyPos, id: 'new-1' }]);
  const noHint = blockIdFixes(d, undefined, counter());
  assert.deepEqual(noHint, [{ pos: secondPos, id: 'new-1' }], 'without a hint the first occurrence keeps the id');
});

test('the plugin gives the second half of a split paragraph a fresh id and leaves the first alone', () => {
  let state = EditorState.create({
    doc: doc.create(null, [paragraph.create({ id: 'keep' }, outlineSchema.text('Chiến lược phát triển')), paragraph.create({ id: 'p2' })]),
    plugins: [blockIdsPlugin(counter('fresh'))],
  });
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 10)));
  splitBlock(state, (tr) => {
    state = state.apply(tr);
  });
  assert.equal(state.doc.childCount, 3);
  assert.deepEqual(ids(state.doc), ['keep', 'fresh-1', 'p2']);
  assert.equal(state.doc.child(0).textContent, 'Chiến lượ');
});

test('the plugin does not touch a document with unique ids', () => {
  let state = EditorState.create({
    doc: doc.create(null, [paragraph.create({ id: 'a' }, outlineSchema.text('x'))]),
    plugins: [blockIdsPlugin(counter())],
  });
  const before = state.doc.child(0);
  state = state.apply(state.tr.insertText('yz', 2));
  assert.equal(state.doc.child(0).attrs.id, 'a');
  assert.equal(state.doc.child(0).textContent, 'xyz');
  assert.notEqual(state.doc.child(0), before);
});

test('the plugin ignores remote (y-sync) transactions and the empty placeholder', () => {
  let state = EditorState.create({ schema: outlineSchema, plugins: [blockIdsPlugin(counter())] });
  assert.ok(isEmptyPlaceholder(state.doc));
  state = state.apply(state.tr.setMeta('something', true));
  assert.equal(state.doc.child(0).attrs.id, null, 'no id for the untouched placeholder');

  const remote = state.tr.insert(state.doc.content.size, paragraph.create(null, outlineSchema.text('từ xa')));
  remote.setMeta(ySyncPluginKey, { isChangeOrigin: true });
  state = state.apply(remote);
  assert.deepEqual(ids(state.doc), [null, null], 'remote content is left to its author');

  state = state.apply(state.tr.insertText('a', 1));
  assert.deepEqual(ids(state.doc), ['new-1', 'new-2'], 'the next local edit repairs every block');
});
