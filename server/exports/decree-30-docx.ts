/**
 * The parts of a Word document in the state format of Decree 30/2020/NĐ-CP that every export
 * shares (the draft, the synthesis table): Times New Roman, A4 with the decree's margins, the
 * page number centred in the top margin from the second page on, and the header block —
 * the issuing body on the left with a short rule under it, the national name (Quốc hiệu) and
 * motto (tiêu ngữ, underlined over its own length) on the right.
 */
import { AlignmentType, BorderStyle, Header, PageNumber, PageOrientation, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType, type ISectionOptions } from 'docx';

/** The decree's typeface. */
export const DECREE_FONT = 'Times New Roman';
/** A4 in twentieths of a point (portrait; swap for landscape). */
export const A4 = { width: 11906, height: 16838 } as const;
/** The decree's margins: top and bottom 20 mm, left 30 mm, right 15 mm; the page number sits 10 mm from the top edge. */
export const DECREE_MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567 } as const;
/** The national name, as the decree writes it. */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
/** The motto, as the decree writes it. */
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** A line of text in its own paragraph. */
export interface BlockLine {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  /** Half-points; the document's default size when absent. */
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
}

/** One paragraph per "\n"-separated line of `line.text`. */
export function lines(line: BlockLine): Paragraph[] {
  return line.text.split('\n').map(
    (text) =>
      new Paragraph({
        alignment: line.align,
        children: [new TextRun({ text, bold: line.bold, italics: line.italics, size: line.size, ...(line.underline ? { underline: {} } : {}) })],
      }),
  );
}

/** A borderless two-column table: the header block and signature blocks are laid out this way. */
export function sideBySide(left: Paragraph[], right: Paragraph[], leftPercent: number): Table {
  const side = (children: Paragraph[], width: number): TableCell =>
    new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [side(left, leftPercent), side(right, 100 - leftPercent)] })],
  });
}

/**
 * A short centred rule (a third of a column of `columnWidth` twips), the line the decree puts
 * under the issuing body's name; drawn as the bottom border of a tiny empty paragraph.
 */
function shortRule(columnWidth: number): Paragraph {
  const side = Math.round(columnWidth / 3);
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 120 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

/** What the header block names and how large. */
export interface HeaderBlockOptions {
  /** The issuing body (e.g. "Tổ biên soạn"), written in capitals. */
  issuer: string;
  /** Width of the text area, twentieths of a point. */
  textWidth: number;
  /** Share of the left column in percent (default 40). */
  leftPercent?: number;
  /** Size of the national name and of the motto in half-points (default 13 pt each). */
  nationSize?: number;
  mottoSize?: number;
  /** Further lines under the motto (the place-and-date line). */
  rightExtra?: Paragraph[];
}

/**
 * The header block: the issuing body in bold capitals with a short rule under it on the left;
 * the national name (bold capitals) and the motto (bold, underlined over exactly its own
 * length, as the decree asks) on the right, then `rightExtra`.
 */
export function decreeHeaderBlock(options: HeaderBlockOptions): Table {
  const leftPercent = options.leftPercent ?? 40;
  const leftWidth = Math.round((options.textWidth * leftPercent) / 100);
  return sideBySide(
    [...lines({ text: options.issuer.toLocaleUpperCase('vi'), bold: true, align: AlignmentType.CENTER, size: options.nationSize }), shortRule(leftWidth)],
    [
      ...lines({ text: NATIONAL_NAME, bold: true, align: AlignmentType.CENTER, size: options.nationSize ?? 26 }),
      ...lines({ text: NATIONAL_MOTTO, bold: true, underline: true, align: AlignmentType.CENTER, size: options.mottoSize ?? 26 }),
      ...(options.rightExtra ?? []),
    ],
    leftPercent,
  );
}

/**
 * Section properties of the decree: A4 (`landscape` for wide tables), its margins, and a first
 * page with its own empty header (`titlePage`) so that the page number — a PAGE field, centred
 * in the top margin — shows from the second page on.
 */
export function decreeSection(landscape: boolean): Pick<ISectionOptions, 'properties' | 'headers'> {
  return {
    properties: {
      titlePage: true,
      page: {
        size: landscape ? { orientation: PageOrientation.LANDSCAPE, width: A4.width, height: A4.height } : { width: A4.width, height: A4.height },
        margin: { ...DECREE_MARGINS },
      },
    },
    headers: {
      default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
      first: new Header({ children: [new Paragraph({ children: [] })] }),
    },
  };
}

/** Width of the text area between the decree's side margins, portrait or landscape. */
export function decreeTextWidth(landscape: boolean): number {
  return (landscape ? A4.height : A4.width) - DECREE_MARGINS.left - DECREE_MARGINS.right;
}
