import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirror } from 'y-prosemirror';
import { block } from './outline-builder.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { buildTable } from '../../document-model/table-build.ts';
import { collectHeadings } from '../../document-model/headings.ts';
import { sectionPaths } from '../../document-model/section-paths.ts';
import { findQuote } from '../../document-model/quote-search.ts';
import { planMoveDown, sectionRange, topLevelBlockAt } from '../../document-model/sections.ts';
import { applyYMove, yMoveOf } from '../../document-model/y-moves.ts';

let n = 0;
const table = (): PMNode => buildTable([['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', 'khoảng 50%']], { headerRow: true, newId: () => `t${++n}` });
const tableWithId = (id: string): PMNode => {
  const built = table();
  return built.type.create({ id }, built.content);
};

/** h1 I › h2 I.1 (paragraph, table) › h2 I.2 (paragraph). */
function sample(): PMNode {
  return outlineSchema.node('doc', null, [block('h1:I'), block('h2:I.1'), block('p:a'), tableWithId('tbl'), block('h2:I.2'), block('p:b')]);
}

function topIds(doc: PMNode): string[] {
  const ids: string[] = [];
  doc.forEach((node) => ids.push(String(node.attrs.id)));
  return ids;
}

function posOfTop(doc: PMNode, id: string): number {
  let found = -1;
  doc.forEach((node, offset) => {
    if (node.attrs.id === id) found = offset;
  });
  assert.notEqual(found, -1);
  return found;
}

test('the outline and numbering ignore tables; a table is a block of the section above it', () => {
  const doc = sample();
  const headings = collectHeadings(doc);
  assert.deepEqual(headings.map((heading) => [heading.id, heading.number]), [['I', 'Phần I'], ['I.1', '1.'], ['I.2', '2.']]);
  assert.deepEqual(sectionPaths(headings).map((section) => section.path.join(' › ')), ['Phần I I', 'Phần I › 1. I.1', 'Phần I › 2. I.2']);
  const range = sectionRange(doc, posOfTop(doc, 'I.1'));
  assert.deepEqual(range, { from: posOfTop(doc, 'I.1'), to: posOfTop(doc, 'I.2') }, 'the section I.1 holds its table');
  // A cursor deep inside a cell belongs to the table block.
  assert.equal(topLevelBlockAt(doc, posOfTop(doc, 'tbl') + 6), posOfTop(doc, 'tbl'));
});

test('moving a section moves its table with it, in ProseMirror and as a Yjs move with every id kept', () => {
  const doc = sample();
  const plan = planMoveDown(doc, posOfTop(doc, 'I.1'));
  assert.ok(plan);
  const fragment = new Y.Doc().getXmlFragment('prosemirror');
  prosemirrorToYXmlFragment(doc, fragment);
  const move = yMoveOf(doc, plan);
  assert.ok(move);
  applyYMove(fragment, move, 'test');
  const moved = yXmlFragmentToProsemirror(outlineSchema, fragment);
  assert.deepEqual(topIds(moved), ['I', 'I.2', 'b', 'I.1', 'a', 'tbl']);
  assert.ok(moved.child(5).eq(doc.child(3)), 'the table arrives whole: rows, cells, texts and ids');
});

test('a quote inside a cell is found again by its cell paragraph\'s block id', () => {
  const doc = sample();
  const cellParagraph = doc.child(3).child(1).child(1).child(0);
  const id = String(cellParagraph.attrs.id);
  const found = findQuote(doc, 'khoảng 50%', id);
  assert.ok(found);
  assert.equal(doc.textBetween(found.from, found.to), 'khoảng 50%');
});
