import type { BlockChange, ChangeStatus, Comparison, RedlineOp } from '../api/comparison-records.ts';
import type { MessageKey } from '../i18n/index.ts';
import { isPartNumber } from '../../document-model/section-reference.ts';

/**
 * What the comparison views show, computed from a `Comparison` without touching the DOM:
 * which blocks the filters keep, the notes ("tags") of each block and the rows of the
 * side-by-side view. Display order is always the server's.
 */

/** The two checkboxes of the compare page. */
export interface CompareFilters {
  /** "Ẩn thay đổi chỉ về khoảng trắng/định dạng". */
  hideMinor: boolean;
  /** "Chỉ hiện phần thay đổi". */
  onlyChanges: boolean;
}

/** A block the views show; `context` marks an unchanged heading kept to name the section of a shown change. */
export interface VisibleBlock {
  block: BlockChange;
  context: boolean;
}

/** True when a block's only change is whitespace or formatting. */
export function isMinorChange(block: BlockChange): boolean {
  return block.status === 'modified' && (block.changeKind === 'whitespace' || block.changeKind === 'formatting');
}

/** True when a block counts as a change under `filters`: a minor change does not when minor changes are hidden, unless the block also moved. */
function countsAsChange(block: BlockChange, filters: CompareFilters): boolean {
  if (block.status === 'unchanged') return false;
  if (filters.hideMinor && isMinorChange(block)) return block.moved;
  return true;
}

/**
 * The blocks to show, in display order. `hideMinor` drops whitespace- and formatting-only
 * blocks (a moved one stays: the move is a real change). `onlyChanges` drops blocks that
 * did not change, except the heading of a section holding a shown change, which stays as
 * `context` so the change keeps its section number.
 */
export function visibleBlocks(comparison: Comparison, filters: CompareFilters): VisibleBlock[] {
  const kept = comparison.blocks.filter((block) => !filters.hideMinor || !isMinorChange(block) || block.moved);
  if (!filters.onlyChanges) return kept.map((block) => ({ block, context: false }));
  const sectionsWithChanges = new Set(kept.filter((block) => countsAsChange(block, filters)).map((block) => block.sectionId));
  const visible: VisibleBlock[] = [];
  for (const block of kept) {
    if (countsAsChange(block, filters)) visible.push({ block, context: false });
    else if (block.kind === 'heading' && sectionsWithChanges.has(block.id)) visible.push({ block, context: true });
  }
  return visible;
}

/** The number shown before a block: its heading number now, or then for a removed heading; null for other blocks. */
export function blockNumber(block: BlockChange): string | null {
  return block.toNumber ?? block.fromNumber;
}

/** A note shown next to a block: a UI string key and its parameters. */
export interface BlockTag {
  /** Stable name for CSS and tests (`data-tag`). */
  name: 'added' | 'removed' | 'moved' | 'whitespace' | 'formatting' | 'coarse';
  key: MessageKey;
  params?: Record<string, string>;
}

/** The note at a moved block's new place: "Đã chuyển từ mục 2." (or "… từ Phần I"), plain "Di chuyển" when it came from before the first heading. */
function movedTag(fromSection: string | null): BlockTag {
  if (fromSection === null) return { name: 'moved', key: 'compare.tag.moved' };
  return { name: 'moved', key: isPartNumber(fromSection) ? 'compare.tag.movedFromPart' : 'compare.tag.movedFrom', params: { number: fromSection } };
}

/**
 * The notes of a block: added / removed; moved, on the first block of what moved together
 * (a section with its blocks): the section it came from, as the exports say it; whitespace-
 * or formatting-only; too long for a word diff.
 */
export function blockTags(block: BlockChange): BlockTag[] {
  const tags: BlockTag[] = [];
  if (block.status === 'added') tags.push({ name: 'added', key: 'compare.tag.added' });
  if (block.status === 'removed') tags.push({ name: 'removed', key: 'compare.tag.removed' });
  if (block.moved && block.move?.first !== false) tags.push(movedTag(block.move?.fromSection ?? null));
  if (block.status === 'modified' && block.changeKind === 'whitespace') tags.push({ name: 'whitespace', key: 'compare.tag.whitespace' });
  if (block.status === 'modified' && block.changeKind === 'formatting') tags.push({ name: 'formatting', key: 'compare.tag.formatting' });
  if (block.coarse === true) tags.push({ name: 'coarse', key: 'compare.tag.coarse' });
  return tags;
}

/** One side of a side-by-side row: the block as it reads in that version, with its share of the redline. */
export interface SideCell {
  number: string | null;
  /** `equal` and `delete` ops on the left, `equal` and `insert` ops on the right. */
  ops: RedlineOp[];
}

/** One row of the side-by-side view. */
export interface SideBySideRow {
  block: BlockChange;
  context: boolean;
  /** True for the first row of a section (a heading, or the first row after the filters hid the heading). */
  sectionStart: boolean;
  /** Null when the block did not exist in `from` (added). */
  left: SideCell | null;
  /** Null when the block does not exist in `to` (removed). */
  right: SideCell | null;
}

/**
 * Aligns the visible blocks in two columns, one row per block in display order, so a
 * block faces itself across versions: an added block has an empty left cell, a removed
 * one an empty right cell, a moved block sits at its new place on both sides.
 */
export function sideBySideRows(visible: readonly VisibleBlock[]): SideBySideRow[] {
  let previousSection: string | null | undefined;
  return visible.map(({ block, context }, index) => {
    const sectionStart = block.kind === 'heading' || index === 0 || block.sectionId !== previousSection;
    previousSection = block.sectionId;
    return {
      block,
      context,
      sectionStart,
      // An unchanged block whose text was left out is on both sides all the same.
      left: block.fromText === null && block.textOmitted !== true ? null : { number: block.fromNumber, ops: block.ops.filter((op) => op.op !== 'insert') },
      right: block.toText === null && block.textOmitted !== true ? null : { number: block.toNumber, ops: block.ops.filter((op) => op.op !== 'delete') },
    };
  });
}

/** The UI string key of a status ("Thêm mới", "Đã xóa", …). */
export function statusKey(status: ChangeStatus): MessageKey {
  return `compare.status.${status}`;
}

/**
 * True when the views as filtered need text that `comparison` left out: some unchanged
 * block's text was omitted and the filters show unchanged blocks.
 */
export function needsFullText(comparison: Comparison, filters: CompareFilters): boolean {
  return !filters.onlyChanges && comparison.blocks.some((block) => block.textOmitted === true);
}

/** True when the two versions have no difference at all. */
export function isIdentical(comparison: Comparison): boolean {
  return comparison.blocks.every((block) => block.status === 'unchanged');
}
