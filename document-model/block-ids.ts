import type { Node as PMNode } from 'prosemirror-model';
import { BLOCK_NODE_NAMES } from './schema.ts';

/**
 * Pure logic of stable block ids (no DOM, no view): which blocks need a fresh id.
 * Every node named in `BLOCK_NODE_NAMES` must carry a unique, non-empty `id`.
 */

/** One id to assign: the block at `pos` gets `id`. */
export interface BlockIdFix {
  pos: number;
  id: string;
}

/** Generates a fresh id; injectable so tests are deterministic. */
export type IdGenerator = () => string;

const ID_LENGTH = 12;

/** A random 12-character base-36 id from the platform's CSPRNG (about 62 bits). */
export function randomBlockId(): string {
  const bytes = new Uint8Array(ID_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}

/**
 * Lists the fixes that make every block id in `doc` present and unique; an empty list
 * means nothing to do. A block with a unique id is never touched.
 *
 * When an id occurs more than once (a split copies attributes, a paste copies blocks),
 * one occurrence keeps it: the first one for which `isPreexisting(pos)` is true (so the
 * original section keeps its identity when a copy is pasted above it), else the first in
 * document order. All other occurrences, and blocks without an id, get a fresh id that
 * is not used anywhere in the document.
 */
export function blockIdFixes(
  doc: PMNode,
  isPreexisting: (pos: number) => boolean = () => true,
  generate: IdGenerator = randomBlockId,
): BlockIdFix[] {
  const blocks: Array<{ pos: number; id: string | null }> = [];
  doc.descendants((node, pos) => {
    if (BLOCK_NODE_NAMES.has(node.type.name)) {
      const id: unknown = node.attrs.id;
      blocks.push({ pos, id: typeof id === 'string' && id !== '' ? id : null });
    }
    return true;
  });

  const keeper = new Map<string, number>();
  const seen = new Set<string>();
  for (const block of blocks) {
    if (block.id === null) continue;
    seen.add(block.id);
    const current = keeper.get(block.id);
    if (current === undefined || (!isPreexisting(current) && isPreexisting(block.pos))) keeper.set(block.id, block.pos);
  }

  const fixes: BlockIdFix[] = [];
  for (const block of blocks) {
    if (block.id !== null && keeper.get(block.id) === block.pos) continue;
    let id = generate();
    while (seen.has(id)) id = generate();
    seen.add(id);
    fixes.push({ pos: block.pos, id });
  }
  return fixes;
}

/**
 * True when `doc` is the untouched placeholder an empty editor shows (one empty paragraph
 * without id). It must not get an id: writing it to the shared document would make every
 * client that opens an empty outline contribute its own empty paragraph.
 */
export function isEmptyPlaceholder(doc: PMNode): boolean {
  if (doc.childCount !== 1) return false;
  const only = doc.firstChild;
  return only !== null && only.type.name === 'paragraph' && only.content.size === 0 && only.attrs.id == null;
}
