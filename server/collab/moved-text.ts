import * as Y from 'yjs';
import { diffArrays } from 'diff';

/**
 * The text of one block element (paragraph, heading) read unit by unit from its Yjs items, also
 * when the element is deleted, and the replay of text edits made in one copy of a block into
 * another copy. Used by `move-repair.ts`; knows nothing of documents or connections.
 */

/** Stands for a child element of the block (a hard break) in its flat text. */
export const EMBED_UNIT = '\uFFFC';

/** Stands for a unit whose content was already collected (deleted before the server kept it): its place is known, its character is not. */
export const UNKNOWN_UNIT = '\u0000';

/** One UTF-16 unit of a block's flat text, with the formatting (marks) it carries and its Yjs id as `client:clock`. */
export interface TextUnit {
  ch: string;
  attrs: Readonly<Record<string, unknown>>;
  key: string;
}

/** Decides whether the unit at `offset` of `item` is part of the text being read. */
export type UnitFilter = (item: Y.Item, offset: number) => boolean;

/** Units of live (not deleted) items: the text as any client shows it. */
export const LIVE_UNITS: UnitFilter = (item) => !item.deleted;

/** Every unit, deleted or not. */
export const ALL_UNITS: UnitFilter = () => true;

/** Items of a type's list in order, deleted ones included (Yjs keeps them until collected). */
function* listItems(type: { _start: Y.Item | null }): Generator<Y.Item> {
  for (let item = type._start; item !== null; item = item.right) yield item;
}

function unitKey(item: Y.Item, offset: number): string {
  return `${item.id.client}:${item.id.clock + offset}`;
}

/**
 * The flat text of `element` as the units `include` selects: the characters of its text children
 * and one `EMBED_UNIT` per child element, in document order. Marks come from the formatting
 * items `formats` selects (by default the same as `include`).
 */
export function textUnits(element: Y.XmlElement, include: UnitFilter, formats: UnitFilter = include): TextUnit[] {
  const units: TextUnit[] = [];
  for (const child of listItems(element)) {
    if (!(child.content instanceof Y.ContentType)) continue;
    const type = child.content.type;
    if (type instanceof Y.XmlText) {
      let attrs: Record<string, unknown> = {};
      for (const item of listItems(type)) {
        const content = item.content;
        if (content instanceof Y.ContentFormat) {
          if (!formats(item, 0)) continue;
          attrs = { ...attrs };
          if (content.value === null) delete attrs[content.key];
          else attrs[content.key] = content.value;
        } else if (content instanceof Y.ContentString || content instanceof Y.ContentDeleted) {
          const str = content instanceof Y.ContentString ? content.str : UNKNOWN_UNIT.repeat(content.len);
          for (let offset = 0; offset < str.length; offset++) {
            if (include(item, offset)) units.push({ ch: str.charAt(offset), attrs, key: unitKey(item, offset) });
          }
        }
      }
    } else if (include(child, 0)) {
      units.push({ ch: EMBED_UNIT, attrs: {}, key: unitKey(child, 0) });
    }
  }
  return units;
}

/** The units' characters as one string. */
export function unitString(units: readonly TextUnit[]): string {
  return units.map((unit) => unit.ch).join('');
}

/** A change to a block's flat text, at a position of the block it applies to. */
export type TextEdit = { kind: 'insert'; at: number; units: TextUnit[] } | { kind: 'delete'; at: number; length: number };

/** Orders edits from the end backwards, a deletion before an insertion at the same place. */
export function byPositionDescending(x: TextEdit, y: TextEdit): number {
  return y.at - x.at || (x.kind === 'delete' ? -1 : 1) - (y.kind === 'delete' ? -1 : 1);
}

/** Largest `text.length × target.length` aligned exactly; beyond it only a plain diff is tried. */
const MAX_ALIGNMENT_CELLS = 1_000_000;

/**
 * Aligns `text` with `target` when `target` is a copy of it (a move's clone): every known
 * character matches itself in order, and each character of unknown content either stands for
 * one character of `target` or is dropped (its deletion had already been seen by the copier).
 * Returns, per character of `text`, its index in `target` or -1 when dropped; null when `target`
 * is no such copy.
 */
function alignCopy(text: string, target: string): number[] | null {
  const n = text.length;
  const m = target.length;
  if (m > n || (n + 1) * (m + 1) > MAX_ALIGNMENT_CELLS) return null;
  // possible[i * (m + 1) + j]: text[i…] can be aligned with target[j…].
  const possible = new Uint8Array((n + 1) * (m + 1));
  possible[n * (m + 1) + m] = 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      const match = j < m && (text[i] === target[j] || text[i] === UNKNOWN_UNIT) && possible[(i + 1) * (m + 1) + j + 1] === 1;
      const drop = text[i] === UNKNOWN_UNIT && possible[(i + 1) * (m + 1) + j] === 1;
      if (match || drop) possible[i * (m + 1) + j] = 1;
    }
  }
  if (possible[0] !== 1) return null;
  const aligned: number[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const match = j < m && (text[i] === target[j] || text[i] === UNKNOWN_UNIT) && possible[(i + 1) * (m + 1) + j + 1] === 1;
    aligned.push(match ? j++ : -1);
  }
  return aligned;
}

/**
 * Where each character of `text` is in `target` (or would be, had it not been deleted there) and
 * whether `target` still has it: one to one when they are equal; by `alignCopy` when `target` is
 * meant to be a copy of `text` (`copy`, a move's clone in the move's transaction); otherwise by
 * a character diff in which characters of unknown content match nothing (so a deletion of them
 * is not replayed: nothing is removed on a guess).
 */
