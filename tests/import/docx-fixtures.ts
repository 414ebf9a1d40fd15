import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  Textbox,
  type ISectionOptions,
} from 'docx';

/**
 * Real .docx files written with the `docx` package (independently of the workspace's own
 * exporter), each in a style ministry drafts come in. Text is given as Word holds it: TCVN3
 * text as the Latin-1 characters of its bytes, as Word keeps a .VnTime run.
 */

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const DATE = '2026-12-01T08:00:00Z';

async function pack(children: ISectionOptions['children'], extra: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<Buffer> {
  return Packer.toBuffer(new Document({ ...extra, sections: [{ children }] }));
}

const bold = (text: string, font?: string): TextRun => new TextRun({ text, bold: true, ...(font ? { font } : {}) });

/**
 * (a) Heading styles (Heading 1–5) and a paragraph's own outline level, a typed number in some headings, a body paragraph that
 * starts with "1." (not a heading: kept), italic and underlined words, plus what cannot be
 * imported: an image, a comment, a footnote, two tracked changes and a text box (whose text comes in).
 */
export function styledOutline(): Promise<Buffer> {
  return pack(
    [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('PHẦN I. BỐI CẢNH')] }),
      new Paragraph({
        children: [
          new TextRun('Văn bản có '),
          new TextRun({ text: 'chữ nghiêng', italics: true }),
          new TextRun(' và '),
          new TextRun({ text: 'gạch chân', underline: {} }),
          new TextRun('.'),
          new FootnoteReferenceRun(1),
        ],
      }),
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('1. Quan điểm')] }),
      new Paragraph({ children: [new TextRun('1. Đây là đoạn văn thường, không phải đề mục.')] }),
      new Paragraph({
        children: [
          new CommentRangeStart(0),
          new TextRun('Đoạn có ý kiến góp ý'),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
          new InsertedTextRun({ text: ' được thêm', id: 1, author: 'A', date: DATE }),
          new DeletedTextRun({ text: ' bị xóa', id: 2, author: 'A', date: DATE }),
        ],
      }),
      new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Mục tiêu cụ thể')] }),
      new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG_1X1, transformation: { width: 10, height: 10 } })] }),
      new Textbox({ alignment: 'center', style: { width: '200pt', height: 'auto' }, children: [new Paragraph('Chữ trong hộp')] }),
      new Paragraph({ heading: HeadingLevel.HEADING_4, children: [new TextRun('a) Kinh tế')] }),
      new Paragraph({ heading: HeadingLevel.HEADING_5, children: [new TextRun('Chi tiết')] }),
      // No heading style, but Word's paragraph outline level 2 (0-based 1).
      new Paragraph({ outlineLevel: 1, children: [new TextRun('2. Tầm nhìn')] }),
    ],
    {
      comments: { children: [{ id: 0, author: 'Bộ Y tế', date: new Date(DATE), children: [new Paragraph('Đề nghị làm rõ.')] }] },
      footnotes: { 1: { children: [new Paragraph('Chú thích.')] } },
    },
  );
}

/**
 * (b) No heading styles: numbering typed by hand ("Phần thứ nhất", "1.", "1.1.", "a)") on
 * bold lines, a numbered line that is not bold (a paragraph), mixed marks in a paragraph,
 * and "-" / "+" bullets.
 */
export function handNumberedOutline(): Promise<Buffer> {
  return pack([
    new Paragraph({ children: [bold('Phần thứ nhất: ĐÁNH GIÁ TÌNH HÌNH')] }),
    new Paragraph({ children: [bold('1. Kết quả đạt được')] }),
    new Paragraph({ children: [bold('1.1. Về kinh tế')] }),
    new Paragraph({
      children: [new TextRun('Trọng tâm là '), bold('chuyển đổi số'), new TextRun(' và '), new TextRun({ text: 'tăng trưởng xanh', italics: true }), new TextRun('.')],
    }),
    new Paragraph({ children: [new TextRun({ text: 'a) Tăng trưởng', bold: true, italics: true })] }),
    new Paragraph({ children: [new TextRun('- Tăng trưởng bình quân đạt 6%;')] }),
    new Paragraph({ children: [new TextRun('+ Khu vực công nghiệp tăng 8%;')] }),
    new Paragraph({ children: [new TextRun('+ Khu vực dịch vụ tăng 7%;')] }),
    new Paragraph({ children: [new TextRun('- Lạm phát được kiểm soát.')] }),
    new Paragraph({ children: [new TextRun('2. Số liệu này không in đậm nên là đoạn văn.')] }),
    new Paragraph({ children: [bold('1.2. Về xã hội')] }),
    new Paragraph({ children: [bold('Phần thứ hai: ĐỊNH HƯỚNG')] }),
  ]);
}

/**
 * (c) A TCVN3 outline: capitals in .VnTimeH (whose lower-case bytes draw capitals), text in
 * .VnTime, one line in VNI-Times; numbering typed by hand on bold lines.
 */
export function tcvn3Outline(): Promise<Buffer> {
  return pack([
    new Paragraph({ children: [bold('PhÇn I. Bèi c¶nh', '.VnTimeH')] }),
    new Paragraph({ children: [bold('1. Bé Quèc phßng', '.VnTime')] }),
    new Paragraph({ children: [bold('1.1. ChiÕn l\u00adîc an ninh phi truyÒn thèng', '.VnTime')] }),
    new Paragraph({ children: [bold('a) Thñ t\u00adíng ChÝnh phñ', '.VnTime')] }),
    new Paragraph({ children: [new TextRun({ text: 'Thñ t\u00adíng ChÝnh phñ ban hµnh ChiÕn l\u00adîc.', font: '.VnTime' })] }),
    new Paragraph({ children: [new TextRun({ text: 'Boä Quoác phoøng vaø Thuû töôùng Chính phuû', font: 'VNI-Times' })] }),
  ]);
}

/** (d) Word's own bulleted and numbered lists (with a nested level) and a table of indicators. */
export function listsAndTable(): Promise<Buffer> {
  const cell = (text: string, options: { bold?: boolean; columnSpan?: number } = {}): TableCell =>
    new TableCell({ columnSpan: options.columnSpan, children: [new Paragraph({ children: [new TextRun({ text, bold: options.bold })] })] });
  return pack(
    [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Mục tiêu')] }),
      new Paragraph({ text: 'Phát triển nhanh', bullet: { level: 0 } }),
      new Paragraph({ text: 'Bền vững', bullet: { level: 1 } }),
      new Paragraph({ text: 'Bao trùm', bullet: { level: 0 } }),
      new Paragraph({ text: 'Giai đoạn đến 2030', numbering: { reference: 'steps', level: 0 } }),
      new Paragraph({ text: 'Tầm nhìn 2045', numbering: { reference: 'steps', level: 0 } }),
      new Table({
        rows: [
          new TableRow({ tableHeader: true, children: [cell('Chỉ tiêu', { bold: true }), cell('Năm 2030', { bold: true }), cell('Năm 2045', { bold: true })] }),
          new TableRow({ children: [cell('Tăng trưởng GDP (%)'), cell('7,0'), cell('6,5')] }),
          new TableRow({ children: [cell('Tỷ lệ đô thị hóa'), cell('trên 50%', { columnSpan: 2 })] }),
        ],
      }),
    ],
    {
      numbering: {
        config: [{ reference: 'steps', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }],
      },
    },
  );
}
