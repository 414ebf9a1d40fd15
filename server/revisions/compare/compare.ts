/**
 * Section-aware comparison of two versions of an outline.
 */
import type * as Y from 'yjs';
import { extractBlocks } from './extract.ts';
import { matchBlocks } from './match.ts';
import { collapseWhitespace, countWords } from './tokens.ts';
import { diffText, replaceAll, type DiffLimits, type TextOp } from './word-diff.ts';
import type { CompareOptions, OutlineBlock } from './types.ts';
import { attributeOps, blockStamps } from './attribution.ts';
import type { BlockChange, ChangeKind, ChangeStatus, Comparison, SectionChange, StatusCounts } from './comparison-schema.ts';

/** Default of `CompareOptions.maxTokensPerBlock`. */
export const DEFAULT_MAX_TOKENS_PER_BLOCK = 4000;
/** Default of `CompareOptions.maxEditLength`. */
export const DEFAULT_MAX_EDIT_LENGTH = 1000;

/**
 * Compares two versions of an outline block by block (see `matchBlocks` for how blocks are
 * paired) and word by word inside each changed block. Renumbering alone is never a change.
 * Text is compared after NFC, so canonically equivalent texts are equal. The result is JSON.
 */
export function compareDocuments(from: Y.Doc, to: Y.Doc, options: CompareOptions = {}): Comparison {
  return compareBlocks(extractBlocks(from), extractBlocks(to), options);
}

/** `compareDocuments` on already extracted blocks. */
export function compareBlocks(fromBlocks: readonly OutlineBlock[], toBlocks: readonly OutlineBlock[], options: CompareOptions = {}): Comparison {
  const limits: DiffLimits = {
    maxTokensPerBlock: options.maxTokensPerBlock ?? DEFAULT_MAX_TOKENS_PER_BLOCK,
    maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH,
  };
    const matching = matchBlocks(fromBlocks, toBlocks);
  const toKeys = new Set(toBlocks.map((block) => block.id));

  // Output id of each `from` block: its partner's id, or its own (kept apart from `to` ids).
  const fromOutputId = fromBlocks.map((block, index) => {
    const partner = toBlocks[matching.toOf[index] ?? -1];
    if (partner !== undefined) return partner.id;
    return toKeys.has(block.id) ? `from:${block.id}` : block.id;
  });

  // Removed blocks go right after the `to` place of the nearest earlier matched `from` block.
  const removedAfter = new Map<number, number[]>();
  let anchor = -1;
  fromBlocks.forEach((_, index) => {
    const partner = matching.toOf[index] ?? -1;
    if (partner !== -1) {
      anchor = partner;
      return;
    }
    const list = removedAfter.get(anchor);
    if (list === undefined) removedAfter.set(anchor, [index]);
    else list.push(index);
  });

  const blocks: BlockChange[] = [];
  const pushRemoved = (after: number): void => {
    for (const index of removedAfter.get(after) ?? []) {
      const block = fromBlocks[index];
      if (block !== undefined) blocks.push(removedChange(block, fromOutputId[index] ?? block.id, options));
    }
  };
  pushRemoved(-1);
  toBlocks.forEach((block, toIndex) => {
    const partner = fromBlocks[matching.fromOf[toIndex] ?? -1];
    if (partner === undefined) blocks.push(addedChange(block, options));
    else blocks.push(matchedChange(partner, block, matching.moved[toIndex] === 1, limits, options));
    pushRemoved(toIndex);
  });

  // A block moved away from its section changes that section too.
  const movedOutOf = new Map<string, string>();
  const fromIndexByKey = new Map(fromBlocks.map((block, index) => [block.id, index]));
  toBlocks.forEach((block, toIndex) => {
    if (matching.moved[toIndex] !== 1) return;
    const partner = fromBlocks[matching.fromOf[toIndex] ?? -1];
    if (partner === undefined || partner.sectionId === null) return;
    const sectionOutputId = fromOutputId[fromIndexByKey.get(partner.sectionId) ?? -1];
    if (sectionOutputId !== undefined) movedOutOf.set(block.id, sectionOutputId);
  });

  attachMoves(blocks, fromBlocks, toBlocks, matching, fromOutputId);
  const sections = buildSections(blocks, movedOutOf);
  return { summary: summarize(blocks, sections), sections, blocks };
}

