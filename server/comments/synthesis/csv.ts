import { commentCell, SYNTHESIS_COLUMNS, type Synthesis } from './table.ts';

/** Quotes one CSV field (RFC 4180) and defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The CSV's columns: the official table's, the section path, then the replies the official table leaves out. */
export const CSV_COLUMNS = [...SYNTHESIS_COLUMNS, 'Mục', 'Trao đổi khác (không thuộc bảng chính thức)'] as const;

/**
 * The synthesis table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read
 * Vietnamese correctly), CRLF line ends, every field quoted. The columns of the official
 * table come first, then "Mục" (each row's full section path, so the file stays one flat
 * table), then, last, the replies by others (drafting group, secretariat), one per line as
 * "Name: text", which the DOCX leaves out.
 */
export function synthesisToCsv(synthesis: Synthesis): Buffer {
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  for (const group of synthesis.groups) {
    for (const row of group.rows) {
      lines.push([String(row.index), row.draft, commentCell(row), row.organization, row.response, group.path, row.replies].map(csvField).join(','));
    }
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
