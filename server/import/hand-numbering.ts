/**
 * Hand-typed numbering at the start of a paragraph, as most Vietnamese drafts are numbered:
 * "PHẦN I" / "Phần thứ nhất", "I.", "1.", "1.1.", "1.1.1.", "a)", and "-" / "+" bullets.
 * The workspace computes section numbers from heading levels, so an imported heading loses
 * its typed number; the kind of number also tells its level when the file has no heading
 * styles.
 */

/** The kinds of typed numbers, outermost first (their order is their rank). */
export const NUMBER_KINDS = ['part', 'roman', 'decimal', 'decimal2', 'decimal3', 'letter'] as const;

/** A kind of typed section number. */
export type NumberKind = (typeof NUMBER_KINDS)[number];

/** What a paragraph starts with: a section number, a bullet, or nothing. */
export type LeadingMark =
  | { type: 'number'; kind: NumberKind; label: string; rest: string; consumed: number }
  | { type: 'bullet'; bullet: '-' | '+'; rest: string; consumed: number }
  | { type: 'none' };

const ORDINALS = 'nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười(?:\\s+\\S+)?';
const SEPARATOR = '\\s*[.:\\-–—)]?\\s*';

const PATTERNS: ReadonlyArray<{ kind: NumberKind; pattern: RegExp }> = [
  { kind: 'part', pattern: new RegExp(`^(phần\\s+(?:thứ\\s+(?:${ORDINALS})|[IVXLC]+\\b|\\d+\\b))${SEPARATOR}`, 'iu') },
  { kind: 'roman', pattern: /^([IVXLC]+)\s*[.)]\s*/u },
  // Sub-numbers start at 1 and have at most two digits: "1.000 người" is a thousand, not a section.
  { kind: 'decimal3', pattern: /^(\d{1,3}\.[1-9]\d?\.[1-9]\d?\.?)\s+/u },
  { kind: 'decimal2', pattern: /^(\d{1,3}\.[1-9]\d?\.?)\s+/u },
  { kind: 'decimal', pattern: /^(\d{1,3}[.)])\s+/u },
  { kind: 'letter', pattern: /^([a-zđ]\))\s*/u },
];

/**
 * Recognises the typed number or bullet `text` starts with. A number must be followed by
 * text (a paragraph that is only "1." is no section); `rest` is the text after the number
 * and its separator, trimmed, and `consumed` how many characters of `text` come before it
 * (leading spaces, the number, its separator). Roman numerals are upper case ("I.", "IV."), letters lower
 * case ("a)"), as written in drafts; "1.1" without its final dot counts too.
 */
export function leadingMark(text: string): LeadingMark {
  const trimmed = text.trimStart();
  const consumedAfter = (length: number): number => {
    const after = trimmed.slice(length);
    return text.length - trimmed.length + length + (after.length - after.trimStart().length);
  };
  const bullet = /^([-–+•])\s+/u.exec(trimmed);
  if (bullet) {
    const rest = trimmed.slice(bullet[0].length).trim();
    if (rest !== '') return { type: 'bullet', bullet: bullet[1] === '+' ? '+' : '-', rest, consumed: consumedAfter(bullet[0].length) };
  }
  for (const { kind, pattern } of PATTERNS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const rest = trimmed.slice(match[0].length).trim();
    if (rest === '') continue;
    return { type: 'number', kind, label: (match[1] ?? '').trim(), rest, consumed: consumedAfter(match[0].length) };
  }
  return { type: 'none' };
}

/**
 * Heading levels (1–4) for the number kinds a file uses: each kind present gets the next
 * level in rank order, so a file numbered "I. / 1. / a)" gives 1, 2, 3 and one numbered
 * "PHẦN I / 1. / 1.1. / a)" gives 1, 2, 3, 4. Kinds beyond the fourth share level 4.
 */
export function levelsForKinds(present: ReadonlySet<NumberKind>): Map<NumberKind, number> {
  const levels = new Map<NumberKind, number>();
  let next = 1;
  for (const kind of NUMBER_KINDS) {
    if (!present.has(kind)) continue;
    levels.set(kind, Math.min(next, 4));
    next++;
  }
  return levels;
}
