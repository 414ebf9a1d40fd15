import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import type { MovePlan } from './sections.ts';

/**
 * Moves expressed on the Yjs content itself. A ProseMirror transaction that deletes blocks and
 * inserts them elsewhere becomes, through y-prosemirror's position-based diff, a rewrite of
 * whichever Y elements sit at those positions; text another person types concurrently into a
 * moved block then lands in an unrelated block or a deleted one. Here a move deletes the moved
 * Y elements and inserts faithful clones (same node name, attributes including the block `id`,
 * formatted text, nested children), so concurrent typing lands in the deleted original, where
 * the server finds it and replays it into the clone (`server/collab/move-repair.ts`).
 */

/** A move of sibling Y elements: `count` children of the element at `path` from index `from` to before index `insertAt`. */
export interface YMove {
  /** Child indices leading from the content fragment to the parent element ([] for top-level blocks). */
  path: number[];
  from: number;
  count: number;
  /** Index (before the move) of the child the moved ones go before; outside `[from, from + count]`. */
  insertAt: number;
}

/**
 * Translates a ProseMirror move plan (whole sibling nodes `[from, to)` of one parent, re-inserted
 * at the sibling boundary `insertAt` of the same parent) into child indices. Null when the plan's
 * positions are not sibling boundaries of one parent.
 */
export function yMoveOf(doc: PMNode, plan: MovePlan): YMove | null {
  const $from = doc.resolve(plan.from);
  const $to = doc.resolve(plan.to);
  const $at = doc.resolve(plan.insertAt);
  const depth = $from.depth;
  if ($to.depth !== depth || $at.depth !== depth || !$from.sameParent($to) || !$from.sameParent($at)) return null;
  if ($from.textOffset !== 0 || $to.textOffset !== 0 || $at.textOffset !== 0) return null;
  const path: number[] = [];
  for (let d = 0; d < depth; d++) path.push($from.index(d));
  const from = $from.index(depth);
  const count = $to.index(depth) - from;
  const insertAt = $at.index(depth);
  if (count <= 0 || (insertAt >= from && insertAt <= from + count)) return null;
  return { path, from, count, insertAt };
}

/** The Y element at `path` under `fragment`, or null when the path leads nowhere. */
export function yParentAt(fragment: Y.XmlFragment, path: readonly number[]): Y.XmlFragment | null {
  let parent: Y.XmlFragment = fragment;
  for (const index of path) {
    const child = parent.get(index);
    if (!(child instanceof Y.XmlElement)) return null;
    parent = child;
  }
  return parent;
}

/**
 * Applies `move` to `fragment` in one Yjs transaction with `origin`: the moved elements are
 * deleted and clones of them (node name, attributes, text with its formatting, nested children)
 * are inserted at the target. Block ids are kept, so the result is one update that any binding
 * renders as the same blocks in a new place. Throws on a path or range that does not exist.
 */
export function applyYMove(fragment: Y.XmlFragment, move: YMove, origin: unknown): void {
  const doc = fragment.doc;
  if (!doc) throw new Error('the fragment is not part of a Y.Doc');
  doc.transact(() => {
    const parent = yParentAt(fragment, move.path);
    if (!parent || move.from + move.count > parent.length || move.insertAt > parent.length) throw new Error('no such Y children to move');
    const clones = parent.slice(move.from, move.from + move.count).map((child) => {
      if (!(child instanceof Y.XmlElement || child instanceof Y.XmlText)) throw new Error('only elements and text can be moved');
      return child.clone();
    });
    // Inserting first keeps `insertAt` meaningful whichever side of the moved range it is on.
    parent.insert(move.insertAt, clones);
    const shift = move.insertAt < move.from ? move.count : 0;
    parent.delete(move.from + shift, move.count);
  }, origin);
}
