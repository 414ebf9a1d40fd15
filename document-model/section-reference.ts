/** True for the number of a part (a level-1 heading: "Phần I"), which names itself without "mục". */
export function isPartNumber(number: string): boolean {
  return number.startsWith('Phần ');
}

/**
 * How a note refers to a section by its computed number (see `numbering.ts`): a part by its
 * own name ("Phần I"), any other section as `sectionWord` and its number ("mục 2.",
 * "section 1.2."). The comparison exports and the compare page say "Đã chuyển từ mục 2." alike.
 */
export function sectionReference(number: string, sectionWord: string): string {
  return isPartNumber(number) ? number : `${sectionWord} ${number}`;
}
