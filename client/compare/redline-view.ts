import { h } from '../ui/dom.ts';
import { blockAttrs, blockTag, renderNumber, renderTags, renderWords } from './block-parts.ts';
import { blockNumber, type VisibleBlock } from './view-model.ts';

/**
 * "Xem gộp": the visible blocks in display order, each with its number and its word-level
 * redline (`ins.diff-insert` / `del.diff-delete`), whole added and removed blocks marked by
 * their `data-block-status`, and notes for moved, whitespace-only and formatting-only blocks.
 */
export function renderRedline(visible: readonly VisibleBlock[]): HTMLElement {
  const blocks = visible.map(({ block, context }) =>
    h('div', { className: `diff-block diff-block--${block.status}`, attrs: blockAttrs(block, context) }, [
      h(blockTag(block), { className: 'diff-block__text' }, [...renderNumber(blockNumber(block)), ...renderWords(block, block.ops)]),
      ...renderTags(block),
    ]),
  );
  return h('div', { className: 'diff-redline' }, blocks);
}
