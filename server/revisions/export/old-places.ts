import type { BlockChange, Comparison } from '../compare/index.ts';

/** One paragraph of an export: a block at its place in `to` (`new`), or a moved block's place in `from` (`old`). */
export interface ExportEntry {
  block: BlockChange;
  place: 'new' | 'old';
}

/**
 * The blocks of `comparison` in display order, each moved block also shown at its old place:
 * right after the block it followed in `from` (`move.after`), in `from` order. The exports
 * show the old place as a deletion and the new one as an insertion, as Word shows a move.
 */
export function withOldPlaces(comparison: Comparison): ExportEntry[] {
  const movedAfter = new Map<string | null, BlockChange[]>();
  for (const block of comparison.blocks) {
    if (block.move === undefined) continue;
    const list = movedAfter.get(block.move.after) ?? [];
    list.push(block);
    movedAfter.set(block.move.after, list);
  }
  const oldPlaces = (after: string | null): ExportEntry[] =>
    (movedAfter.get(after) ?? []).sort((a, b) => (a.move?.fromOrder ?? 0) - (b.move?.fromOrder ?? 0)).map((block) => ({ block, place: 'old' }));
  const entries = oldPlaces(null);
  for (const block of comparison.blocks) entries.push({ block, place: 'new' }, ...oldPlaces(block.id));
  return entries;
}
