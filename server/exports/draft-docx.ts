/**
 * The draft as a Word document in the state format (Decree 30/2020/NĐ-CP): A4 portrait, Times
 * New Roman 14 pt, the decree's margins, the header block (drafting body | Quốc hiệu and tiêu
 * ngữ), a boxed "DỰ THẢO" mark with the version and its date, the title, then the outline —
 * headings with their computed numbers written as text, justified paragraphs, real Word lists,
 * tables (header rows repeated on every page, spans kept) —
 * and the page number centred in the top margin from the second page on.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType, type IBorderOptions, type ParagraphChild } from 'docx';
import { decreeHeaderBlock, decreeSection, decreeTextWidth, DECREE_FONT } from './decree-30-docx.ts';
import { versionLine, type DraftMeta } from './draft-meta.ts';
import type { DraftBlock, DraftHeading, DraftList, DraftRun, DraftTable, DraftTableCell } from './draft-model.ts';
import { listTextIndent, WordLists } from './word-lists.ts';

/** 14 pt, the body size the committee's drafts use. */
const SIZE = 28;
const TEXT_WIDTH = decreeTextWidth(false);
/** First-line indent of body paragraphs (1 cm). */
const FIRST_LINE = 567;
const HEADING_STYLES = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/** Runs of text with their marks; "\n" becomes a line break. */
function textRuns(runs: readonly DraftRun[]): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const run of runs) {
    run.text.split('\n').forEach((line, index) => {
      children.push(new TextRun({ text: line, bold: run.bold || undefined, italics: run.italic || undefined, ...(run.underline ? { underline: {} } : {}), ...(index > 0 ? { break: 1 } : {}) }));
    });
  }
  return children;
}

/**
 * A heading: its number as text before its title. A part ("Phần I") is centred with its title
 * on the next line; sections are bold, level-4 items italic; Word's heading styles keep the
 * navigation pane and table of contents working.
 */
function headingParagraph(heading: DraftHeading): Paragraph {
  const style = HEADING_STYLES[heading.level - 1];
  if (heading.level === 1) {
    return new Paragraph({ heading: style, alignment: AlignmentType.CENTER, keepNext: true, children: [new TextRun({ text: heading.number }), new TextRun({ text: '', break: 1 }), ...textRuns(heading.runs)] });
  }
  return new Paragraph({ heading: style, alignment: AlignmentType.JUSTIFIED, keepNext: true, indent: { firstLine: FIRST_LINE }, children: [new TextRun({ text: `${heading.number} ` }), ...textRuns(heading.runs)] });
}

/** A list's paragraphs: each item's first paragraph carries the Word list number; nested lists one level deeper. */
function listParagraphs(list: DraftList, lists: WordLists, depth: number): Paragraph[] {
  const numbering = lists.open(list.ordered, list.start);
  const out: Paragraph[] = [];
  for (const item of list.items) {
    let first = true;
    for (const block of item.blocks) {
      if (block.kind === 'list') {
        out.push(...listParagraphs(block, lists, depth + 1));
        continue;
      }
      out.push(
        first
          ? new Paragraph({ numbering: numbering(depth), alignment: AlignmentType.JUSTIFIED, children: textRuns(block.runs) })
          : new Paragraph({ indent: { left: listTextIndent(depth) }, alignment: AlignmentType.JUSTIFIED, children: textRuns(block.runs) }),
      );
      first = false;
    }
  }
  return out;
}

/**
 * Column widths of a table in twentieths of a point over the text width: in the proportions
 * the editor stored for its first row when it has them for every column, else equal.
 */
function columnGrid(table: DraftTable): number[] {
  const columns = Math.max(1, ...table.rows.map((row) => row.reduce((sum, cell) => sum + cell.colspan, 0)));
  const stored = (table.rows[0] ?? []).flatMap((cell) => (cell.colwidth !== null && cell.colwidth.length === cell.colspan ? cell.colwidth : []));
  const widths = stored.length === columns ? stored : Array.from({ length: columns }, () => 1);
  const total = widths.reduce((sum, width) => sum + width, 0);
  return widths.map((width) => Math.round((TEXT_WIDTH * width) / total));
}

