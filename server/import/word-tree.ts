/**
 * The part of mammoth's document tree the importer uses, narrowed from `unknown` into our own
 * types: paragraphs (style, list numbering, runs with bold/italic/underline and font), tables,
 * and counts of what cannot be imported (images, footnote references, comment references).
 * mammoth's TypeScript declarations give its tree as `any`, so nothing of it is trusted.
 */

/** A piece of inline content: text with its marks and font, or a line break. */
export type WordInline =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean; underline: boolean; font: string | null }
  | { kind: 'break' };

/** A paragraph as Word holds it. */
export interface WordParagraph {
  type: 'paragraph';
  styleId: string | null;
  styleName: string | null;
  /** Word's own list numbering (level 0-based), or null. */
  numbering: { level: number; ordered: boolean } | null;
  inlines: WordInline[];
}

/** A table cell: its paragraphs (nested tables are flattened into them) and spans. */
export interface WordCell {
  colSpan: number;
  rowSpan: number;
  paragraphs: WordParagraph[];
}

/** A table: rows of cells; `header` rows are Word's repeated header rows. */
export interface WordTable {
  type: 'table';
  rows: Array<{ header: boolean; cells: WordCell[] }>;
}

/** A top-level block. */
export type WordBlock = WordParagraph | WordTable;

/** What the tree holds that the outline cannot. */
export interface WordDropped {
  images: number;
  footnotes: number;
  endnotes: number;
  commentReferences: number;
  nestedTables: number;
}

/** The narrowed tree. */
export interface WordTree {
  blocks: WordBlock[];
  /** Comments stored in the file (comments.xml). */
  comments: number;
  dropped: WordDropped;
}

type Loose = Record<string, unknown>;

function isLoose(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function childrenOf(node: Loose): unknown[] {
  return Array.isArray(node.children) ? (node.children as unknown[]) : [];
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function positiveInt(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 1;
}

/** Narrows mammoth's `document` element; throws when it is not one. */
export function narrowWordTree(root: unknown): WordTree {
  if (!isLoose(root) || root.type !== 'document') throw new Error('mammoth did not give a document');
  const dropped: WordDropped = { images: 0, footnotes: 0, endnotes: 0, commentReferences: 0, nestedTables: 0 };

  const inlinesOf = (node: Loose, into: WordInline[], run: Loose | null): void => {
    for (const child of childrenOf(node)) {
      if (!isLoose(child)) continue;
      switch (child.type) {
        case 'run':
          inlinesOf(child, into, child);
          break;
        case 'hyperlink':
          inlinesOf(child, into, run);
          break;
        case 'text':
          if (typeof child.value === 'string' && child.value !== '') {
            into.push({
              kind: 'text',
              text: child.value,
              bold: run?.isBold === true,
              italic: run?.isItalic === true,
              underline: run?.isUnderline === true,
              font: stringOrNull(run?.font),
            });
          }
          break;
        case 'tab':
          into.push({ kind: 'text', text: ' ', bold: false, italic: false, underline: false, font: null });
          break;
        case 'break':
          if (child.breakType === 'line' || child.breakType === undefined) into.push({ kind: 'break' });
          break;
        case 'image':
          dropped.images++;
          break;
        case 'noteReference':
          if (child.noteType === 'endnote') dropped.endnotes++;
          else dropped.footnotes++;
          break;
        case 'commentReference':
          dropped.commentReferences++;
          break;
        default:
          break;
      }
    }
  };

  const paragraphOf = (node: Loose): WordParagraph => {
    const numbering = isLoose(node.numbering) ? node.numbering : null;
    const inlines: WordInline[] = [];
    inlinesOf(node, inlines, null);
    return {
      type: 'paragraph',
      styleId: stringOrNull(node.styleId),
      styleName: stringOrNull(node.styleName),
      numbering: numbering ? { level: Number.parseInt(String(numbering.level ?? '0'), 10) || 0, ordered: numbering.isOrdered === true } : null,
      inlines,
    };
  };

  /** Paragraphs of a cell; a table inside a cell is flattened into its paragraphs. */
  const cellParagraphs = (node: Loose, into: WordParagraph[]): void => {
    for (const child of childrenOf(node)) {
      if (!isLoose(child)) continue;
      if (child.type === 'paragraph') into.push(paragraphOf(child));
      else if (child.type === 'table') {
        dropped.nestedTables++;
        for (const row of childrenOf(child)) if (isLoose(row)) for (const cell of childrenOf(row)) if (isLoose(cell)) cellParagraphs(cell, into);
      } else cellParagraphs(child, into);
    }
  };

  const tableOf = (node: Loose): WordTable => ({
    type: 'table',
    rows: childrenOf(node)
      .filter(isLoose)
      .filter((row) => row.type === 'tableRow')
      .map((row) => ({
        header: row.isHeader === true,
        cells: childrenOf(row)
          .filter(isLoose)
          .filter((cell) => cell.type === 'tableCell')
          .map((cell) => {
            const paragraphs: WordParagraph[] = [];
            cellParagraphs(cell, paragraphs);
            return { colSpan: positiveInt(cell.colSpan), rowSpan: positiveInt(cell.rowSpan), paragraphs };
          }),
      }))
      .filter((row) => row.cells.length > 0),
  });

  const blocks: WordBlock[] = [];
  const visit = (node: Loose): void => {
    for (const child of childrenOf(node)) {
      if (!isLoose(child)) continue;
      if (child.type === 'paragraph') blocks.push(paragraphOf(child));
      else if (child.type === 'table') blocks.push(tableOf(child));
      // Other containers (content controls, text boxes mammoth kept) hold paragraphs of their own.
      else visit(child);
    }
  };
  visit(root);
  const comments = Array.isArray(root.comments) ? root.comments.length : 0;
  return { blocks, comments, dropped };
}
