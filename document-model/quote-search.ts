import type { Node as PMNode } from 'prosemirror-model';

/** A range of document positions. */
export interface QuoteRange {
  from: number;
  to: number;
}

/** Occurrences of `quote` in one textblock whose content starts at `start`; text only, so a quote never spans an inline leaf. */
function inTextblock(block: PMNode, start: number, quote: string, found: QuoteRange[]): void {
  let text = '';
  const positions: number[] = [];
  block.forEach((child, childOffset) => {
    if (!child.isText) return;
    const value = child.text ?? '';
    for (let index = 0; index < value.length; index += 1) positions.push(start + childOffset + index);
    text += value;
  });
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const from = positions[at];
    const last = positions[at + quote.length - 1];
    if (from !== undefined && last !== undefined) found.push({ from, to: last + 1 });
  }
}

/** Every occurrence of `quote` in the textblocks of `node`, whose content starts at `start`. */
function occurrences(node: PMNode, start: number, quote: string): QuoteRange[] {
  const found: QuoteRange[] = [];
  if (node.isTextblock) inTextblock(node, start, quote, found);
  else {
    node.descendants((child, pos) => {
      if (!child.isTextblock) return true;
      inTextblock(child, start + pos + 1, quote, found);
      return false;
    });
  }
  return found;
}

/**
 * Where a comment's quoted words stand now when its anchor no longer resolves (its passage
 * was moved by cut and paste, a move or a restore, which re-create the text): the first
 * occurrence inside the block that still has the anchor's `blockId`, else the only occurrence
 * in the whole document. Null when the words are gone, or stand in several places and the
 * block id cannot say which (the thread is then orphaned, as it should be). Only quotes
 * within one paragraph are searched.
 */
export function findQuote(doc: PMNode, quote: string, blockId: string | null): QuoteRange | null {
  const wanted = quote.normalize('NFC');
  if (wanted.trim() === '' || wanted.includes('\n')) return null;
  let inBlock: QuoteRange | null = null;
  if (blockId !== null) {
    doc.descendants((node, pos) => {
      if (inBlock !== null) return false;
      if (node.attrs.id !== blockId) return true;
      inBlock = occurrences(node, pos + 1, wanted)[0] ?? null;
      return false;
    });
  }
  if (inBlock !== null) return inBlock;
  const everywhere = occurrences(doc, 0, wanted);
  return everywhere.length === 1 ? (everywhere[0] ?? null) : null;
}
