import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { addRowAfter, deleteRow } from 'prosemirror-tables';
import { outlineSchema } from '../../document-model/schema.ts';
import { buildTable } from '../../document-model/table-build.ts';
import { compareDocuments, type Comparison } from '../../server/revisions/compare/index.ts';
import { comparisonToDocx, comparisonToHtml } from '../../server/revisions/export/index.ts';
import { editAsBinding, inCell, replaceContent, typeInCell } from '../helpers/pm-binding.ts';
import { unzip } from '../helpers/zip.ts';

/** Draft 1 → draft 2 of an indicator table: one cell edited, a row added, a row removed. */
function tableComparison(): Comparison {
  const from = new Y.Doc();
  let n = 0;
  editAsBinding(from, replaceContent([
    outlineSchema.node('heading', { level: 2, id: 'h-goals' }, outlineSchema.text('Mục tiêu cụ thể')),
    buildTable(
      [['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '50%'], ['Tỷ lệ hộ nghèo', 'dưới 3%'], ['Tăng trưởng GDP', '7%']],
      { headerRow: true, newId: () => `t${++n}` },
    ),
  ]));
  const to = new Y.Doc();
  to.clientID = 501;
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
  editAsBinding(to, typeInCell(1, 1, ' trở lên'));
  editAsBinding(to, inCell(2, 0, deleteRow));
  editAsBinding(to, inCell(2, 0, addRowAfter));
  editAsBinding(to, typeInCell(3, 0, 'Thu nhập bình quân'));
  return compareDocuments(from, to);
}

const meta = { title: 'Chiến lược', fromLabel: 'Dự thảo lần 1', toLabel: 'Dự thảo lần 2', date: new Date('2026-12-02T08:54:00Z') };

test('the printable HTML shows the table with the change in its cell and the added and removed rows', () => {
  const comparison = tableComparison();
  const html = comparisonToHtml(comparison, meta, 'vi');
  const tables = html.match(/<table class="cells"[^]*?<\/table>/gu) ?? [];
  assert.equal(tables.length, 1, 'one document table');
  const table = tables[0] ?? '';
  const rows = table.match(/<tr\b[^]*?<\/tr>/gu) ?? [];
  assert.equal(rows.length, 5, 'header, three kept or added rows and the removed one');
  assert.match(rows[0] ?? '', /<th class="cell unchanged"[^>]*>Chỉ tiêu<\/th>/u);
  assert.match(rows[1] ?? '', /<td class="cell modified"[^>]*>50%<ins[^>]*> trở lên<\/ins><\/td>/u, 'the word diff is in the changed cell');
  assert.match(rows[2] ?? '', /^<tr class="row removed"/u);
  assert.match(rows[2] ?? '', /<del>Tỷ lệ hộ nghèo<\/del>/u);
  assert.match(rows[4] ?? '', /^<tr class="row added"/u);
  assert.match(rows[4] ?? '', /<ins[^>]*>Thu nhập bình quân<\/ins>/u);
  assert.doesNotMatch(html, /<p class="[^"]*" data-block-id="t\d+"/u, 'no cell is written as a loose paragraph');
});

test('the Word comparison has the table with tracked changes inside the right cells', async () => {
  const comparison = tableComparison();
  const xml = unzip(await comparisonToDocx(comparison, meta)).get('word/document.xml')?.toString('utf8') ?? '';
  const tables = xml.match(/<w:tbl>[^]*?<\/w:tbl>/gu) ?? [];
  assert.equal(tables.length, 2, 'the summary table and the document table');
  const table = tables[1] ?? '';
  const rows = table.match(/<w:tr>[^]*?<\/w:tr>|<w:tr [^]*?<\/w:tr>/gu) ?? [];
  assert.equal(rows.length, 5);
  assert.match(rows[0] ?? '', /<w:tblHeader\/>/u, 'the header row repeats on every page');
  const cells = (row: string): string[] => row.match(/<w:tc>[^]*?<\/w:tc>/gu) ?? [];
  const changedCell = cells(rows[1] ?? '')[1] ?? '';
  assert.match(changedCell, /<w:t[^>]*>50%<\/w:t>/u);
  assert.match(changedCell, /<w:ins\b[^>]*>[^]*<w:t[^>]*> trở lên<\/w:t>[^]*<\/w:ins>/u, 'the insertion is tracked in that cell');
  assert.doesNotMatch(cells(rows[1] ?? '')[0] ?? '', /<w:ins\b/u, 'the cell beside it has no change');
  assert.match(rows[2] ?? '', /<w:delText[^>]*>Tỷ lệ hộ nghèo<\/w:delText>/u, 'the removed row is deleted text');
  assert.match(rows[4] ?? '', /<w:ins\b[^>]*>[^]*Thu nhập bình quân/u, 'the added row is inserted text');
});
