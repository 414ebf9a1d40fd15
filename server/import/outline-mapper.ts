import { MAX_HEADING_LEVEL } from '../../document-model/schema.ts';
import { newId } from '../ids.ts';
import type { DocxContent } from './docx-file.ts';
import { leadingMark, levelsForKinds, type NumberKind } from './hand-numbering.ts';
import { dropLeading, isWhollyBold, plainText, toInlineNodes, toUnicode, type Inline, type LegacyCounts, type PMJson } from './inline-content.ts';
import { legacyEncodingOfFont, looksLikeTcvn3 } from './legacy-vietnamese.ts';
import type { WordParagraph, WordTable } from './word-tree.ts';

/** What the mapping converted, counted for the report. */
export interface MappedCounts {
  /** Headings at levels 1–4 (index 0 is level 1). */
  headingsByLevel: [number, number, number, number];
  paragraphs: number;
  lists: number;
  listItems: number;
  tables: number;
  tableCells: number;
  /** Typed section numbers and bullets removed because the workspace computes them. */
  numbersRemoved: number;
  /** Runs converted from a legacy encoding. */
  legacyRuns: LegacyCounts;
  /** The whole file was TCVN3 typed in fonts with Unicode names (detected from its letters). */
  wholeDocumentTcvn3: boolean;
  /** Where heading levels came from: Word's heading styles and outline levels, or typed numbers and bold lines. */
  headingSource: 'styles' | 'numbering' | 'none';
  /** Headings deeper than level 4 in the file, made level 4. */
  headingsClamped: number;
}

/** The outline as ProseMirror JSON (a `doc`), plus the counts. */
export interface MappedOutline {
  doc: PMJson;
  counts: MappedCounts;
}

/** A paragraph after classification. */
type Classified =
  | { role: 'heading'; level: number; inlines: Inline[] }
  | { role: 'candidate'; kind: NumberKind; inlines: Inline[] }
  | { role: 'list'; ordered: boolean; level: number; inlines: Inline[] }
  | { role: 'paragraph'; inlines: Inline[] }
  | { role: 'table'; table: PMJson };

const HEADING_STYLE = /^heading\s*([1-9])$/i;

/**
 * The heading level Word gives a paragraph: its own outline level, else its style's (style
 * name "heading N", or the style's outline level).
 */
function styleLevel(paragraph: WordParagraph, content: DocxContent): number | null {
  const direct = content.directLevels.get(paragraph);
  if (direct !== undefined) return direct;
  const byName = HEADING_STYLE.exec(paragraph.styleName ?? '') ?? HEADING_STYLE.exec(paragraph.styleId ?? '');
  if (byName) return Number(byName[1]);
  return content.styles.outlineLevel(paragraph.styleId);
}

function paragraphNode(inlines: readonly Inline[]): PMJson {
  return { type: 'paragraph', attrs: { id: newId() }, content: toInlineNodes(inlines) };
}

/**
 * Maps a Word file's content onto the outline schema. Headings come from heading styles and
 * outline levels when the file has any (a typed number at their start is removed); otherwise
 * a paragraph that starts with a typed section number ("PHẦN I", "I.", "1.", "1.1.", "a)")
 * and is bold throughout (or is a "Phần"/Roman line) becomes a heading whose level follows
 * from the kinds of numbers the file uses. "-" and "+" lines and Word's own lists become
 * lists ("+" nested under "-"); tables become tables. Every block gets a fresh id; all text
 * is Unicode NFC, legacy fonts converted. Empty paragraphs are left out.
 */
