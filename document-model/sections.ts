import type { Node as PMNode } from 'prosemirror-model';
import { clampHeadingLevel, MAX_HEADING_LEVEL } from './schema.ts';

/**
 * Pure section geometry of the flat outline (no view, no transaction): which top-level
 * blocks form a section, and where a section or block goes when it moves or changes level.
 * A section is a heading with every following top-level block down to the next heading of
 * the same or a higher level (level ≤ its own); any other block is a section of one.
 * All positions are positions of `doc`, at top-level block boundaries.
 */

/** A half-open range `[from, to)` of whole top-level blocks. */
export interface BlockRange {
  from: number;
  to: number;
}

/** A move: cut `[from, to)` and put it back at `insertAt`, a block boundary outside `(from, to)` in the same `doc`. */
export interface MovePlan extends BlockRange {
  insertAt: number;
}

/** A heading to give a new level. */
export interface LevelChange {
  pos: number;
  level: number;
}

interface TopBlock {
  pos: number;
  end: number;
  node: PMNode;
}

function topBlocks(doc: PMNode): TopBlock[] {
  const blocks: TopBlock[] = [];
  doc.forEach((node, offset) => blocks.push({ pos: offset, end: offset + node.nodeSize, node }));
  return blocks;
}

/** The heading level of `node`, or null for a block that is not a heading. */
function headingLevel(node: PMNode): number | null {
  return node.type.name === 'heading' ? clampHeadingLevel(node.attrs.level) : null;
}

/** Index of the top-level block starting at `pos`, or -1 when no block starts there. */
function indexAt(blocks: readonly TopBlock[], pos: number): number {
  return blocks.findIndex((block) => block.pos === pos);
}

/** Index just past the section of the block at `index` (see the module comment). */
function sectionEndIndex(blocks: readonly TopBlock[], index: number): number {
  const first = blocks[index];
  const level = first ? headingLevel(first.node) : null;
  if (level === null) return index + 1;
  let end = index + 1;
  while (end < blocks.length) {
    const next = blocks[end];
    const nextLevel = next ? headingLevel(next.node) : null;
    if (nextLevel !== null && nextLevel <= level) break;
    end++;
  }
  return end;
}

function rangeOf(blocks: readonly TopBlock[], start: number, end: number): BlockRange {
  const first = blocks[start];
  const last = blocks[end - 1];
  if (!first || !last) throw new Error('empty block range');
  return { from: first.pos, to: last.end };
}

/**
 * Position of the top-level block that contains `pos` (a block boundary counts as the
 * block after it; the document's end as the last block). Null for an empty document.
 */
export function topLevelBlockAt(doc: PMNode, pos: number): number | null {
  const blocks = topBlocks(doc);
  const containing = blocks.find((block) => pos >= block.pos && pos < block.end) ?? blocks[blocks.length - 1];
  return containing ? containing.pos : null;
}

/**
 * The section that starts with the top-level block at `blockPos`: for a heading, the heading
 * and everything under it; for any other block, that block alone. Null when no top-level
 * block starts at `blockPos`.
 */
export function sectionRange(doc: PMNode, blockPos: number): BlockRange | null {
  const blocks = topBlocks(doc);
  const index = indexAt(blocks, blockPos);
  if (index < 0) return null;
  return rangeOf(blocks, index, sectionEndIndex(blocks, index));
}

/**
 * Moving the block at `blockPos` one step up, as Word's Alt+Shift+↑ does with a collapsed
 * outline. A non-heading block swaps with the block before it. A heading moves with its
 * section above the previous section of the same level under the same parent; when it is
 * its parent's first subsection, it moves above the parent heading (ending the previous
 * parent's section). Null when there is nothing above or `blockPos` starts no block.
 */
export function planMoveUp(doc: PMNode, blockPos: number): MovePlan | null {
  const blocks = topBlocks(doc);
  const index = indexAt(blocks, blockPos);
  const block = blocks[index];
  if (!block || index === 0) return null;
  const level = headingLevel(block.node);
  const range = rangeOf(blocks, index, sectionEndIndex(blocks, index));
  const previous = blocks[index - 1];
  if (level === null || !previous) return previous ? { ...range, insertAt: previous.pos } : null;
  for (let before = index - 1; before >= 0; before--) {
    const candidate = blocks[before];
    const candidateLevel = candidate ? headingLevel(candidate.node) : null;
    if (candidate && candidateLevel !== null && candidateLevel <= level) return { ...range, insertAt: candidate.pos };
  }
  // No heading above: the section moves above the preamble's last block.
  return { ...range, insertAt: previous.pos };
}

