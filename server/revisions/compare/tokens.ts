/**
 * Vietnamese-aware tokens and word counts. Vietnamese words are space-separated syllables
 * with diacritics ("Bộ Quốc phòng"); after NFC every syllable is one run of letters, so a token
 * is a maximal run of letters, marks and digits, a run of whitespace, or one other character.
 * A diff over these tokens can never cut a syllable in two.
 */

const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const WHITESPACE_RUN = /\s+/gu;
const ONLY_WHITESPACE = /^\s+$/u;

/** Splits NFC text into word, whitespace and punctuation tokens; joining them gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Number of words (Unicode letter/digit runs) in `text`. */
export function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count += 1;
  return count;
}

/** The words of `text`, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** `text` with every whitespace run turned into one space, trimmed: equal results mean a whitespace-only change. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

/** True for a non-empty string made only of whitespace. */
export function isWhitespace(text: string): boolean {
  return ONLY_WHITESPACE.test(text);
}

/** A multiset of words, for similarity. */
export interface WordBag {
  size: number;
  counts: Map<string, number>;
}

/** Counts the words of `text`. */
export function wordBag(text: string): WordBag {
  const counts = new Map<string, number>();
  const list = words(text);
  for (const word of list) counts.set(word, (counts.get(word) ?? 0) + 1);
  return { size: list.length, counts };
}

/**
 * Word-level similarity in [0, 1]: the Dice coefficient of the two word multisets
 * (2·common / (|a| + |b|)). Two texts without words are fully similar.
 */
export function similarity(a: WordBag, b: WordBag): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let common = 0;
  for (const [word, count] of small.counts) common += Math.min(count, large.counts.get(word) ?? 0);
  return (2 * common) / (a.size + b.size);
}