function placeIn(text: string, target: string, copy: boolean): { toTarget: number[]; kept: boolean[]; end: number } {
  const toTarget: number[] = [];
  const kept: boolean[] = [];
  const aligned = text === target ? Array.from({ length: text.length }, (_, i) => i) : copy ? alignCopy(text, target) : null;
  if (aligned) {
    let t = 0;
    for (const index of aligned) {
      toTarget.push(index < 0 ? t : index);
      kept.push(index >= 0);
      if (index >= 0) t = index + 1;
    }
    toTarget.push(target.length);
    return { toTarget, kept, end: target.length };
  }
  let t = 0;
  // UTF-16 units, as Yjs counts positions (a spread would split by code points).
  for (const part of diffArrays(text.split(''), target.split(''))) {
    const length = part.count ?? part.value.length;
    if (part.added) {
      t += length;
      continue;
    }
    for (let k = 0; k < length; k++) {
      toTarget.push(t);
      kept.push(!part.removed);
      if (!part.removed) t++;
    }
  }
  toTarget.push(t);
  return { toTarget, kept, end: t };
}

/**
 * The edits that turn the units `before` selects into those `after` selects (both taken from
 * `units`, one block's units in document order, so what was inserted and deleted is known
 * exactly), placed in `target`: a text that started as the `before` text and was changed since
 * by others (or, with `targetIsCopy`, a copy of it: see `placeIn`). Positions go through a
 * character diff of the `before` text and `target`; a deletion only removes what `target` still has. Sorted by `byPositionDescending`, so applying them in
 * order never shifts the next one.
 */
export function replayEdits(
  units: readonly TextUnit[],
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
  target: string,
  targetIsCopy = false,
): TextEdit[] {
  const beforeText = unitString(units.filter((unit) => before.has(unit.key)));
  const { toTarget, kept, end: t } = placeIn(beforeText, target, targetIsCopy);
  const edits: TextEdit[] = [];
  let b = 0;
  for (const unit of units) {
    const was = before.has(unit.key);
    const is = after.has(unit.key);
    const last = edits[edits.length - 1];
    if (was && !is && kept[b]) {
      const at = toTarget[b] ?? t;
      if (last?.kind === 'delete' && last.at + last.length === at) last.length++;
      else edits.push({ kind: 'delete', at, length: 1 });
    } else if (!was && is) {
      const at = toTarget[b] ?? t;
      if (last?.kind === 'insert' && last.at === at) last.units.push(unit);
      else edits.push({ kind: 'insert', at, units: [unit] });
    }
    if (was) b++;
  }
  return edits.sort(byPositionDescending);
}

/** A live text child of a block and where its text starts in the block's flat text. */
interface TextChild {
  text: Y.XmlText;
  index: number;
  start: number;
}

/** The block's live children with the flat offset each starts at. */
function liveChildren(element: Y.XmlElement): { texts: TextChild[]; starts: number[]; length: number } {
  const texts: TextChild[] = [];
  const starts: number[] = [];
  let offset = 0;
  element.toArray().forEach((child, index) => {
    starts.push(offset);
    if (child instanceof Y.XmlText) {
      texts.push({ text: child, index, start: offset });
      offset += child.length;
    } else {
      offset += 1;
    }
  });
  return { texts, starts, length: offset };
}

/** Runs of consecutive units with the same marks. */
function runs(units: readonly TextUnit[]): { text: string; attrs: Record<string, unknown> }[] {
  const out: { text: string; attrs: Record<string, unknown>; key: string }[] = [];
  for (const unit of units) {
    if (unit.ch === EMBED_UNIT) continue;
    const key = JSON.stringify(unit.attrs);
    const last = out[out.length - 1];
    if (last && last.key === key) last.text += unit.ch;
    else out.push({ text: unit.ch, attrs: { ...unit.attrs }, key });
  }
  return out;
}

function insertUnits(element: Y.XmlElement, at: number, units: readonly TextUnit[]): void {
  const pieces = runs(units);
  if (pieces.length === 0) return;
  const { texts, starts, length } = liveChildren(element);
  let target = texts.find((child) => at >= child.start && at <= child.start + child.text.length);
  if (!target) {
    // No text child touches `at` (an empty block, or between two hard breaks): give it one.
    const index = starts.findIndex((start) => start >= at);
    const text = new Y.XmlText();
    element.insert(index < 0 ? element.length : index, [text]);
    target = { text, index, start: Math.min(at, length) };
  }
  let offset = at - target.start;
  for (const piece of pieces) {
    target.text.insert(offset, piece.text, piece.attrs);
    offset += piece.text.length;
  }
}

function deleteUnits(element: Y.XmlElement, at: number, length: number): void {
  const { texts } = liveChildren(element);
  for (const child of [...texts].reverse()) {
    const from = Math.max(at, child.start);
    const to = Math.min(at + length, child.start + child.text.length);
    if (to > from) child.text.delete(from - child.start, to - from);
  }
}

/** Applies `edits` (as `replayEdits` orders them) to the live block `element`; child elements are never removed or added. */
export function applyTextEdits(element: Y.XmlElement, edits: readonly TextEdit[]): void {
  for (const edit of edits) {
    if (edit.kind === 'insert') insertUnits(element, edit.at, edit.units);
    else deleteUnits(element, edit.at, edit.length);
  }
}
