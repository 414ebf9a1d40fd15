/**
 * Word-level redline of one block, bounded in time and memory. Myers' diff (the `diff`
 * package's `diffArrays`) costs O(N·D) time and O(D²) memory, so it only ever sees one block,
 * with its common prefix and suffix trimmed, and gives up past fixed limits.
 *
 * `diffArrays` over our own tokens rather than `diffWordsWithSpace`: the latter's word class
 * is Latin-only and has no combining marks, so any non-Latin letter or stray combining mark
 * would split a word; our tokens are Unicode-aware and computed once per block.
 */
import { diffArrays } from 'diff';
import { isWhitespace, tokenize } from './tokens.ts';

/** One redline step before authorship is attached. */
export interface TextOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Limits of a block diff. */
export interface DiffLimits {
  /** Either side longer than this (in tokens) gives a coarse result. */
  maxTokensPerBlock: number;
  /** Edit distance (in tokens) past which the diff gives up with a coarse result. */
  maxEditLength: number;
}

/** A block's redline; `coarse` when a limit was hit and the result is delete-all + insert-all. */
export interface TextDiff {
  ops: TextOp[];
  coarse: boolean;
}

/** Delete-all + insert-all. */
export function replaceAll(fromText: string, toText: string): TextOp[] {
  const ops: TextOp[] = [];
  if (fromText !== '') ops.push({ op: 'delete', text: fromText });
  if (toText !== '') ops.push({ op: 'insert', text: toText });
  return ops;
}

/** A run of equal text, or a change made of a deletion and an insertion (either may be empty). */
type Segment = { equal: string } | { deleted: string; inserted: string };

/**
 * Diffs two NFC texts word by word. Op boundaries always fall between tokens, so a syllable
 * is never split. Within a change, the deletion comes before the insertion.
 */
export function diffText(fromText: string, toText: string, limits: DiffLimits): TextDiff {
  if (fromText === toText) return { ops: fromText === '' ? [] : [{ op: 'equal', text: fromText }], coarse: false };
  const a = tokenize(fromText);
  const b = tokenize(toText);
  if (a.length > limits.maxTokensPerBlock || b.length > limits.maxTokensPerBlock) {
    return { ops: replaceAll(fromText, toText), coarse: true };
  }
  let prefix = 0;
  const shorter = Math.min(a.length, b.length);
  while (prefix < shorter && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);

  const segments: Segment[] = [];
  if (prefix > 0) segments.push({ equal: a.slice(0, prefix).join('') });
  if (middleA.length === 0 || middleB.length === 0) {
    segments.push({ deleted: middleA.join(''), inserted: middleB.join('') });
  } else {
    const changes = diffArrays(middleA, middleB, { maxEditLength: limits.maxEditLength });
    if (changes === undefined) return { ops: replaceAll(fromText, toText), coarse: true };
    for (const change of changes) {
      const text = change.value.join('');
      const last = segments[segments.length - 1];
      if (!change.added && !change.removed) segments.push({ equal: text });
      else if (last !== undefined && 'deleted' in last) {
        if (change.added) last.inserted += text;
        else last.deleted += text;
      } else segments.push(change.added ? { deleted: '', inserted: text } : { deleted: text, inserted: '' });
    }
  }
  if (suffix > 0) segments.push({ equal: a.slice(a.length - suffix).join('') });
  return { ops: toOps(releaseCommonWhitespace(absorbWhitespace(segments))), coarse: false };
}

/**
 * Folds a whitespace-only equal run lying between two changes into them, so that
 * "foo bar" → "baz qux" reads as one replacement rather than two around a kept space.
 */
function absorbWhitespace(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    if (segment === undefined) continue;
    const before = out[out.length - 1];
    const after = segments[i + 1];
    if ('equal' in segment && isWhitespace(segment.equal) && before !== undefined && 'deleted' in before && after !== undefined && 'deleted' in after) {
      before.deleted += segment.equal + after.deleted;
      before.inserted += segment.equal + after.inserted;
      i += 1;
      continue;
    }
    if ('deleted' in segment && before !== undefined && 'deleted' in before) {
      before.deleted += segment.deleted;
      before.inserted += segment.inserted;
      continue;
    }
    out.push('deleted' in segment ? { ...segment } : segment);
  }
  return out;
}

const LEADING_WHITESPACE = /^\s*/u;
const TRAILING_WHITESPACE = /\s*$/u;

/** Length of the whitespace both strings start with (or end with, when `fromEnd`). */
function commonWhitespace(a: string, b: string, fromEnd: boolean): number {
  const pattern = fromEnd ? TRAILING_WHITESPACE : LEADING_WHITESPACE;
  const wa = a.match(pattern)?.[0] ?? '';
  const wb = b.match(pattern)?.[0] ?? '';
  let n = 0;
  while (n < wa.length && n < wb.length && (fromEnd ? wa[wa.length - 1 - n] === wb[wb.length - 1 - n] : wa[n] === wb[n])) n += 1;
  // Never empty a side completely: a whitespace-only change must stay visible.
  return Math.min(n, a.length - 1, b.length - 1);
}

/** Moves whitespace that a replacement deletes and re-inserts identically back into the equal text. */
function releaseCommonWhitespace(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  const pushEqual = (text: string): void => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last !== undefined && 'equal' in last) out[out.length - 1] = { equal: last.equal + text };
    else out.push({ equal: text });
  };
  for (const segment of segments) {
    if ('equal' in segment) {
      pushEqual(segment.equal);
      continue;
    }
    let { deleted, inserted } = segment;
    if (deleted !== '' && inserted !== '') {
      const head = commonWhitespace(deleted, inserted, false);
      pushEqual(deleted.slice(0, head));
      deleted = deleted.slice(head);
      inserted = inserted.slice(head);
      const tail = commonWhitespace(deleted, inserted, true);
      out.push({ deleted: deleted.slice(0, deleted.length - tail), inserted: inserted.slice(0, inserted.length - tail) });
      pushEqual(deleted.slice(deleted.length - tail));
    } else {
      out.push({ deleted, inserted });
    }
  }
  return out;
}

/** Flattens segments into ops, dropping empty ones. */
function toOps(segments: readonly Segment[]): TextOp[] {
  const ops: TextOp[] = [];
  for (const segment of segments) {
    if ('equal' in segment) {
      if (segment.equal !== '') ops.push({ op: 'equal', text: segment.equal });
    } else {
      if (segment.deleted !== '') ops.push({ op: 'delete', text: segment.deleted });
      if (segment.inserted !== '') ops.push({ op: 'insert', text: segment.inserted });
    }
  }
  return ops;
}
