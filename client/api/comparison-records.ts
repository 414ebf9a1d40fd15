import { isRecord, nullableString, object, string, stringArray } from './narrow.ts';
import { parseRevision, type Revision } from './revision-records.ts';

/**
 * The structured comparison of two versions, as `GET /api/documents/:id/compare` answers
 * it (mirrors `server/revisions/compare/types.ts`), and its guard. Unknown statuses or op
 * kinds are errors: the views could not show them truthfully.
 */

/** Status of a block or section. */
export type ChangeStatus = 'added' | 'removed' | 'moved' | 'modified' | 'unchanged';

/** Why a matched block is modified, or null when it is not. */
export type ChangeKind = 'text' | 'whitespace' | 'formatting';

/** One step of a word-level redline. */
export interface RedlineOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  /** Insertions only: who wrote the inserted characters. */
  authors?: string[];
}

/** Counts per status. */
export type StatusCounts = Record<ChangeStatus, number>;

/** Totals of a comparison. */
export interface ComparisonSummary {
  sections: StatusCounts;
  blocks: StatusCounts;
  words: { inserted: number; deleted: number };
  whitespaceOnly: number;
  formattingOnly: number;
}

/** One heading section. */
export interface SectionChange {
  id: string;
  title: string;
  fromNumber: string | null;
  toNumber: string | null;
  status: ChangeStatus;
  insertedWords: number;
  deletedWords: number;
  blockIds: string[];
}

/** One block (heading, paragraph or list item), in display order. */
export interface BlockChange {
  id: string;
  fromId?: string;
  kind: string;
  level: number;
  listKind?: string;
  sectionId: string | null;
  fromNumber: string | null;
  toNumber: string | null;
  status: ChangeStatus;
  moved: boolean;
  changeKind: ChangeKind | null;
  fromText: string | null;
  toText: string | null;
  ops: RedlineOp[];
  insertedWords: number;
  deletedWords: number;
  coarse?: boolean;
}

/** The comparison itself. */
export interface Comparison {
  summary: ComparisonSummary;
  sections: SectionChange[];
  blocks: BlockChange[];
}

/** One side of a comparison: `ref` as asked, the server's label, the revision (null for `current`). */
export interface VersionInfo {
  ref: string;
  label: string;
  revision: Revision | null;
}

/** The whole answer of the compare route. */
export interface CompareResult {
  documentId: string;
  from: VersionInfo;
  to: VersionInfo;
  comparison: Comparison;
}

const STATUSES: readonly ChangeStatus[] = ['added', 'removed', 'moved', 'modified', 'unchanged'];

function count(source: Record<string, unknown>, key: string, what: string): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError(`${what}.${key}: expected a count`);
  return value;
}

function parseStatus(value: unknown, what: string): ChangeStatus {
  const found = STATUSES.find((status) => status === value);
  if (found === undefined) throw new TypeError(`${what}.status: unknown status ${String(value)}`);
  return found;
}

function parseCounts(value: unknown, what: string): StatusCounts {
  const source = object(value, what);
  return {
    added: count(source, 'added', what),
    removed: count(source, 'removed', what),
    moved: count(source, 'moved', what),
    modified: count(source, 'modified', what),
    unchanged: count(source, 'unchanged', what),
  };
}

function parseSummary(value: unknown): ComparisonSummary {
  const source = object(value, 'summary');
  const words = object(source.words, 'summary.words');
  return {
    sections: parseCounts(source.sections, 'summary.sections'),
    blocks: parseCounts(source.blocks, 'summary.blocks'),
    words: { inserted: count(words, 'inserted', 'summary.words'), deleted: count(words, 'deleted', 'summary.words') },
    whitespaceOnly: count(source, 'whitespaceOnly', 'summary'),
    formattingOnly: count(source, 'formattingOnly', 'summary'),
  };
}

function parseSection(value: unknown): SectionChange {
  const source = object(value, 'section');
  return {
    id: string(source, 'id', 'section'),
    title: string(source, 'title', 'section'),
    fromNumber: nullableString(source, 'fromNumber', 'section'),
    toNumber: nullableString(source, 'toNumber', 'section'),
    status: parseStatus(source.status, 'section'),
    insertedWords: count(source, 'insertedWords', 'section'),
    deletedWords: count(source, 'deletedWords', 'section'),
    blockIds: stringArray(source, 'blockIds', 'section'),
  };
}

function parseOp(value: unknown): RedlineOp {
  const source = object(value, 'op');
  const op = source.op;
  if (op !== 'equal' && op !== 'insert' && op !== 'delete') throw new TypeError(`op.op: unknown op ${String(op)}`);
  const parsed: RedlineOp = { op, text: string(source, 'text', 'op') };
  if (source.authors !== undefined) parsed.authors = stringArray(source, 'authors', 'op');
  return parsed;
}

function parseChangeKind(value: unknown): ChangeKind | null {
  if (value === null || value === undefined) return null;
  if (value === 'text' || value === 'whitespace' || value === 'formatting') return value;
  throw new TypeError(`block.changeKind: unknown kind ${String(value)}`);
}

function parseBlock(value: unknown): BlockChange {
  const source = object(value, 'block');
  if (!Array.isArray(source.ops)) throw new TypeError('block.ops: expected an array');
  const level = source.level;
  if (typeof level !== 'number' || !Number.isInteger(level)) throw new TypeError('block.level: expected an integer');
  const block: BlockChange = {
    id: string(source, 'id', 'block'),
    kind: string(source, 'kind', 'block'),
    level,
    sectionId: nullableString(source, 'sectionId', 'block'),
    fromNumber: nullableString(source, 'fromNumber', 'block'),
    toNumber: nullableString(source, 'toNumber', 'block'),
    status: parseStatus(source.status, 'block'),
    moved: source.moved === true,
    changeKind: parseChangeKind(source.changeKind),
    fromText: nullableString(source, 'fromText', 'block'),
    toText: nullableString(source, 'toText', 'block'),
    ops: source.ops.map((op: unknown) => parseOp(op)),
    insertedWords: count(source, 'insertedWords', 'block'),
    deletedWords: count(source, 'deletedWords', 'block'),
  };
  if (typeof source.fromId === 'string') block.fromId = source.fromId;
  if (typeof source.listKind === 'string') block.listKind = source.listKind;
  if (source.coarse === true) block.coarse = true;
  return block;
}

function parseList<T>(value: unknown, what: string, parseItem: (item: unknown) => T): T[] {
  if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array`);
  return value.map((item: unknown) => parseItem(item));
}

/** Narrows a comparison. */
export function parseComparison(value: unknown): Comparison {
  const source = object(value, 'comparison');
  return {
    summary: parseSummary(source.summary),
    sections: parseList(source.sections, 'comparison.sections', parseSection),
    blocks: parseList(source.blocks, 'comparison.blocks', parseBlock),
  };
}

function parseVersionInfo(value: unknown, what: string): VersionInfo {
  const source = object(value, what);
  return {
    ref: string(source, 'ref', what),
    label: string(source, 'label', what),
    revision: isRecord(source.revision) ? parseRevision(source.revision) : null,
  };
}

/** Narrows the answer of `GET /api/documents/:id/compare`. */
export function parseCompareResult(value: unknown): CompareResult {
  const source = object(value, 'compare');
  return {
    documentId: string(source, 'documentId', 'compare'),
    from: parseVersionInfo(source.from, 'compare.from'),
    to: parseVersionInfo(source.to, 'compare.to'),
    comparison: parseComparison(source.comparison),
  };
}
