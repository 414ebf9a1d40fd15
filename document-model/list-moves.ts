import type { Node as PMNode } from 'prosemirror-model';
import type { MovePlan } from './sections.ts';

/**
 * Moving one list item among its siblings (Alt+Shift+↑ / ↓ inside a list): the innermost list
 * item around `pos` swaps with its previous (`direction` -1) or next (+1) sibling in the same
 * list, nested lists and all. Null when `pos` is in no list item, or the item is already the
 * first (moving up) or last (moving down) of its list; the caller then moves the whole block.
 * The plan's positions are sibling boundaries inside the list, so it applies like any `MovePlan`.
 */
export function planListItemMove(doc: PMNode, pos: number, direction: -1 | 1): MovePlan | null {
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    if ($pos.node(depth).type.name !== 'list_item') continue;
    const list = $pos.node(depth - 1);
    const index = $pos.index(depth - 1);
    const from = $pos.before(depth);
    const to = $pos.after(depth);
    if (direction < 0) {
      const previous = index > 0 ? list.child(index - 1) : null;
      return previous ? { from, to, insertAt: from - previous.nodeSize } : null;
    }
    const next = index + 1 < list.childCount ? list.child(index + 1) : null;
    return next ? { from, to, insertAt: to + next.nodeSize } : null;
  }
  return null;
}