/**
 * Moving the block at `blockPos` one step down, the mirror of `planMoveUp`. A non-heading
 * block swaps with the block after it. A heading moves with its section below the next
 * section of the same level; when the next heading is of a higher level (the section is
 * its parent's last subsection), it moves below that heading and its introductory text,
 * becoming the next parent's first subsection. Null at the end of the document.
 */
export function planMoveDown(doc: PMNode, blockPos: number): MovePlan | null {
  const blocks = topBlocks(doc);
  const index = indexAt(blocks, blockPos);
  const block = blocks[index];
  if (!block) return null;
  const end = sectionEndIndex(blocks, index);
  const next = blocks[end];
  if (!next) return null;
  const range = rangeOf(blocks, index, end);
  const level = headingLevel(block.node);
  const nextLevel = headingLevel(next.node);
  if (level === null || nextLevel === null) return { ...range, insertAt: next.end };
  if (nextLevel === level) return { ...range, insertAt: rangeOf(blocks, end, sectionEndIndex(blocks, end)).to };
  // A higher-level heading follows: skip it and its text up to its first heading.
  let after = end + 1;
  while (after < blocks.length) {
    const candidate = blocks[after];
    if (!candidate || headingLevel(candidate.node) !== null) break;
    after++;
  }
  const last = blocks[after - 1];
  return last ? { ...range, insertAt: last.end } : null;
}

/**
 * Moving the section starting at `blockPos` to just before the top-level block at `targetPos`
 * (the outline panel's drop), or to the end of the document when `targetPos` is null. Null
 * when either position starts no block, or the target lies inside the section or right after
 * it (the document would not change).
 */
export function planMoveBefore(doc: PMNode, blockPos: number, targetPos: number | null): MovePlan | null {
  const range = sectionRange(doc, blockPos);
  if (!range) return null;
  const insertAt = targetPos ?? doc.content.size;
  if (targetPos !== null && indexAt(topBlocks(doc), targetPos) < 0) return null;
  if (insertAt >= range.from && insertAt <= range.to) return null;
  return { ...range, insertAt };
}

/**
 * The level changes that promote (`delta` = -1) or demote (`delta` = +1) the heading at
 * `headingPos` together with the headings of its subsections, which keep their relative
 * depth. Null when `headingPos` is not a heading or any of these headings would leave 1–4.
 */
export function planLevelChange(doc: PMNode, headingPos: number, delta: -1 | 1): LevelChange[] | null {
  const blocks = topBlocks(doc);
  const index = indexAt(blocks, headingPos);
  const block = blocks[index];
  if (!block || headingLevel(block.node) === null) return null;
  const changes: LevelChange[] = [];
  for (let i = index; i < sectionEndIndex(blocks, index); i++) {
    const inner = blocks[i];
    const level = inner ? headingLevel(inner.node) : null;
    if (!inner || level === null) continue;
    const next = level + delta;
    if (next < 1 || next > MAX_HEADING_LEVEL) return null;
    changes.push({ pos: inner.pos, level: next });
  }
  return changes;
}

/** First position inside `node` (at `pos`) where text can go: the start of its first textblock. */
function firstTextPos(node: PMNode, pos: number): number {
  const child = node.firstChild;
  return node.isTextblock || !child ? pos + 1 : firstTextPos(child, pos + 1);
}

/** Last position inside `node` (at `pos`) where text can go: the end of its last textblock. */
function lastTextPos(node: PMNode, pos: number): number {
  const child = node.lastChild;
  return node.isTextblock || !child ? pos + node.nodeSize - 1 : lastTextPos(child, pos + node.nodeSize - 1 - child.nodeSize);
}

/**
 * The whole top-level blocks that a text selection `[from, to]` covers exactly: it spans at
 * least two of them, starts at the first one's first text position and ends at the last
 * one's last text position. Null otherwise, and when it covers the whole document (which
 * cannot be left empty).
 */
export function wholeBlocksCovered(doc: PMNode, from: number, to: number): BlockRange | null {
  const blocks = topBlocks(doc);
  const first = blocks.findIndex((block) => from >= block.pos && from < block.end);
  const last = blocks.findIndex((block) => to > block.pos && to <= block.end);
  const firstBlock = blocks[first];
  const lastBlock = blocks[last];
  if (!firstBlock || !lastBlock || last <= first) return null;
  if (firstTextPos(firstBlock.node, firstBlock.pos) !== from || lastTextPos(lastBlock.node, lastBlock.pos) !== to) return null;
  if (first === 0 && last === blocks.length - 1) return null;
  return { from: firstBlock.pos, to: lastBlock.end };
}
