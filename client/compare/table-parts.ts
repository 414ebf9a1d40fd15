import type { BlockChange, RedlineOp } from '../api/comparison-records.ts';
import { h } from '../ui/dom.ts';
import { rowStatus, type TableRunRow } from '../../document-model/table-runs.ts';
import { blockAttrs, renderTags, renderWords } from './block-parts.ts';

/**
 * Tables in the comparison views: consecutive cells of one table (see `groupTableRuns`) are
 * shown as a `table.compare-table`, each cell with its own redline, a changed cell marked
 * (`compare-table__cell--modified`), a row whose cells were all added or removed coloured as a
 * whole (`compare-table__row--added` / `--removed`).
 */

/** What a cell shows: its block, whether it is context only, and the ops of the side shown. */
export interface TableCellView {
  block: BlockChange;
  context: boolean;
  ops: readonly RedlineOp[];
}

function renderCell(view: TableCellView): HTMLTableCellElement {
  const { block } = view;
  const place = block.cell;
  const attrs: Record<string, string> = { ...blockAttrs(block, view.context) };
  if (place && place.colspan > 1) attrs.colspan = String(place.colspan);
  if (place && place.rowspan > 1) attrs.rowspan = String(place.rowspan);
  const modified = block.status === 'modified' || block.moved;
  const tags = block.status === 'added' || block.status === 'removed' ? [] : renderTags(block);
  return h(place?.header === true ? 'th' : 'td', {
    className: `diff-block diff-block--${block.status}${modified ? ' compare-table__cell--modified' : ''}`,
    attrs,
  }, [h('span', { className: 'diff-block__text' }, renderWords(block, view.ops)), ...tags]);
}

/** A table of `rows` (cells already chosen and given the ops of the side shown). */
export function renderCompareTable(table: string, rows: readonly TableRunRow<TableCellView>[]): HTMLTableElement {
  const body = rows
    .filter((row) => row.items.length > 0)
    .map((row) => {
      const status = rowStatus(row.items.map((item) => item.block.status));
      return h('tr', { className: status === null ? 'compare-table__row' : `compare-table__row compare-table__row--${status}`, attrs: { 'data-row': row.row } }, row.items.map(renderCell));
    });
  return h('table', { className: 'compare-table', attrs: { 'data-table': table } }, [h('tbody', {}, body)]);
}
