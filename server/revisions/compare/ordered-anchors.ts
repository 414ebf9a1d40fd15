/**
 * Which id-matched blocks kept their order (the anchors), and so which ones moved.
 */
import { longestIncreasingSubsequence } from './lis.ts';
import type { OutlineBlock } from './types.ts';

/** How many of the sorted `values` are below `value` (binary search). */
export function countBelow(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** True when a matched block is the very same Yjs item in both versions. */
function isSameItem(fromBlock: OutlineBlock | undefined, toBlock: OutlineBlock | undefined): boolean {
  return fromBlock?.itemId != null && fromBlock.itemId === toBlock?.itemId;
}

/**
 * The `to` indices of the matched blocks that kept their order, ascending; every other matched
 * block moved. `matchedTo` lists the matched `to` indices in order, `fromOf` their partners.
 *
 * A Yjs item never moves, so blocks that are the same item in both versions are anchors by
 * right: they are in order with each other, and a block someone moved was re-created under a
 * new item. Among the other matched blocks, those between the same two same-item anchors on
 * both sides keep the longest increasing run of them; the rest moved. Without any same-item
 * block (versions built apart), this is the longest increasing subsequence of all matches.
 * This is what makes the block a person moved the one reported as moved, where a plain
 * longest increasing subsequence would pick between two sections of equal size by chance.
 */
export function orderedAnchors(from: readonly OutlineBlock[], to: readonly OutlineBlock[], matchedTo: readonly number[], fromOf: Int32Array): number[] {
  const sure = matchedTo.filter((toIndex) => isSameItem(from[fromOf[toIndex] ?? -1], to[toIndex]));
  const sureFrom = sure.map((toIndex) => fromOf[toIndex] ?? -1);
  // Same items are in order by construction; a damaged state could break that, so check.
  const inOrder = sureFrom.every((value, index) => index === 0 || value > (sureFrom[index - 1] ?? -1));
  const anchors = inOrder ? [...sure] : longestIncreasingSubsequence(sureFrom).map((k) => sure[k] ?? -1);
  const anchorsFrom = anchors.map((toIndex) => fromOf[toIndex] ?? -1);
  const isAnchor = new Set(anchors);
  // The others, grouped by the gap between anchors they fall in on both sides.
  const byGap = new Map<number, number[]>();
  for (const toIndex of matchedTo) {
    if (isAnchor.has(toIndex)) continue;
    const gap = countBelow(anchors, toIndex);
    if (gap !== countBelow(anchorsFrom, fromOf[toIndex] ?? -1)) continue;
    const members = byGap.get(gap) ?? [];
    members.push(toIndex);
    byGap.set(gap, members);
  }
  for (const members of byGap.values()) {
    const run = longestIncreasingSubsequence(members.map((toIndex) => fromOf[toIndex] ?? -1));
    for (const k of run) anchors.push(members[k] ?? -1);
  }
  return anchors.sort((a, b) => a - b);
}
