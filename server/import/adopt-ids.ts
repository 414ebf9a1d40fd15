import { Node as PMNode } from 'prosemirror-model';
import { outlineSchema } from '../../document-model/schema.ts';

/**
 * For a file imported as a new version: the imported top-level blocks whose text is exactly
 * that of a block of the live document take that block's id (a heading matches a heading,
 * whatever its level; other blocks a block of the same type), each live id at most once, in
 * document order. Sections therefore keep their identity across the import, the comparison
 * matches them by id, and y-prosemirror's minimal update leaves unchanged blocks (and the
 * comments anchored in them) untouched. Nested blocks (list items, cells) keep fresh ids.
 */
export function adoptIds(imported: PMNode, live: PMNode): PMNode {
  const available = new Map<string, string[]>();
  const keyOf = (node: PMNode): string => `${node.type.name}\u0000${node.textContent}`;
  live.forEach((node) => {
    const id: unknown = node.attrs.id;
    if (typeof id !== 'string' || id === '') return;
    const ids = available.get(keyOf(node)) ?? [];
    ids.push(id);
    available.set(keyOf(node), ids);
  });
  const used = new Set<string>();
  const children: PMNode[] = [];
  imported.forEach((node) => {
    const id = available.get(keyOf(node))?.shift();
    if (id === undefined || used.has(id)) {
      children.push(node);
      return;
    }
    used.add(id);
    children.push(node.type.create({ ...node.attrs, id }, node.content, node.marks));
  });
  // A live id adopted at top level can no longer collide with the fresh ids inside blocks (random, 96 bits).
  const doc = outlineSchema.topNodeType.create(imported.attrs, children);
  doc.check();
  return doc;
}
