import { clampHeadingLevel } from './schema.ts';

/**
 * Hierarchical section numbers for an outline, computed from heading levels only.
 * Numbers are never stored in the document: inserting a section renumbers the ones
 * after it without a single text change.
 *
 * Convention of Vietnamese strategy documents:
 *   level 1 → "Phần I", "Phần II", …   (Roman numerals)
 *   level 2 → "1.", "2.", …            (restart under each level 1)
 *   level 3 → "1.1.", "1.2.", …        (parent level-2 number + own counter)
 *   level 4 → "a)", "b)", …            (Vietnamese letters, restart under each level 3)
 * A deeper heading with no parent of the level above still gets a number: the missing
 * parent counts as 0 ("0.1."), so a misplaced heading is visible rather than hidden.
 */

/** The Vietnamese alphabet used for level-4 items (no f, j, w, z, as in legal drafting). */
const VIETNAMESE_ITEM_LETTERS = [
  'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y',
];

/** Converts 1… to upper-case Roman numerals; values below 1 give "0". */
export function toRoman(value: number): string {
  if (value < 1) return '0';
  const table: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let rest = Math.floor(value);
  let out = '';
  for (const [n, roman] of table) {
    while (rest >= n) {
      out += roman;
      rest -= n;
    }
  }
  return out;
}

/** Letter label for the n-th (1-based) level-4 item: a, b, …, y, then aa, bb, … */
export function toItemLetter(value: number): string {
  if (value < 1) return '0';
  const size = VIETNAMESE_ITEM_LETTERS.length;
  const letter = VIETNAMESE_ITEM_LETTERS[(value - 1) % size] ?? 'a';
  return letter.repeat(Math.floor((value - 1) / size) + 1);
}

/**
 * Returns the display number of each heading, in order, given their levels.
 * The result has the same length as `levels`; levels outside 1–4 are clamped.
 */
export function computeSectionNumbers(levels: readonly unknown[]): string[] {
  const counters = [0, 0, 0, 0];
  return levels.map((raw) => {
    const level = clampHeadingLevel(raw);
    counters[level - 1] = (counters[level - 1] ?? 0) + 1;
    for (let deeper = level; deeper < counters.length; deeper++) counters[deeper] = 0;
    const [part = 0, section = 0, subsection = 0, item = 0] = counters;
    switch (level) {
      case 1:
        return `Phần ${toRoman(part)}`;
      case 2:
        return `${section}.`;
      case 3:
        return `${section}.${subsection}.`;
      default:
        return `${toItemLetter(item)})`;
    }
  });
}
