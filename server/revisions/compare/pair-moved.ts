/**
 * Pairs, at any distance, the removed and added blocks that are one block moved under a new id.
 */
import { countBelow } from './ordered-anchors.ts';
import { similarity, wordBag, type WordBag } from './tokens.ts';
import type { OutlineBlock } from './types.ts';

/** Words looked up per added block: its rarest ones among the removed blocks. */
const PROBE_WORDS = 4;
/** A word in more removed blocks than this is too common to find a partner by. */
const MAX_POSTINGS = 64;

/** The matching arrays `pairAcrossGaps` completes (see `BlockMatching`). */
export interface MatchingArrays {
  toOf: Int32Array;
  fromOf: Int32Array;
  moved: Uint8Array;
  paired: Uint8Array;
}

/**
 * Pairs each still unmatched added block with the unmatched removed block of the same kind it
 * is most similar to (at least `threshold`), wherever both are: copy, paste and delete; a
 * plain-text paste; a retyped paragraph. Candidates come from an index of the removed blocks'
 * words, probed with the added block's rarest words, so the work stays near linear in the
 * document. A pair that does not sit between the same two anchors on both sides is moved.
 */
export function pairAcrossGaps(
  from: readonly OutlineBlock[],
  to: readonly OutlineBlock[],
  anchors: readonly number[],
  matching: MatchingArrays,
  threshold: number,
): void {
  const { toOf, fromOf, moved, paired } = matching;
  const bags = new Map<number, WordBag>();
  const postings = new Map<string, number[]>();
  from.forEach((block, fromIndex) => {
    if (toOf[fromIndex] !== -1) return;
    const bag = wordBag(block.text);
    bags.set(fromIndex, bag);
    for (const word of bag.counts.keys()) {
      const list = postings.get(word) ?? [];
      if (list.length <= MAX_POSTINGS) list.push(fromIndex);
      postings.set(word, list);
    }
  });
  if (bags.size === 0) return;
  const anchorsFrom = anchors.map((toIndex) => fromOf[toIndex] ?? -1);
  to.forEach((added, toIndex) => {
    if (fromOf[toIndex] !== -1) return;
    const addedBag = wordBag(added.text);
    const probes = [...addedBag.counts.keys()]
      .map((word) => postings.get(word))
      .filter((list): list is number[] => list !== undefined && list.length <= MAX_POSTINGS)
      .sort((a, b) => a.length - b.length)
      .slice(0, PROBE_WORDS);
    let best = -1;
    let bestScore = threshold;
    for (const fromIndex of new Set(probes.flat())) {
      const candidate = from[fromIndex];
      const candidateBag = bags.get(fromIndex);
      if (candidate === undefined || candidateBag === undefined || toOf[fromIndex] !== -1 || candidate.kind !== added.kind) continue;
      const score = similarity(candidateBag, addedBag);
      if (score >= bestScore && (best === -1 || score > bestScore)) {
        best = fromIndex;
        bestScore = score;
      }
    }
    if (best === -1) return;
    toOf[best] = toIndex;
    fromOf[toIndex] = best;
    paired[toIndex] = 1;
    if (countBelow(anchors, toIndex) !== countBelow(anchorsFrom, best)) moved[toIndex] = 1;
  });
}
