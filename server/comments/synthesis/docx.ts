import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, ShadingType } from 'docx';
import { preambleSentences, SYNTHESIS_COLUMNS, type Synthesis } from './table.ts';

/** Column widths in percent of the table: TT is narrow, the texts share the rest. */
const WIDTHS = [5, 25, 28, 17, 25];
const FONT = 'Times New Roman';
/** 13 pt, the body size of administrative documents (Decree 30/2020/NĐ-CP). */
const SIZE = 26;

function paragraphs(text: string, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph[] {
  return text.split('\n').map(
    (line) => new Paragraph({ alignment: options.align, children: [new TextRun({ text: line, bold: options.bold, font: FONT, size: SIZE })] }),
  );
}

function cell(text: string, width: number, options: { bold?: boolean; center?: boolean; span?: number; shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    columnSpan: options.span,
    shading: options.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
    children: paragraphs(text, { bold: options.bold, align: options.center ? AlignmentType.CENTER : undefined }),
  });
}

/**
 * The synthesis table as a Word document: A4 landscape, Times New Roman 13 pt, margins of
 * Decree 30/2020/NĐ-CP (top and bottom 2 cm, left 3 cm, right 1.5 cm), the national motto,
 * the title, the preamble, then the five-column table grouped by section with a repeated
 * header row.
 */
export async function synthesisToDocx(synthesis: Synthesis): Promise<Buffer> {
  const header = new TableRow({
    tableHeader: true,
    children: SYNTHESIS_COLUMNS.map((title, at) => cell(title, WIDTHS[at] ?? 20, { bold: true, center: true })),
  });
  const rows: TableRow[] = [header];
  for (const group of synthesis.groups) {
    rows.push(new TableRow({ children: [cell(group.section, 100, { bold: true, span: 5, shade: true })] }));
    for (const row of group.rows) {
      rows.push(
        new TableRow({
          children: [
            cell(String(row.index), WIDTHS[0] ?? 5, { center: true }),
            cell(row.draft, WIDTHS[1] ?? 25),
            cell(row.comment, WIDTHS[2] ?? 25),
            cell(row.organization, WIDTHS[3] ?? 20),
            cell(row.response, WIDTHS[4] ?? 25),
          ],
        }),
      );
    }
  }
  const document = new Document({
    creator: 'Draftroom',
    title: synthesis.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        children: [
          ...paragraphs('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, align: AlignmentType.CENTER }),
          ...paragraphs('Độc lập - Tự do - Hạnh phúc', { bold: true, align: AlignmentType.CENTER }),
          new Paragraph({ children: [] }),
          ...paragraphs(synthesis.title, { bold: true, align: AlignmentType.CENTER }),
          ...paragraphs(synthesis.documentTitle, { bold: true, align: AlignmentType.CENTER }),
          new Paragraph({ children: [] }),
          ...preambleSentences(synthesis.preamble).flatMap((sentence) => paragraphs(sentence, { align: AlignmentType.JUSTIFIED })),
          new Paragraph({ children: [] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
