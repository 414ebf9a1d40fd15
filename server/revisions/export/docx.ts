/**
 * A comparison as a Word document with real tracked changes: insertions are `w:ins` runs and
 * deletions `w:del` runs (author and date on each), so reviewers can accept or reject them in
 * Word. Headings carry their section numbers; Times New Roman on A4. The library cannot
 * write `w:moveFrom` / `w:moveTo`, so a moved block is a deletion at its old place noted
 * "Đã chuyển đến mục …" and an insertion at its new place noted "Đã chuyển từ mục …".
 * List items are real Word lists (numbering definitions), not bullets typed as text.
 */
import { AlignmentType, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';
import type { BlockChange, Comparison, RedlineOp, StatusCounts } from '../compare/index.ts';
import { FlatLists, WordLists } from '../../exports/word-lists.ts';
import type { EditStamp } from '../compare/comparison-schema.ts';
import { blockNotes, displayNumber, labelsFor, movedAwayNote, STATUS_ORDER, type ExportLang, type ExportMeta, type Labels } from './labels.ts';
import { withOldPlaces, type ExportEntry } from './old-places.ts';
import { exportRuns } from './table-entries.ts';
import type { TableRunRow } from '../../../document-model/table-runs.ts';

/** Options of the Word export. */
export interface DocxMeta extends ExportMeta {
  /** Language of the header, summary and notes (default Vietnamese). */
  lang?: ExportLang;
}

const FONT = 'Times New Roman';
/** A4 in twentieths of a point. */
const A4 = { width: 11906, height: 16838 };
const HEADING_LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const DEFAULT_AUTHOR = 'Draftroom';

/** Who made a tracked change and when; either may be unknown (the document's author and date then). */
interface ChangeStamp {
  author?: string | undefined;
  at?: string | undefined;
}

/** Hands out the revision ids Word requires to be unique in a document. */
class Revisions {
  private next = 1;

  constructor(
    private readonly author: string,
    private readonly date: string,
  ) {}

  /** Attributes of one tracked change: its own author and time when known, else the document's. */
  change(stamp: ChangeStamp = {}): { id: number; author: string; date: string } {
    return { id: this.next++, author: stamp.author ?? this.author, date: stamp.at !== undefined ? wordDate(stamp.at) : this.date };
  }
}

/** An ISO time as Word writes it (`w:date`): to the second, UTC. */
function wordDate(iso: string): string {
  return iso.replace(/\.\d{3}Z$/u, 'Z');
}

type RunKind = 'equal' | 'insert' | 'delete';

/** Runs for `text`, a line break before each "\n"-separated line after the first. */
function runs(text: string, kind: RunKind, revisions: Revisions, stamp: ChangeStamp = {}): ParagraphChild[] {
  return text.split('\n').map((line, index) => {
    const options = { text: line, ...(index > 0 ? { break: 1 } : {}) };
    if (kind === 'insert') return new InsertedTextRun({ ...options, ...revisions.change(stamp) });
    if (kind === 'delete') return new DeletedTextRun({ ...options, ...revisions.change(stamp) });
    return new TextRun(options);
  });
}

/**
 * Italic grey notes after a block ("[Chỉ khác định dạng]"), not part of the text. On a
 * tracked paragraph they are tracked with it (`kind`), so that accepting every change leaves
 * no note of an old place behind, and rejecting them none of a new place.
 */
function noteRuns(notes: readonly string[], kind: RunKind = 'equal', revisions?: Revisions, stamp: ChangeStamp = {}): ParagraphChild[] {
  return notes.map((note) => {
    const options = { text: ` [${note}]`, italics: true, color: '666666', size: 20 };
    if (kind === 'insert' && revisions) return new InsertedTextRun({ ...options, ...revisions.change(stamp) });
    if (kind === 'delete' && revisions) return new DeletedTextRun({ ...options, ...revisions.change(stamp) });
    return new TextRun(options);
  });
}

/** Who made an op and when, as far as known (authors joined into one name). */
function opStamp(op: RedlineOp | undefined): ChangeStamp {
  return { author: op?.authors !== undefined && op.authors.length > 0 ? op.authors.join(', ') : undefined, at: op?.at };
}

/** A block-level stamp (`insertedBy` / `deletedBy`), falling back to its first op of `kind`. */
function blockStamp(stamp: EditStamp | undefined, block: BlockChange, kind: 'insert' | 'delete'): ChangeStamp {
  if (stamp !== undefined) return { author: stamp.author, at: stamp.at };
  return opStamp(block.ops.find((op) => op.op === kind));
}

/**
 * Paragraph options of a block's kind: heading style, a list item's place in a real Word list
 * (`lists` follows the run of items), justified text.
 */
function paragraphLayout(block: BlockChange, lists: FlatLists) {
  if (block.kind !== 'list_item') lists.end();
  return {
    ...(block.kind === 'heading' ? { heading: HEADING_LEVELS[Math.min(Math.max(block.level, 1), 4) - 1] } : {}),
    ...(block.kind === 'list_item' ? { numbering: lists.item(block.listKind === 'ordered', block.level - 1) } : {}),
    ...(block.kind === 'paragraph' ? { alignment: AlignmentType.JUSTIFIED } : {}),
  };
}

/**
 * A block at its place in `to`. A moved block is inserted there as a whole (its unchanged
 * words too, and any word changes inside it as such), since its old place is a deletion:
 * accepting every change gives `to`, rejecting every change gives `from` for a plain move.
 */
function blockParagraph(block: BlockChange, labels: Labels, revisions: Revisions, lists: FlatLists): Paragraph {
  const children: ParagraphChild[] = [];
  const inserted = block.status === 'added' || block.moved;
  // The number follows the block's fate: inserted with it, deleted with it.
  const prefixKind: RunKind = inserted ? 'insert' : block.status === 'removed' ? 'delete' : 'equal';
  const prefixStamp = inserted ? blockStamp(block.insertedBy, block, 'insert') : blockStamp(block.deletedBy, block, 'delete');
  const number = displayNumber(block);
  if (number !== null) children.push(...runs(`${number} `, prefixKind, revisions, prefixStamp));
  for (const op of block.ops) {
    // An unchanged word of a moved block is re-inserted by whoever moved it.
    const stamp = block.moved && op.op === 'equal' ? prefixStamp : opStamp(op);
    children.push(...runs(op.text, block.moved && op.op === 'equal' ? 'insert' : op.op, revisions, stamp));
  }
  children.push(...noteRuns(blockNotes(block, labels), block.moved ? 'insert' : 'equal', revisions, prefixStamp));
  // The paragraph mark is tracked too, so accepting a deletion leaves no empty paragraph.
  const mark = inserted ? { insertion: revisions.change(prefixStamp) } : block.status === 'removed' ? { deletion: revisions.change(prefixStamp) } : {};
  return new Paragraph({
    children,
    run: mark,
    ...paragraphLayout(block, lists),
  });
}

/** A moved block at its old place: its former number and text deleted, "Đã chuyển đến mục …" on the run's first block. */
function movedAwayParagraph(block: BlockChange, labels: Labels, revisions: Revisions, lists: FlatLists): Paragraph {
  const children: ParagraphChild[] = [];
  // Its old copy was deleted by whoever moved it.
  const stamp: ChangeStamp = block.deletedBy ? { author: block.deletedBy.author, at: block.deletedBy.at } : {};
  if (block.kind === 'heading' && block.fromNumber !== null) children.push(...runs(`${block.fromNumber} `, 'delete', revisions, stamp));
  if (block.fromText !== null && block.fromText !== '') children.push(...runs(block.fromText, 'delete', revisions, stamp));
  const note = movedAwayNote(block, labels);
  if (note !== null) children.push(...noteRuns([note], 'delete', revisions, stamp));
  return new Paragraph({ children, run: { deletion: revisions.change(stamp) }, ...paragraphLayout(block, lists) });
}

/**
 * A table cell of the document with its tracked changes: its words as runs (insertions and
 * deletions tracked and credited, one paragraph per line of the cell), its notes, header cells
 * bold and repeated as header rows; spans kept.
 */
function documentCell(block: BlockChange, labels: Labels, revisions: Revisions): TableCell {
  const inserted = block.status === 'added' || block.moved;
  const cellStamp = inserted ? blockStamp(block.insertedBy, block, 'insert') : blockStamp(block.deletedBy, block, 'delete');
  const lines: ParagraphChild[][] = [[]];
  for (const op of block.ops) {
    const kind: RunKind = inserted && op.op === 'equal' ? 'insert' : op.op;
    const stamp = inserted && op.op === 'equal' ? cellStamp : opStamp(op);
    op.text.split('\n').forEach((line, index) => {
      if (index > 0) lines.push([]);
      if (line !== '') lines[lines.length - 1]?.push(...runs(line, kind, revisions, stamp));
    });
  }
  lines[lines.length - 1]?.push(...noteRuns(blockNotes(block, labels), inserted ? 'insert' : 'equal', revisions, cellStamp));
  const mark = inserted ? { insertion: revisions.change(cellStamp) } : block.status === 'removed' ? { deletion: revisions.change(cellStamp) } : {};
  const header = block.cell?.header === true;
  return new TableCell({
    children: lines.map((children) => new Paragraph({ children, run: { ...mark, ...(header ? { bold: true } : {}) } })),
    ...(block.cell && block.cell.colspan > 1 ? { columnSpan: block.cell.colspan } : {}),
    ...(block.cell && block.cell.rowspan > 1 ? { rowSpan: block.cell.rowspan } : {}),
    ...(header ? { shading: { fill: 'F1F1F1' } } : {}),
  });
}

/**
 * A table of the document laid out from its cells' changes (see `exportRuns`). An added or
 * removed row is its cells' text wholly inserted or deleted (the library cannot track a row).
 */
function documentTable(rows: readonly TableRunRow<ExportEntry>[], labels: Labels, revisions: Revisions): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row, index) => {
      const allHeader = row.items.every((entry) => entry.block.cell?.header === true);
      return new TableRow({
        ...(index === 0 && allHeader ? { tableHeader: true } : {}),
        children: row.items.map((entry) => documentCell(entry.block, labels, revisions)),
      });
    }),
  });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

