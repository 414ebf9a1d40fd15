import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { addRowAfter, deleteRow, toggleHeaderRow } from 'prosemirror-tables';
import { outlineSchema } from '../../document-model/schema.ts';
import { buildTable } from '../../document-model/table-build.ts';
import { compareDocuments, type BlockChange } from '../../server/revisions/compare/index.ts';
import { editAsBinding, inCell, replaceContent, typeInCell } from '../helpers/pm-binding.ts';

/** A revision with a section holding a 3×3 indicator table (header row), ids fixed. */
function base(): Y.Doc {
  const doc = new Y.Doc();
  let n = 0;
  editAsBinding(doc, replaceContent([
    outlineSchema.node('heading', { level: 2, id: 'h-goals' }, outlineSchema.text('Mục tiêu cụ thể')),
    outlineSchema.node('paragraph', { id: 'p-intro' }, outlineSchema.text('Các chỉ tiêu chủ yếu:')),
    buildTable(
      [['Chỉ tiêu', 'Năm 2025', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '45%', '50%'], ['Tăng trưởng GDP', '6,5%', '7%']],
      { headerRow: true, newId: () => `t${++n}` },
    ),
    outlineSchema.node('heading', { level: 2, id: 'h-tasks' }, outlineSchema.text('Nhiệm vụ')),
  ]));
  return doc;
}

/** A copy of `doc` as another client. */
function fork(doc: Y.Doc, clientID: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const changed = (blocks: readonly BlockChange[]): BlockChange[] => blocks.filter((block) => block.status !== 'unchanged');

test('every cell is one comparable unit with its table and row; an identical copy has no change', () => {
  const from = base();
  const comparison = compareDocuments(from, fork(from, 7));
  const cells = comparison.blocks.filter((block) => block.kind === 'table_cell');
  assert.equal(cells.length, 9);
  assert.deepEqual(changed(comparison.blocks), []);
  assert.equal(new Set(cells.map((cell) => cell.cell?.table)).size, 1);
  assert.equal(new Set(cells.map((cell) => cell.cell?.row)).size, 3);
  assert.deepEqual(cells.slice(0, 3).map((cell) => cell.cell?.header), [true, true, true]);
  assert.equal(cells[3]?.cell?.header, false);
  // Cells belong to the section the table stands in.
  assert.ok(cells.every((cell) => cell.sectionId === 'h-goals'));
});

test('one changed cell is exactly one modified cell with a word diff, not the table replaced', () => {
  const from = base();
  const to = fork(from, 7);
  editAsBinding(to, typeInCell(1, 2, ' trở lên'));
  const comparison = compareDocuments(from, to);
  const modified = changed(comparison.blocks);
  assert.equal(modified.length, 1);
  const [cell] = modified;
  assert.equal(cell?.kind, 'table_cell');
  assert.equal(cell?.status, 'modified');
  assert.equal(cell?.changeKind, 'text');
  assert.equal(cell?.fromText, '50%');
  assert.equal(cell?.toText, '50% trở lên');
  assert.deepEqual(cell?.ops.filter((op) => op.op !== 'equal').map((op) => [op.op, op.text.trim()]), [['insert', 'trở lên']]);
  assert.equal(comparison.summary.blocks.modified, 1);
  assert.equal(comparison.summary.sections.modified, 1);
  assert.equal(comparison.sections.find((section) => section.id === 'h-goals')?.status, 'modified');
});

test('an added row shows as its added cells in a new row; a removed row as its removed cells', () => {
  const from = base();
  const added = fork(from, 7);
  editAsBinding(added, inCell(1, 0, addRowAfter));
  editAsBinding(added, typeInCell(2, 0, 'Thu nhập bình quân'));
  const withRow = compareDocuments(from, added);
  const newCells = changed(withRow.blocks);
  assert.equal(newCells.length, 3);
  assert.ok(newCells.every((cell) => cell.status === 'added' && cell.kind === 'table_cell'));
  assert.equal(new Set(newCells.map((cell) => cell.cell?.row)).size, 1, 'the three cells share one new row');
  const oldRows = new Set(withRow.blocks.filter((block) => block.status === 'unchanged' && block.kind === 'table_cell').map((block) => block.cell?.row));
  assert.ok(!oldRows.has(newCells[0]?.cell?.row ?? ''), 'a row of its own');
  assert.equal(newCells[0]?.toText, 'Thu nhập bình quân');
  // In display order the new row sits between the rows it was added between.
  const order = withRow.blocks.filter((block) => block.kind === 'table_cell').map((block) => block.toText);
  assert.deepEqual(order.slice(3, 9), ['Tỷ lệ đô thị hoá', '45%', '50%', 'Thu nhập bình quân', '', '']);

  const removed = fork(from, 8);
  editAsBinding(removed, inCell(1, 0, deleteRow));
  const withoutRow = compareDocuments(from, removed);
  const goneCells = changed(withoutRow.blocks);
  assert.deepEqual(goneCells.map((cell) => [cell.status, cell.fromText]), [['removed', 'Tỷ lệ đô thị hoá'], ['removed', '45%'], ['removed', '50%']]);
  assert.equal(new Set(goneCells.map((cell) => cell.cell?.row)).size, 1);
});

test('turning the header row into a body row is a formatting-only change of those cells', () => {
  const from = base();
  const to = fork(from, 7);
  editAsBinding(to, inCell(0, 0, toggleHeaderRow));
  const comparison = compareDocuments(from, to);
  const cells = changed(comparison.blocks);
  assert.equal(cells.length, 3);
  assert.ok(cells.every((cell) => cell.status === 'modified' && cell.changeKind === 'formatting' && cell.cell?.header === false));
});
