/**
 * Matches the blocks of two versions: by id, then by similarity within the gaps left
 * between blocks that kept their order, then by similarity at any distance; blocks matched
 * out of order are moved.
 */
import { orderedAnchors } from './ordered-anchors.ts';
import { pairAcrossGaps } from './pair-moved.ts';
import { similarity, wordBag, type WordBag } from './tokens.ts';
import type { OutlineBlock } from './types.ts';

/** Share of common words (Dice) from which an unmatched removed and added block are one block. */
export const SIMILARITY_THRESHOLD = 0.6;

/** Candidates looked at per added block when pairing by similarity (bounds a gap to O(n·window)). */
const PAIRING_WINDOW = 50;

/** Result of matching: `toOf[fromIndex]` and `fromOf[toIndex]` (-1 when unmatched), and moved `to` indices. */
export interface BlockMatching {
  toOf: Int32Array;
  fromOf: Int32Array;
  /** Per `to` index: matched but out of order. */
  moved: Uint8Array;
  /** Per `to` index: paired by similarity rather than by id. */
  paired: Uint8Array;
}

/** True for a key that is the block's own id (not missing, not a later duplicate). */
function matchableKey(block: OutlineBlock): boolean {
  return block.attributeId !== null && block.id === block.attributeId;
}

/**
 * Matches `from` to `to`:
 * 1. by id (first occurrence of an id only);
 * 2. the id matches that kept their order are anchors (see `orderedAnchors`); the others are moved;
 * 3. in each gap between consecutive anchors, unmatched blocks of the same kind that are at
 *    least `SIMILARITY_THRESHOLD` similar are paired, in order (greedy, bounded window);
 * 4. the blocks still unmatched are paired the same way at any distance (`pairAcrossGaps`),
 *    as moved when they changed gap.
 */
export function matchBlocks(from: readonly OutlineBlock[], to: readonly OutlineBlock[]): BlockMatching {
  const toOf = new Int32Array(from.length).fill(-1);
  const fromOf = new Int32Array(to.length).fill(-1);
  const moved = new Uint8Array(to.length);
  const paired = new Uint8Array(to.length);

  const fromIndexById = new Map<string, number>();
  from.forEach((block, index) => {
    if (matchableKey(block)) fromIndexById.set(block.id, index);
  });
  const matchedTo: number[] = [];
  to.forEach((block, toIndex) => {
    if (!matchableKey(block)) return;
    const fromIndex = fromIndexById.get(block.id);
    if (fromIndex === undefined) return;
    toOf[fromIndex] = toIndex;
    fromOf[toIndex] = fromIndex;
    matchedTo.push(toIndex);
  });

  const anchors = orderedAnchors(from, to, matchedTo, fromOf);
  const isAnchor = new Uint8Array(to.length);
  for (const toIndex of anchors) isAnchor[toIndex] = 1;
  for (const toIndex of matchedTo) if (isAnchor[toIndex] === 0) moved[toIndex] = 1;

  // Gaps: between anchors k-1 and k, in both sequences.
  let fromStart = 0;
  let toStart = 0;
  for (let k = 0; k <= anchors.length; k += 1) {
    const toEnd = k < anchors.length ? (anchors[k] ?? to.length) : to.length;
    const fromEnd = k < anchors.length ? (fromOf[toEnd] ?? from.length) : from.length;
    pairGap(from, to, fromStart, fromEnd, toStart, toEnd, toOf, fromOf, paired);
    fromStart = fromEnd + 1;
    toStart = toEnd + 1;
  }
  pairAcrossGaps(from, to, anchors, { toOf, fromOf, moved, paired }, SIMILARITY_THRESHOLD);
  return { toOf, fromOf, moved, paired };
}

/** Pairs similar unmatched blocks inside one gap, keeping their order. */
function pairGap(
  from: readonly OutlineBlock[],
  to: readonly OutlineBlock[],
  fromStart: number,
  fromEnd: number,
  toStart: number,
  toEnd: number,
  toOf: Int32Array,
  fromOf: Int32Array,
  paired: Uint8Array,
): void {
  const removed: number[] = [];
  for (let i = fromStart; i < fromEnd; i += 1) if (toOf[i] === -1) removed.push(i);
  if (removed.length === 0) return;
  const bags = new Map<number, WordBag>();
  const bagOf = (index: number): WordBag => {
    let bag = bags.get(index);
    if (bag === undefined) {
      bag = wordBag(from[index]?.text ?? '');
      bags.set(index, bag);
    }
    return bag;
  };
  let cursor = 0;
  for (let j = toStart; j < toEnd && cursor < removed.length; j += 1) {
    const added = to[j];
    if (added === undefined || fromOf[j] !== -1) continue;
    const addedBag = wordBag(added.text);
    let best = -1;
    let bestScore = SIMILARITY_THRESHOLD;
    const limit = Math.min(removed.length, cursor + PAIRING_WINDOW);
    for (let c = cursor; c < limit; c += 1) {
      const candidate = from[removed[c] ?? -1];
      if (candidate === undefined || candidate.kind !== added.kind) continue;
      const candidateBag = bagOf(removed[c] ?? -1);
      // Dice can never exceed 2·min/(a+b): skip hopeless pairs without counting.
      const total = candidateBag.size + addedBag.size;
      if (total > 0 && (2 * Math.min(candidateBag.size, addedBag.size)) / total < bestScore) continue;
      const score = similarity(candidateBag, addedBag);
      if (score >= bestScore && (best === -1 || score > bestScore)) {
        best = c;
        bestScore = score;
      }
    }
    if (best === -1) continue;
    const fromIndex = removed[best] ?? -1;
    toOf[fromIndex] = j;
    fromOf[j] = fromIndex;
    paired[j] = 1;
    cursor = best + 1;
  }
}
