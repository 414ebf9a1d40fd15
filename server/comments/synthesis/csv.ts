import { SYNTHESIS_COLUMNS, type Synthesis } from './table.ts';

/** Quotes one CSV field (RFC 4180) and defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The synthesis table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read
 * Vietnamese correctly), CRLF line ends, every field quoted; a column "Mục" repeats the
 * section of each row so the file stays one flat table.
 */
export function synthesisToCsv(synthesis: Synthesis): Buffer {
  const lines = [[...SYNTHESIS_COLUMNS, 'Mục'].map(csvField).join(',')];
  for (const group of synthesis.groups) {
    for (const row of group.rows) {
      lines.push([String(row.index), row.draft, row.comment, row.organization, row.response, group.section].map(csvField).join(','));
    }
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