/**
 * Gives every moved block its `move`: the numbers of the sections it left and joined, the
 * block that stayed in place it followed in `from` (where its old place is shown), and whether
 * it opens a run of blocks that moved together.
 */
function attachMoves(
  blocks: BlockChange[],
  fromBlocks: readonly OutlineBlock[],
  toBlocks: readonly OutlineBlock[],
  matching: ReturnType<typeof matchBlocks>,
  fromOutputId: readonly string[],
): void {
  const numberOf = (list: readonly OutlineBlock[], byKey: ReadonlyMap<string, number>, sectionKey: string | null): string | null =>
    sectionKey === null ? null : (list[byKey.get(sectionKey) ?? -1]?.number ?? null);
  const fromByKey = new Map(fromBlocks.map((block, index) => [block.id, index]));
  const toByKey = new Map(toBlocks.map((block, index) => [block.id, index]));
  const changeById = new Map(blocks.map((block) => [block.id, block]));
  let after: string | null = null;
  let previousTo = -2;
  fromBlocks.forEach((block, fromIndex) => {
    const toIndex = matching.toOf[fromIndex] ?? -1;
    if (toIndex === -1) return;
    if (matching.moved[toIndex] !== 1) {
      after = fromOutputId[fromIndex] ?? null;
      previousTo = -2;
      return;
    }
    const target = toBlocks[toIndex];
    const change = target === undefined ? undefined : changeById.get(target.id);
    if (target === undefined || change === undefined) return;
    change.move = {
      fromSection: numberOf(fromBlocks, fromByKey, block.sectionId),
      toSection: numberOf(toBlocks, toByKey, target.sectionId),
      after,
      fromOrder: fromIndex,
      first: toIndex !== previousTo + 1,
    };
    previousTo = toIndex;
  });
}

/** Words in the insert and delete ops. */
function countOpWords(ops: readonly TextOp[]): { insertedWords: number; deletedWords: number } {
  let insertedWords = 0;
  let deletedWords = 0;
  for (const op of ops) {
    if (op.op === 'insert') insertedWords += countWords(op.text);
    else if (op.op === 'delete') deletedWords += countWords(op.text);
  }
  return { insertedWords, deletedWords };
}

/** `{ listKind }` for a list item, `{ cell }` for a table cell, `{}` otherwise (keeps the JSON small). */
function listKindOf(block: OutlineBlock): Pick<BlockChange, 'listKind' | 'cell'> {
  if (block.cell) return { cell: { ...block.cell } };
  return block.listKind === null ? {} : { listKind: block.listKind };
}

/** True when two table cells have the same shape: header or not, same spans (both null for other blocks). */
function sameCellShape(a: OutlineBlock, b: OutlineBlock): boolean {
  if (!a.cell || !b.cell) return !a.cell && !b.cell;
  return a.cell.header === b.cell.header && a.cell.colspan === b.cell.colspan && a.cell.rowspan === b.cell.rowspan;
}

function addedChange(block: OutlineBlock, options: CompareOptions): BlockChange {
  return {
    id: block.id,
    kind: block.kind,
    level: block.level,
    ...listKindOf(block),
    sectionId: null,
    fromNumber: null,
    toNumber: block.number,
    status: 'added',
    moved: false,
    changeKind: null,
    fromText: null,
    toText: block.text,
    ops: attributeOps(replaceAll('', block.text), null, block, options),
    insertedWords: countWords(block.text),
    deletedWords: 0,
    ...blockStamps(null, block, options),
  };
}

function removedChange(block: OutlineBlock, id: string, options: CompareOptions): BlockChange {
  return {
    id,
    kind: block.kind,
    level: block.level,
    ...listKindOf(block),
    sectionId: null,
    fromNumber: block.number,
    toNumber: null,
    status: 'removed',
    moved: false,
    changeKind: null,
    fromText: block.text,
    toText: null,
    ops: attributeOps(replaceAll(block.text, ''), block, null, options),
    insertedWords: 0,
    deletedWords: countWords(block.text),
    ...blockStamps(block, null, options),
  };
}

