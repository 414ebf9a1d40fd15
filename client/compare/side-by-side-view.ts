import type { BlockChange } from '../api/comparison-records.ts';
import { h } from '../ui/dom.ts';
import { blockAttrs, blockTag, renderNumber, renderTags, renderWords } from './block-parts.ts';
import { sideBySideRows, type SideCell, type VisibleBlock } from './view-model.ts';

function cell(block: BlockChange, side: SideCell | null, which: 'from' | 'to'): HTMLTableCellElement {
  if (side === null) return h('td', { className: `diff-side diff-side--${which} diff-side--empty`, attrs: { 'data-side': which } });
  return h('td', { className: `diff-side diff-side--${which}`, attrs: { 'data-side': which } }, [
    h(blockTag(block), { className: 'diff-block__text' }, [...renderNumber(side.number), ...renderWords(block, side.ops)]),
  ]);
}

/**
 * "Xem song song": a two-column table, the `from` version left and the `to` version right,
 * one row per visible block in display order (see `sideBySideRows`); the first row of each
 * section is marked for a divider. Column headings are the versions' labels.
 */
export function renderSideBySide(visible: readonly VisibleBlock[], labels: { from: string; to: string }): HTMLElement {
  const rows = sideBySideRows(visible).map((row) =>
    h('tr', { className: `diff-row diff-block--${row.block.status}${row.sectionStart ? ' diff-row--section-start' : ''}`, attrs: blockAttrs(row.block, row.context) }, [
      cell(row.block, row.left, 'from'),
      cell(row.block, row.right, 'to'),
      h('td', { className: 'diff-row__tags' }, renderTags(row.block)),
    ]),
  );
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
