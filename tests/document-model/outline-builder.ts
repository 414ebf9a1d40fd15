import assert from 'node:assert/strict';
import type { Node as PMNode, NodeType } from 'prosemirror-model';
import { outlineSchema } from '../../document-model/schema.ts';

/** Builds small outlines for tests from compact block specs (see `block`). */

function nodeType(name: string): NodeType {
  const type = outlineSchema.nodes[name];
  if (!type) throw new Error(`schema has no ${name}`);
  return type;
}
const doc = nodeType('doc');
const paragraph = nodeType('paragraph');
const heading = nodeType('heading');
const bulletList = nodeType('bullet_list');
const listItem = nodeType('list_item');

/** A block from a compact spec: "h2:I.2" is a level-2 heading, "p:text" a paragraph, "l:text" a one-item list. */
export function block(spec: string): PMNode {
  const [kind = '', text = ''] = spec.split(':');
  const content = text === '' ? [] : [outlineSchema.text(text)];
  if (kind === 'p') return paragraph.create({ id: text }, content);
  if (kind === 'l') return bulletList.create({ id: text }, [listItem.create({ id: `${text}-item` }, paragraph.create({ id: `${text}-p` }, content))]);
  return heading.create({ level: Number(kind.slice(1)), id: text }, content);
}

/** A document of the blocks `specs` describe (see `block`). */
export function outline(...specs: string[]): PMNode {
  return doc.create(null, specs.map(block));
}

/** Position of the top-level block whose id is `id`. */
export function posOf(d: PMNode, id: string): number {
  let found = -1;
  d.forEach((node, offset) => {
    if (node.attrs.id === id) found = offset;
  });
  assert.notEqual(found, -1, `no block ${id}`);
  return found;
}

