import type { BlockChange, RedlineOp } from '../api/comparison-records.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { blockTags } from './view-model.ts';

/**
 * DOM pieces shared by the inline and side-by-side views. Document text only ever goes in
 * through textContent. An insertion is `<ins class="diff-insert">` (its `title` names the
 * authors), a deletion `<del class="diff-delete">`, unchanged words a plain text node.
 */

/** One redline op as a node. */
export function renderOp(op: RedlineOp): Node {
  if (op.op === 'equal') return document.createTextNode(op.text);
  if (op.op === 'delete') return h('del', { className: 'diff-delete', text: op.text });
  const authors = op.authors ?? [];
  const attrs: Record<string, string> = authors.length > 0 ? { title: t('compare.insertedBy', { names: authors.join(', ') }), 'data-authors': authors.join(', ') } : {};
  return h('ins', { className: 'diff-insert', text: op.text, attrs });
}

/**
 * A block's words as nodes: its redline `ops`, or, for an unchanged block whose text the
 * first, changes-only answer left out (`textOmitted`), a placeholder until the full
 * comparison arrives.
 */
export function renderWords(block: BlockChange, ops: readonly RedlineOp[]): Node[] {
  if (block.textOmitted === true) return [h('span', { className: 'diff-pending', text: '…', attrs: { 'aria-busy': 'true' } })];
  return ops.map(renderOp);
}

/** The section number before a block, or nothing. */
export function renderNumber(number: string | null): Array<Node | string> {
  return number === null ? [] : [h('span', { className: 'diff-number', text: number }), ' '];
}

/** The notes of a block ("Thêm mới", "Di chuyển từ 2.", …), translated now (pages re-render on a language change). */
export function renderTags(block: BlockChange): HTMLElement[] {
  return blockTags(block).map((tag) => h('span', { className: `diff-tag diff-tag--${tag.name}`, text: t(tag.key, tag.params), attrs: { 'data-tag': tag.name } }));
}

/** The element name of a block: headings keep their level, other blocks are paragraphs (list items indented by CSS). */
export function blockTag(block: BlockChange): 'h2' | 'h3' | 'h4' | 'h5' | 'p' {
  if (block.kind !== 'heading') return 'p';
  const level = Math.min(Math.max(block.level, 1), 4);
  return level === 1 ? 'h2' : level === 2 ? 'h3' : level === 3 ? 'h4' : 'h5';
}

/** Attributes every rendered block carries: `data-block-id`, `data-block-status`, kind, level, and flags for tests and CSS. */
export function blockAttrs(block: BlockChange, context: boolean): Record<string, string> {
  const attrs: Record<string, string> = {
    'data-block-id': block.id,
    'data-block-status': block.status,
    'data-kind': block.kind,
    'data-level': String(block.level),
  };
  if (block.moved) attrs['data-moved'] = 'true';
  if (block.changeKind !== null) attrs['data-change-kind'] = block.changeKind;
  if (context) attrs['data-context'] = 'true';
  return attrs;
}
