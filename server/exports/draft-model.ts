/**
 * The draft as the exports see it: the outline's ProseMirror tree reduced to what the Word
 * file, the print view and the PDF lay out — headings with their computed section numbers,
 * paragraphs, nested lists, tables, and text runs with their bold / italic / underline marks.
 * Numbers are computed here (`document-model/numbering.ts`), never read from the text.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { computeSectionNumbers } from '../../document-model/numbering.ts';
import { clampHeadingLevel } from '../../document-model/schema.ts';

/** A piece of text with its marks; `text` "\n" stands for a hard line break. */
export interface DraftRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

/** A heading with its section number ("Phần I", "1.", "1.1.", "a)"). */
export interface DraftHeading {
  kind: 'heading';
  level: 1 | 2 | 3 | 4;
  number: string;
  runs: DraftRun[];
}

/** A paragraph of body text. */
export interface DraftParagraph {
  kind: 'paragraph';
  runs: DraftRun[];
}

/** One item of a list: its paragraphs (the first carries the bullet or number) and nested lists, in order. */
export interface DraftListItem {
  blocks: Array<DraftParagraph | DraftList>;
}

/** A bulleted or numbered list; `start` is the first number of a numbered list. */
export interface DraftList {
  kind: 'list';
  ordered: boolean;
  start: number;
  items: DraftListItem[];
}

/** A cell of a table: its paragraphs and lists, whether it is a header cell, and its spans. */
export interface DraftTableCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  /** Column widths the editor stored (pixels, one per spanned column), or null. */
  colwidth: number[] | null;
  blocks: Array<DraftParagraph | DraftList>;
}

/** A table: rows of cells as the editor stores them (a cell spanning rows appears only in its first row). */
export interface DraftTable {
  kind: 'table';
  rows: DraftTableCell[][];
}

/** A top-level block of the draft. */
export type DraftBlock = DraftHeading | DraftParagraph | DraftList | DraftTable;

/** A positive whole number from a stored attribute, else `fallback`. */
function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The text runs of a textblock, NFC, hard breaks as "\n"; adjacent runs with the same marks merged. */
function runsOf(node: PMNode): DraftRun[] {
  const runs: DraftRun[] = [];
  node.forEach((child) => {
    const marks = new Set(child.marks.map((mark) => mark.type.name));
    const text = child.isText ? (child.text ?? '').normalize('NFC') : child.type.name === 'hard_break' ? '\n' : '';
    if (text === '') return;
    const run: DraftRun = { text, bold: marks.has('strong'), italic: marks.has('em'), underline: marks.has('underline') };
    const last = runs[runs.length - 1];
    if (last && last.bold === run.bold && last.italic === run.italic && last.underline === run.underline) last.text += run.text;
    else runs.push(run);
  });
  return runs;
}

/** Walks the tree in document order, handing out heading numbers from `numbers`. */
class DraftReader {
  private next = 0;

  constructor(private readonly numbers: readonly string[]) {}

  block(node: PMNode): DraftBlock | null {
    switch (node.type.name) {
      case 'heading':
        return { kind: 'heading', level: clampHeadingLevel(node.attrs.level) as DraftHeading['level'], number: this.numbers[this.next++] ?? '', runs: runsOf(node) };
      case 'paragraph':
        return { kind: 'paragraph', runs: runsOf(node) };
      case 'bullet_list':
      case 'ordered_list':
        return this.list(node);
      case 'table':
        return this.table(node);
      default:
        return null;
    }
  }

  /** The paragraphs and lists of a container (list item, table cell); a heading in it prints as a paragraph. */
  private contents(node: PMNode): Array<DraftParagraph | DraftList> {
    const blocks: Array<DraftParagraph | DraftList> = [];
    node.forEach((child) => {
      const block = this.block(child);
      // A heading inside an item (the schema allows it) prints as the item's text; it keeps its number in the count.
      if (block?.kind === 'heading') blocks.push({ kind: 'paragraph', runs: block.runs });
      else if (block !== null && block.kind !== 'table') blocks.push(block);
    });
    return blocks;
  }

  private table(node: PMNode): DraftTable {
    const rows: DraftTableCell[][] = [];
    node.forEach((row) => {
      const cells: DraftTableCell[] = [];
      row.forEach((cell) => {
        const widths: unknown = cell.attrs.colwidth;
        cells.push({
          header: cell.type.name === 'table_header',
          colspan: count(cell.attrs.colspan, 1),
          rowspan: count(cell.attrs.rowspan, 1),
          colwidth: Array.isArray(widths) && widths.every((width) => typeof width === 'number' && width > 0) ? (widths as number[]) : null,
          blocks: this.contents(cell),
        });
      });
      rows.push(cells);
    });
    return { kind: 'table', rows };
  }

  private list(node: PMNode): DraftList {
    const order: unknown = node.attrs.order;
    const items: DraftListItem[] = [];
    node.forEach((item) => {
      items.push({ blocks: this.contents(item) });
    });
    const ordered = node.type.name === 'ordered_list';
    return { kind: 'list', ordered, start: ordered && typeof order === 'number' && Number.isInteger(order) && order > 0 ? order : 1, items };
  }
}

/**
 * The blocks of an outline document (`doc` of `outlineSchema`) in order. Headings are numbered
 * over every heading of the document in order, as the editor numbers them; unknown node types
 * are left out.
 */
export function readDraft(doc: PMNode): DraftBlock[] {
  const levels: unknown[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'heading') {
      levels.push(node.attrs.level);
      return false;
    }
    return true;
  });
  const reader = new DraftReader(computeSectionNumbers(levels));
  const blocks: DraftBlock[] = [];
  doc.forEach((node) => {
    const block = reader.block(node);
    if (block !== null) blocks.push(block);
  });
  return blocks;
}

/** The plain text of runs ("\n" for line breaks). */
export function runsText(runs: readonly DraftRun[]): string {
  return runs.map((run) => run.text).join('');
}
