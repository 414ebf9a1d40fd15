import type { BlockChange } from '../api/comparison-records.ts';
import { h } from '../ui/dom.ts';
import { groupTableRuns, type TableRunRow } from '../../document-model/table-runs.ts';
import { blockAttrs, blockTag, renderNumber, renderTags, renderWords } from './block-parts.ts';
import { renderCompareTable, type TableCellView } from './table-parts.ts';
import { sideBySideRows, type SideBySideRow, type SideCell, type VisibleBlock } from './view-model.ts';

function cell(block: BlockChange, side: SideCell | null, which: 'from' | 'to'): HTMLTableCellElement {
  if (side === null) return h('td', { className: `diff-side diff-side--${which} diff-side--empty`, attrs: { 'data-side': which } });
  return h('td', { className: `diff-side diff-side--${which}`, attrs: { 'data-side': which } }, [
    h(blockTag(block), { className: 'diff-block__text' }, [...renderNumber(side.number), ...renderWords(block, side.ops)]),
  ]);
}

/** One side of a table: the cells that exist in that version, with that side's ops. */
function tableSide(rows: readonly TableRunRow<SideBySideRow>[], which: 'from' | 'to'): TableRunRow<TableCellView>[] {
  return rows.map((row) => ({
    row: row.row,
    items: row.items.flatMap((entry) => {
      const side = which === 'from' ? entry.left : entry.right;
      return side === null ? [] : [{ block: entry.block, context: entry.context, ops: side.ops }];
    }),
  }));
}

/** A whole table as one row of the view: the table as it was on the left, as it is on the right. */
function tableRow(table: string, rows: readonly TableRunRow<SideBySideRow>[]): HTMLTableRowElement {
  const first = rows[0]?.items[0];
  const changed = rows.some((row) => row.items.some((entry) => entry.block.status !== 'unchanged'));
  const side = (which: 'from' | 'to'): HTMLTableCellElement => {
    const cells = tableSide(rows, which);
    const empty = cells.every((row) => row.items.length === 0);
    return h('td', { className: `diff-side diff-side--${which}${empty ? ' diff-side--empty' : ''}`, attrs: { 'data-side': which } }, empty ? [] : [renderCompareTable(table, cells)]);
  };
  return h('tr', {
    className: `diff-row diff-row--table diff-block--${changed ? 'modified' : 'unchanged'}${first?.sectionStart === true ? ' diff-row--section-start' : ''}`,
    attrs: { 'data-table': table },
  }, [side('from'), side('to'), h('td', { className: 'diff-row__tags' })]);
}

/**
 * "Xem song song": a two-column table, the `from` version left and the `to` version right,
 * one row per visible block in display order (see `sideBySideRows`); the first row of each
 * section is marked for a divider. Column headings are the versions' labels. A table is one
 * row: the table as it was on the left, as it is on the right, changed cells marked.
 */
export function renderSideBySide(visible: readonly VisibleBlock[], labels: { from: string; to: string }): HTMLElement {
  const rows = groupTableRuns(sideBySideRows(visible), (row) => row.block.cell).map((run) => {
    if (run.kind === 'table') return tableRow(run.table, run.rows);
    const row = run.item;
    return h('tr', { className: `diff-row diff-block--${row.block.status}${row.sectionStart ? ' diff-row--section-start' : ''}`, attrs: blockAttrs(row.block, row.context) }, [
      cell(row.block, row.left, 'from'),
      cell(row.block, row.right, 'to'),
      h('td', { className: 'diff-row__tags' }, renderTags(row.block)),
    ]);
  });
  return h('table', { className: 'diff-side-by-side' }, [
    h('thead', {}, [
      h('tr', {}, [
        h('th', { text: labels.from, attrs: { scope: 'col' } }),
        h('th', { text: labels.to, attrs: { scope: 'col' } }),
        h('th', { className: 'visually-hidden-cell', attrs: { scope: 'col' } }),
      ]),
    ]),
    h('tbody', {}, rows),
  ]);
}