export function mapToOutline(content: DocxContent): MappedOutline {
  const legacyRuns: LegacyCounts = { tcvn3: 0, vni: 0 };
  const counts: MappedCounts = {
    headingsByLevel: [0, 0, 0, 0],
    paragraphs: 0,
    lists: 0,
    listItems: 0,
    tables: 0,
    tableCells: 0,
    numbersRemoved: 0,
    legacyRuns,
    wholeDocumentTcvn3: false,
    headingSource: 'none',
    headingsClamped: 0,
  };
  const { blocks } = content.tree;
  // Only text in fonts with Unicode names can be TCVN3 in disguise; legacy-named fonts are decoded by name.
  const rawText = blocks
    .flatMap((block) =>
      block.type === 'paragraph'
        ? block.inlines.map((inline) =>
            inline.kind === 'text' && legacyEncodingOfFont(inline.font ?? content.styles.fontOf(block.styleId)) === null ? inline.text : ' ',
          )
        : [],
    )
    .join('');
  counts.wholeDocumentTcvn3 = looksLikeTcvn3(rawText);
  const documentEncoding = counts.wholeDocumentTcvn3 ? 'tcvn3' : null;
  const unicode = (paragraph: WordParagraph): Inline[] =>
    toUnicode(paragraph.inlines, content.styles.fontOf(paragraph.styleId), documentEncoding, legacyRuns);

  const styled = blocks.some((block) => block.type === 'paragraph' && styleLevel(block, content) !== null);
  counts.headingSource = styled ? 'styles' : 'numbering';

  const classified: Classified[] = [];
  for (const block of blocks) {
    if (block.type === 'table') {
      const table = tableNode(block, unicode, counts);
      if (table) classified.push({ role: 'table', table });
      continue;
    }
    const inlines = unicode(block);
    const text = plainText(inlines);
    if (text.trim() === '') continue;
    const mark = leadingMark(text);
    const level = styled ? styleLevel(block, content) : null;
    if (level !== null) {
      if (level > MAX_HEADING_LEVEL) counts.headingsClamped++;
      if (mark.type === 'number') counts.numbersRemoved++;
      classified.push({ role: 'heading', level: Math.min(level, MAX_HEADING_LEVEL), inlines: mark.type === 'number' ? dropLeading(inlines, mark.consumed) : inlines });
    } else if (!styled && mark.type === 'number' && (isWhollyBold(inlines) || mark.kind === 'part' || mark.kind === 'roman')) {
      counts.numbersRemoved++;
      classified.push({ role: 'candidate', kind: mark.kind, inlines: dropLeading(inlines, mark.consumed) });
    } else if (mark.type === 'bullet' && block.numbering === null) {
      counts.numbersRemoved++;
      classified.push({ role: 'list', ordered: false, level: mark.bullet === '+' ? 1 : 0, inlines: dropLeading(inlines, mark.consumed) });
    } else if (block.numbering !== null) {
      classified.push({ role: 'list', ordered: block.numbering.ordered, level: block.numbering.level, inlines });
    } else {
      classified.push({ role: 'paragraph', inlines });
    }
  }
  if (!styled && !classified.some((entry) => entry.role === 'candidate')) counts.headingSource = 'none';

  const kindLevels = levelsForKinds(new Set(classified.flatMap((entry) => (entry.role === 'candidate' ? [entry.kind] : []))));
  const out: PMJson[] = [];
  let listRun: Array<{ ordered: boolean; level: number; inlines: Inline[] }> = [];
  const flushList = (): void => {
    if (listRun.length === 0) return;
    out.push(...buildLists(listRun, counts));
    listRun = [];
  };
  for (const entry of classified) {
    if (entry.role === 'list') {
      listRun.push(entry);
      continue;
    }
    flushList();
    if (entry.role === 'table') out.push(entry.table);
    else if (entry.role === 'paragraph') {
      counts.paragraphs++;
      out.push(paragraphNode(entry.inlines));
    } else {
      const level = entry.role === 'heading' ? entry.level : (kindLevels.get(entry.kind) ?? MAX_HEADING_LEVEL);
      counts.headingsByLevel[level - 1] = (counts.headingsByLevel[level - 1] ?? 0) + 1;
      // Bold that covers the whole heading is the heading's look, not emphasis to keep.
      const nodes = toInlineNodes(entry.inlines, !isWhollyBold(entry.inlines));
      out.push({ type: 'heading', attrs: { level, id: newId() }, content: nodes });
    }
  }
  flushList();
  if (out.length === 0) out.push({ type: 'paragraph', attrs: { id: newId() }, content: [] });
  return { doc: { type: 'doc', content: out }, counts };
}

/**
 * Nested lists for consecutive list paragraphs: a deeper item goes into a list inside the
 * previous item; a change between bulleted and numbered at the same depth starts a new list.
 * An item deeper than any open list is placed one level below the deepest open one.
 */
function buildLists(items: ReadonlyArray<{ ordered: boolean; level: number; inlines: Inline[] }>, counts: MappedCounts): PMJson[] {
  const roots: PMJson[] = [];
  // stack[depth] is the open list at that depth.
  const stack: PMJson[] = [];
  const newList = (ordered: boolean): PMJson => {
    counts.lists++;
    return { type: ordered ? 'ordered_list' : 'bullet_list', attrs: ordered ? { order: 1, id: newId() } : { id: newId() }, content: [] };
  };
  for (const item of items) {
    const depth = Math.min(Math.max(0, item.level), stack.length);
    stack.length = Math.min(stack.length, depth + 1);
    let list = stack[depth];
    const wanted = item.ordered ? 'ordered_list' : 'bullet_list';
    if (list === undefined || list.type !== wanted) {
      list = newList(item.ordered);
      if (depth === 0) roots.push(list);
      else {
        const parentList = stack[depth - 1];
        const parentItem = parentList?.content?.[parentList.content.length - 1];
        if (parentItem?.content) parentItem.content.push(list);
        else roots.push(list);
      }
      stack[depth] = list;
      stack.length = depth + 1;
    }
    counts.listItems++;
    list.content?.push({ type: 'list_item', attrs: { id: newId() }, content: [paragraphNode(item.inlines)] });
  }
  return roots;
}

/** A table node for a Word table (null for a table without cells). Cell text keeps its marks. */
function tableNode(table: WordTable, unicode: (paragraph: WordParagraph) => Inline[], counts: MappedCounts): PMJson | null {
  if (table.rows.length === 0) return null;
  counts.tables++;
  const converted = table.rows.map((row) => row.cells.map((cell) => cell.paragraphs.map(unicode)));
  const rows = table.rows.map((row, rowIndex): PMJson => {
    const cells = converted[rowIndex] ?? [];
    // Word marks repeated header rows; a first row bold throughout is a header too, as drafts type it.
    const header = row.header || (rowIndex === 0 && table.rows.length > 1 && cells.every((paragraphs) => paragraphs.some(isWhollyBold)));
    return {
      type: 'table_row',
      attrs: { id: newId() },
      content: row.cells.map((cell, cellIndex): PMJson => {
        counts.tableCells++;
        const paragraphs = (cells[cellIndex] ?? [])
          .filter((inlines) => plainText(inlines).trim() !== '')
          // A header cell is drawn bold by the workspace: bold throughout is its look, not a mark.
          .map((inlines) => (header && isWhollyBold(inlines) ? inlines.map((inline): Inline => (inline.kind === 'text' ? { ...inline, bold: false } : inline)) : inlines));
        return {
          type: header ? 'table_header' : 'table_cell',
          attrs: { colspan: cell.colSpan, rowspan: cell.rowSpan, colwidth: null, id: newId() },
          content: paragraphs.length === 0 ? [{ type: 'paragraph', attrs: { id: newId() }, content: [] }] : paragraphs.map(paragraphNode),
        };
      }),
    };
  });
  return { type: 'table', attrs: { id: newId() }, content: rows };
}