/** A cell's paragraphs and lists (header cells in bold); Word needs at least one paragraph. */
function cellContent(cell: DraftTableCell, lists: WordLists): Paragraph[] {
  const paragraphs = cell.blocks.flatMap((block) => {
    if (block.kind === 'list') return listParagraphs(block, lists, 0);
    const runs = cell.header ? block.runs.map((run) => ({ ...run, bold: true })) : block.runs;
    return [new Paragraph({ alignment: cell.header ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 60 }, children: textRuns(runs) })];
  });
  return paragraphs.length > 0 ? paragraphs : [new Paragraph({ children: [] })];
}

/** A table with single borders; a first row of header cells is repeated at the top of every page; spans are kept. */
function tableOf(table: DraftTable, lists: WordLists): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columnGrid(table),
    rows: table.rows.map(
      (row, index) =>
        new TableRow({
          // Only written when true: readers such as mammoth take any w:tblHeader as a header row.
          ...(index === 0 && row.length > 0 && row.every((cell) => cell.header) ? { tableHeader: true } : {}),
          children: row.map(
            (cell) =>
              new TableCell({
                ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
                ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
                ...(cell.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
                children: cellContent(cell, lists),
              }),
          ),
        }),
    ),
  });
}

function blockParagraphs(block: DraftBlock, lists: WordLists): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'heading':
      return [headingParagraph(block)];
    case 'paragraph':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: FIRST_LINE }, children: textRuns(block.runs) })];
    case 'list':
      return listParagraphs(block, lists, 0);
    case 'table':
      // An empty paragraph after the table, so two tables in a row do not merge into one in Word.
      return [tableOf(block, lists), new Paragraph({ spacing: { after: 0 }, children: [] })];
  }
}

/** The boxed mark at the top right: "DỰ THẢO", then the version and its date. */
function draftMark(meta: DraftMeta): Paragraph[] {
  const box: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 };
  const indent = { left: Math.round(TEXT_WIDTH * 0.62) };
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, indent, spacing: { after: 0 }, border: { top: box, left: box, right: box }, children: [new TextRun({ text: 'DỰ THẢO', bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, indent, spacing: { after: 240 }, border: { bottom: box, left: box, right: box }, children: [new TextRun({ text: versionLine(meta), italics: true, size: 24 })] }),
  ];
}

/** Renders the draft (`blocks`, see `readDraft`) with `meta` as a .docx file. */
export async function draftToDocx(blocks: readonly DraftBlock[], meta: DraftMeta): Promise<Buffer> {
  const lists = new WordLists();
  const body = blocks.flatMap((block) => blockParagraphs(block, lists));
  const headingStyle = (italics: boolean) => ({ run: { font: DECREE_FONT, size: SIZE, bold: !italics, italics, color: '000000' }, paragraph: { spacing: { before: 120, after: 120 } } });
  const document = new Document({
    creator: 'Draftroom',
    title: `${meta.title} - ${meta.version}`,
    styles: {
      default: {
        document: { run: { font: DECREE_FONT, size: SIZE }, paragraph: { spacing: { after: 120, line: 312 } } },
        heading1: headingStyle(false),
        heading2: headingStyle(false),
        heading3: headingStyle(false),
        heading4: headingStyle(true),
      },
    },
    numbering: { config: lists.definitions() },
    sections: [
      {
        ...decreeSection(false),
        children: [
          ...draftMark(meta),
          decreeHeaderBlock({ issuer: meta.draftingBody, textWidth: TEXT_WIDTH, nationSize: 26, mottoSize: 28 }),
          new Paragraph({ children: [] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 360 }, children: [new TextRun({ text: meta.title.toLocaleUpperCase('vi'), bold: true })] }),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
