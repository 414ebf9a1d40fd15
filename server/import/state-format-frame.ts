import type { WordBlock, WordParagraph } from './word-tree.ts';

/**
 * The frame a state-format (Decree 30) draft puts around its content — the header block with the
 * national title (Quốc hiệu), the "DỰ THẢO" mark with its version line, and the title in capitals —
 * is letterhead, not outline: the workspace draws it again on every export. Only the blocks before
 * the content are looked at (at most `FRAME_SEARCH` of them), so a table quoting the national
 * title further down stays.
 */

const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const DRAFT_MARK = 'DỰ THẢO';
const FRAME_SEARCH = 8;

/** What was taken off the top of the file. */
export interface StateFormatFrame {
  /** Blocks removed (0 when the file has no such frame). */
  blocks: number;
}

const paragraphText = (paragraph: WordParagraph): string =>
  paragraph.inlines.map((inline) => (inline.kind === 'text' ? inline.text : ' ')).join('').normalize('NFC').trim();

const blockText = (block: WordBlock): string =>
  block.type === 'paragraph' ? paragraphText(block) : block.rows.flatMap((row) => row.cells.flatMap((cell) => cell.paragraphs.map(paragraphText))).join('\n');

/** True for a line written wholly in capitals (with at least one letter). */
const isCapitals = (text: string): boolean => /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi');

/**
 * Splits the leading state-format frame off `blocks`: recognised only when a header table holding
 * the national title is among the first blocks. Then the "DỰ THẢO" mark (and the version line right
 * after it) among those first blocks, and the first line with text after them when it is in
 * capitals and not a list item (the title), are taken too. Anything else stays, in order.
 */
export function splitStateFormatFrame(blocks: readonly WordBlock[]): { frame: StateFormatFrame; content: WordBlock[] } {
  const head = blocks.slice(0, FRAME_SEARCH);
  const headerIndex = head.findIndex((block) => block.type === 'table' && blockText(block).toLocaleUpperCase('vi').includes(NATIONAL_TITLE));
  if (headerIndex < 0) return { frame: { blocks: 0 }, content: [...blocks] };
  const removed = new Set<number>([headerIndex]);
  const markIndex = head.findIndex((block) => block.type === 'paragraph' && paragraphText(block).toLocaleUpperCase('vi') === DRAFT_MARK);
  if (markIndex >= 0) {
    removed.add(markIndex);
    const version = head[markIndex + 1];
    if (version?.type === 'paragraph' && markIndex + 1 !== headerIndex && !isCapitals(paragraphText(version))) removed.add(markIndex + 1);
  }
  const lastFrameBlock = Math.max(...removed);
  // The title is the first line with text after the frame (empty spacing paragraphs skipped).
  const titleIndex = head.findIndex((block, index) => index > lastFrameBlock && blockText(block) !== '');
  const candidate = head[titleIndex];
  if (titleIndex >= 0 && candidate?.type === 'paragraph' && candidate.numbering === null && isCapitals(paragraphText(candidate))) {
    removed.add(titleIndex);
  }
  return { frame: { blocks: removed.size }, content: blocks.filter((_, index) => !removed.has(index)) };
}