function summaryTable(comparison: Comparison, labels: Labels): Table {
  const { summary } = comparison;
  const countsRow = (name: string, counts: StatusCounts): TableRow =>
    new TableRow({ children: [cell(name, true), ...STATUS_ORDER.map((status) => cell(String(counts[status])))] });
  const valueRow = (name: string, value: number): TableRow =>
    new TableRow({ children: [cell(name, true), new TableCell({ columnSpan: STATUS_ORDER.length, children: [new Paragraph(String(value))] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell(''), ...STATUS_ORDER.map((status) => cell(labels.status[status], true))] }),
      countsRow(labels.sections, summary.sections),
      countsRow(labels.blocks, summary.blocks),
      valueRow(labels.insertedWords, summary.words.inserted),
      valueRow(labels.deletedWords, summary.words.deleted),
      valueRow(labels.whitespaceOnly, summary.whitespaceOnly),
      valueRow(labels.formattingOnly, summary.formattingOnly),
    ],
  });
}

/**
 * Renders `comparison` as a .docx with tracked changes: each insert op is an `InsertedTextRun`
 * attributed to its authors, each delete op a `DeletedTextRun` attributed to those who deleted
 * it, each dated with its op's `at`; what is not known falls back to `meta.author` and
 * `meta.date` (the later version's time). Added and removed blocks are wholly inserted / deleted
 * paragraphs, credited to whoever created / deleted the block; a table's cells form its table
 * again, each cell with its own tracked changes. A header and a summary table come first.
 */