/** Compares a block with its partner: text, then whitespace, then marks and structure. */
function matchedChange(from: OutlineBlock, to: OutlineBlock, moved: boolean, limits: DiffLimits, options: CompareOptions): BlockChange {
  let changeKind: ChangeKind | null = null;
  let ops: TextOp[];
  let coarse = false;
  let counts = { insertedWords: 0, deletedWords: 0 };
  if (from.text === to.text) {
    const sameStructure = from.kind === to.kind && from.level === to.level && from.listKind === to.listKind && sameCellShape(from, to);
    if (from.formatting !== to.formatting || !sameStructure) changeKind = 'formatting';
    ops = to.text === '' ? [] : [{ op: 'equal', text: to.text }];
  } else {
    const result = diffText(from.text, to.text, limits);
    ops = result.ops;
    coarse = result.coarse;
    if (collapseWhitespace(from.text) === collapseWhitespace(to.text)) changeKind = 'whitespace';
    else {
      changeKind = 'text';
      counts = countOpWords(ops);
    }
  }
  const status: ChangeStatus = changeKind !== null ? 'modified' : moved ? 'moved' : 'unchanged';
  return {
    id: to.id,
    ...(from.id !== to.id ? { fromId: from.id } : {}),
    kind: to.kind,
    level: to.level,
    ...listKindOf(to),
    sectionId: null,
    fromNumber: from.number,
    toNumber: to.number,
    status,
    moved,
    changeKind,
    fromText: from.text,
    toText: to.text,
    ops: attributeOps(ops, from, to, options),
    ...blockStamps(from, to, options),
    ...counts,
    ...(coarse ? { coarse: true } : {}),
  };
}

/**
 * Assigns each block to the nearest heading above it in display order and builds the
 * sections. `movedOutOf` maps a moved block to the section it left.
 */
function buildSections(blocks: BlockChange[], movedOutOf: ReadonlyMap<string, string>): SectionChange[] {
  const sections: SectionChange[] = [];
  const touched = new Set<string>();
  let current: SectionChange | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      current = {
        id: block.id,
        title: block.toText ?? block.fromText ?? '',
        fromNumber: block.fromNumber,
        toNumber: block.toNumber,
        status: 'unchanged',
        insertedWords: 0,
        deletedWords: 0,
        blockIds: [],
      };
      sections.push(current);
    }
    if (current === undefined) continue;
    block.sectionId = current.id;
    current.blockIds.push(block.id);
    current.insertedWords += block.insertedWords;
    current.deletedWords += block.deletedWords;
    if (block.status !== 'unchanged') touched.add(current.id);
    const left = movedOutOf.get(block.id);
    if (left !== undefined && left !== current.id) touched.add(left);
  }
  const headingById = new Map(blocks.filter((block) => block.kind === 'heading').map((block) => [block.id, block]));
  for (const section of sections) {
    const heading = headingById.get(section.id);
    if (heading?.status === 'added' || heading?.status === 'removed') section.status = heading.status;
    else if (heading?.moved === true) section.status = 'moved';
    else if (touched.has(section.id)) section.status = 'modified';
  }
  return sections;
}

function emptyCounts(): StatusCounts {
  return { added: 0, removed: 0, moved: 0, modified: 0, unchanged: 0 };
}

function summarize(blocks: readonly BlockChange[], sections: readonly SectionChange[]): Comparison['summary'] {
  const summary: Comparison['summary'] = {
    sections: emptyCounts(),
    blocks: emptyCounts(),
    words: { inserted: 0, deleted: 0 },
    whitespaceOnly: 0,
    formattingOnly: 0,
  };
  for (const section of sections) summary.sections[section.status] += 1;
  for (const block of blocks) {
    summary.blocks[block.status] += 1;
    summary.words.inserted += block.insertedWords;
    summary.words.deleted += block.deletedWords;
    if (block.changeKind === 'whitespace') summary.whitespaceOnly += 1;
    if (block.changeKind === 'formatting') summary.formattingOnly += 1;
  }
  return summary;
}
