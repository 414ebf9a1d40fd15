import type { BlockChange, Comparison } from './comparison-schema.ts';

/**
 * `comparison` without the text of its unchanged blocks, which is most of a comparison's
 * weight and nothing a reader of the changes needs: each such block keeps its place, numbers
 * and section but gets `fromText`/`toText` null, no ops and `textOmitted: true`. Headings keep
 * their text, since they name the section of every change. Moved or edited blocks are
 * untouched. Returns a new comparison; the input is not changed.
 */
export function withoutUnchangedText(comparison: Comparison): Comparison {
  const blocks = comparison.blocks.map(
    (block): BlockChange => (block.status !== 'unchanged' || block.kind === 'heading' ? block : { ...block, fromText: null, toText: null, ops: [], textOmitted: true }),
  );
  return { ...comparison, blocks };
}
