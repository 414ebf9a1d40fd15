import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { addColumnAfter, addRowAfter, CellSelection, mergeCells, splitCell } from 'prosemirror-tables';
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirror } from 'y-prosemirror';
import * as Y from 'yjs';
import { BLOCK_NODE_NAMES, outlineSchema } from '../../document-model/schema.ts';
import { blockIdFixes } from '../../document-model/block-ids.ts';
import { buildTable, emptyTable } from '../../document-model/table-build.ts';
import { blockIdsPlugin } from '../../client/editor/block-ids-plugin.ts';

const { doc, paragraph, heading, table_cell: tableCell } = outlineSchema.nodes;
if (!doc || !paragraph || !heading || !tableCell) throw new Error('schema is missing a node type');

function counter(prefix = 'new'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

function blockIds(node: PMNode): Array<string | null> {
  const found: Array<string | null> = [];
  node.descendants((child) => {
    if (BLOCK_NODE_NAMES.has(child.type.name)) found.push((child.attrs.id as string | null) ?? null);
    return true;
  });
  return found;
}

function assertUniqueIds(node: PMNode): void {
  const ids = blockIds(node);
  assert.ok(ids.every((id) => typeof id === 'string' && id !== ''), `every block has an id: ${JSON.stringify(ids)}`);
  assert.equal(new Set(ids).size, ids.length, `ids are unique: ${JSON.stringify(ids)}`);
}

/** Position inside the first paragraph of cell (row, column) of the table at `tablePos`. */
function cellTextPos(d: PMNode, tablePos: number, row: number, column: number): number {
  const table = d.nodeAt(tablePos);
  assert.ok(table);
  let pos = tablePos + 1;
  for (let r = 0; r < row; r++) pos += table.child(r).nodeSize;
  pos += 1;
  for (let c = 0; c < column; c++) pos += table.child(row).child(c).nodeSize;
  return pos + 2;
}

test('a table is a top-level block with header and body cells, and the document checks', () => {
  const table = buildTable([['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '50%']], { headerRow: true, newId: counter('t') });
  const d = doc.create(null, [heading.create({ level: 1, id: 'h' }, outlineSchema.text('Mục tiêu')), table]);
  d.check();
  assert.equal(d.child(1).type.name, 'table');
  assert.equal(d.child(1).child(0).child(0).type.name, 'table_header');
  assert.equal(d.child(1).child(1).child(0).type.name, 'table_cell');
  assert.equal(d.child(1).child(1).child(0).textContent, 'Tỷ lệ đô thị hoá'.normalize('NFC'));
  assertUniqueIds(d);
  const again = outlineSchema.nodeFromJSON(d.toJSON());
  assert.ok(again.eq(d), 'JSON round trip keeps the table and its ids');
});

test('a cell cannot hold a heading (a table never opens a section)', () => {
  assert.throws(() => tableCell.create(null, heading.create({ level: 1 })).check());
  assert.doesNotThrow(() => tableCell.create(null, paragraph.create()).check());
});

test('missing ids in a table are all assigned: table, rows, cells and cell paragraphs', () => {
  const d = doc.create(null, [emptyTable(2, 3)]);
  const fixes = blockIdFixes(d, () => true, counter());
  assert.equal(fixes.length, 1 + 2 + 2 * 3 * 2);
});

test('adding rows and columns, merging and splitting cells keep every id present and unique', () => {
  let state = EditorState.create({ doc: doc.create(null, [buildTable([['a', 'b'], ['c', 'd']], { newId: counter('t') })]), plugins: [blockIdsPlugin(counter('fresh'))] });
  const run = (command: (s: EditorState, dispatch: (tr: import('prosemirror-state').Transaction) => void) => boolean): void => {
    assert.ok(command(state, (tr) => { state = state.apply(tr); }), 'command applies');
  };
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, cellTextPos(state.doc, 0, 0, 0))));
  run(addRowAfter);
  run(addColumnAfter);
  assertUniqueIds(state.doc);
  assert.equal(state.doc.child(0).childCount, 3);
  assert.equal(state.doc.child(0).child(0).childCount, 3);

  const from = state.doc.resolve(cellTextPos(state.doc, 0, 0, 0) - 2);
  const to = state.doc.resolve(cellTextPos(state.doc, 0, 0, 1) - 2);
  state = state.apply(state.tr.setSelection(new CellSelection(from, to)));
  run(mergeCells);
  assert.equal(state.doc.child(0).child(0).child(0).attrs.colspan, 2);
  run(splitCell);
  assert.equal(state.doc.child(0).child(0).childCount, 3);
  assertUniqueIds(state.doc);
});

test('a table survives the Yjs round trip with its ids, spans and column widths', () => {
  const table = buildTable([['Chỉ tiêu', 'Giá trị']], { newId: counter('t') });
  const withWidths = table.type.create(table.attrs, table.child(0).type.create(table.child(0).attrs, [
    table.child(0).child(0).type.create({ ...table.child(0).child(0).attrs, colwidth: [120] }, table.child(0).child(0).content),
    table.child(0).child(1),
  ]));
  const d = doc.create(null, [withWidths]);
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment('prosemirror');
  prosemirrorToYXmlFragment(d, fragment);
  const back = yXmlFragmentToProsemirror(outlineSchema, fragment);
  assert.deepEqual(back.toJSON(), d.toJSON());
});
