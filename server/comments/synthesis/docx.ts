import { AlignmentType, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { decreeHeaderBlock, decreeSection, decreeTextWidth, DECREE_FONT, sideBySide } from '../../exports/decree-30-docx.ts';
import { placeDateLine } from './dates.ts';
import { preambleSentences } from './preamble.ts';
import { commentCell, SYNTHESIS_COLUMNS, type Synthesis } from './table.ts';

/** Column widths in percent of the table: TT is narrow, the texts share the rest. */
const WIDTHS = [5, 25, 28, 17, 25];
/** Width of the text area of a landscape A4 page with the decree's margins, in twentieths of a point. */
const TEXT_WIDTH = decreeTextWidth(true);
/** 13 pt, the body size of administrative documents (Decree 30/2020/NĐ-CP). */
const SIZE = 26;
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

interface TextOptions {
  bold?: boolean;
  italics?: boolean;
  align?: Align;
}

// Font and size come from the document's default style: repeating them on each of the
// thousands of runs of a large table doubled the time to build the file.
function paragraphs(text: string, options: TextOptions = {}): Paragraph[] {
  return text.split('\n').map(
    (line) => new Paragraph({ alignment: options.align, children: [new TextRun({ text: line, bold: options.bold, italics: options.italics })] }),
  );
}

/** A cell of the main table; its width comes from the table's column grid (per-cell widths cost as much again). */
function cell(text: string, options: TextOptions & { span?: number; shade?: boolean } = {}): TableCell {
  return new TableCell({
    columnSpan: options.span,
    shading: options.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
    children: paragraphs(text, options),
  });
}

/** Drafting body on the left; national name and motto, then place and date, on the right. */
function headerBlock(synthesis: Synthesis): Table {
  return decreeHeaderBlock({
    issuer: synthesis.draftingBody,
    textWidth: TEXT_WIDTH,
    rightExtra: [new Paragraph({ children: [] }), ...paragraphs(placeDateLine(synthesis.place, synthesis.issuedAt), { italics: true, align: AlignmentType.CENTER })],
  });
}

/** The title: what the table is, the draft, its version and the round. */
function titleBlock(synthesis: Synthesis): Paragraph[] {
  return [
    ...paragraphs(synthesis.title, { bold: true, align: AlignmentType.CENTER }),
    ...paragraphs(`đối với ${synthesis.documentTitle}`, { bold: true, align: AlignmentType.CENTER }),
    ...paragraphs(`(${synthesis.version})`, { italics: true, align: AlignmentType.CENTER }),
    ...(synthesis.round === null ? [] : paragraphs(`Đợt lấy ý kiến: ${synthesis.round}`, { italics: true, align: AlignmentType.CENTER })),
  ];
}

/** The five-column table, a header row repeated on every page, one shaded row per section. */
function mainTable(synthesis: Synthesis): Table {
  const rows: TableRow[] = [
    new TableRow({ tableHeader: true, children: SYNTHESIS_COLUMNS.map((title) => cell(title, { bold: true, align: AlignmentType.CENTER })) }),
  ];
  for (const group of synthesis.groups) {
    rows.push(new TableRow({ cantSplit: true, children: [cell(group.path, { bold: true, span: 5, shade: true })] }));
    for (const row of group.rows) {
      rows.push(
        new TableRow({
          children: [
            cell(String(row.index), { align: AlignmentType.CENTER }),
            cell(row.draft),
            cell(commentCell(row)),
            cell(row.organization),
            cell(row.response),
          ],
        }),
      );
    }
  }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: WIDTHS.map((percent) => Math.round((TEXT_WIDTH * percent) / 100)),
    layout: TableLayoutType.FIXED,
    rows,
  });
}

/** Recipients on the left (to be completed), the signature of the drafting body on the right. */
function signatureBlock(synthesis: Synthesis): Table {
  return sideBySide(
    [
      ...paragraphs('Nơi nhận:', { bold: true, italics: true }),
      ...paragraphs('- …………;\n- Lưu: VT.'),
    ],
    [
      ...paragraphs(`TM. ${synthesis.draftingBody.toLocaleUpperCase('vi')}`, { bold: true, align: AlignmentType.CENTER }),
      ...paragraphs('(Ký, ghi rõ họ tên)', { italics: true, align: AlignmentType.CENTER }),
    ],
    50,
  );
}

/**
 * The synthesis table as a Word document laid out as Decree 30/2020/NĐ-CP asks: A4 (landscape,
 * for the five columns), Times New Roman 13 pt, its margins (top and bottom 2 cm, left 3 cm,
 * right 1.5 cm), the page number centred in the top margin from the second page on (a first
 * page with its own, empty header; the number is a PAGE field), a header block (drafting body |
 * national name and motto, place and date), the title naming the draft, its version and the
 * round, the preamble, the table grouped by section with a repeated header row, and a closing
 * signature block.
 */
export async function synthesisToDocx(synthesis: Synthesis): Promise<Buffer> {
  const document = new Document({
    creator: 'Draftroom',
    title: `${synthesis.title} - ${synthesis.documentTitle}`,
    styles: { default: { document: { run: { font: DECREE_FONT, size: SIZE } } } },
    sections: [
      {
        ...decreeSection(true),
        children: [
          headerBlock(synthesis),
          new Paragraph({ children: [] }),
          ...titleBlock(synthesis),
          new Paragraph({ children: [] }),
          ...preambleSentences(synthesis.preamble).flatMap((sentence) => paragraphs(sentence, { align: AlignmentType.JUSTIFIED })),
          new Paragraph({ children: [] }),
          mainTable(synthesis),
          new Paragraph({ children: [] }),
          signatureBlock(synthesis),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