export async function comparisonToDocx(comparison: Comparison, meta: DocxMeta): Promise<Buffer> {
  const labels = labelsFor(meta.lang ?? 'vi');
  const date = meta.date ?? new Date();
  const revisions = new Revisions(meta.author ?? DEFAULT_AUTHOR, wordDate(date.toISOString()));
  const wordLists = new WordLists();
  const lists = new FlatLists(wordLists);
  const body = exportRuns(withOldPlaces(comparison)).flatMap((run) => {
    if (run.kind === 'table') {
      lists.end();
      return [documentTable(run.rows, labels, revisions), new Paragraph('')];
    }
    return [run.item.place === 'old' ? movedAwayParagraph(run.item.block, labels, revisions, lists) : blockParagraph(run.item.block, labels, revisions, lists)];
  });
  const headingStyle = (size: number) => ({ run: { font: FONT, size, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } });
  const document = new Document({
    creator: meta.author ?? DEFAULT_AUTHOR,
    title: `${labels.comparison}: ${meta.title}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 26 }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: FONT, size: 32, bold: true, color: '000000' } },
        heading1: headingStyle(28),
        heading2: headingStyle(26),
        heading3: headingStyle(26),
        heading4: { ...headingStyle(26), run: { font: FONT, size: 26, bold: true, italics: true, color: '000000' } },
      },
    },
    numbering: { config: wordLists.definitions() },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${labels.comparison}: ${meta.title}`)] }),
          new Paragraph({ children: [new TextRun(`${labels.from}: ${meta.fromLabel} — ${labels.to}: ${meta.toLabel}`)] }),
          new Paragraph({ children: [new TextRun({ text: labels.summary, bold: true })] }),
          summaryTable(comparison, labels),
          new Paragraph(''),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
