import { h } from '../ui/dom.ts';
import { groupTableRuns } from '../../document-model/table-runs.ts';
import { blockAttrs, blockTag, renderNumber, renderTags, renderWords } from './block-parts.ts';
import { renderCompareTable } from './table-parts.ts';
import { blockNumber, type VisibleBlock } from './view-model.ts';

/**
 * "Xem gộp": the visible blocks in display order, each with its number and its word-level
 * redline (`ins.diff-insert` / `del.diff-delete`), whole added and removed blocks marked by
 * their `data-block-status`, and notes for moved, whitespace-only and formatting-only blocks.
 * Table cells are laid out as their table, each cell with its own redline (`table-parts.ts`).
 */
export function renderRedline(visible: readonly VisibleBlock[]): HTMLElement {
  const blocks = groupTableRuns(visible, (entry) => entry.block.cell).map((run) => {
    if (run.kind === 'table') {
      const rows = run.rows.map((row) => ({ row: row.row, items: row.items.map(({ block, context }) => ({ block, context, ops: block.ops })) }));
      return renderCompareTable(run.table, rows);
    }
    const { block, context } = run.item;
    return h('div', { className: `diff-block diff-block--${block.status}`, attrs: blockAttrs(block, context) }, [
      h(blockTag(block), { className: 'diff-block__text' }, [...renderNumber(blockNumber(block)), ...renderWords(block, block.ops)]),
      ...renderTags(block),
    ]);
  });
  return h('div', { className: 'diff-redline' }, blocks);
}
