import { toggleMark } from 'prosemirror-commands';
import type { Attrs, MarkType, Node as PMNode, NodeType } from 'prosemirror-model';
import type { Command, EditorState } from 'prosemirror-state';
import { liftListItem, wrapInList } from 'prosemirror-schema-list';
import { outlineSchema } from '../../document-model/schema.ts';

/**
 * Editing commands of the outline (ProseMirror `Command`s), shared by the toolbar and
 * the keymap. Block-type changes keep the block's `id`, so turning a paragraph into a
 * heading does not give the section a new identity.
 */

const nodes = outlineSchema.nodes;
const marks = outlineSchema.marks;

function nodeType(name: string): NodeType {
  const type = nodes[name];
  if (!type) throw new Error(`schema has no node type ${name}`);
  return type;
}

function markType(name: string): MarkType {
  const type = marks[name];
  if (!type) throw new Error(`schema has no mark type ${name}`);
  return type;
}

/**
 * Turns the textblocks in the selection into `type` with `attrs`, keeping each block's id.
 * Not applicable (returns false) when every selected textblock already has that markup or
 * the schema does not allow the change there.
 */
export function setTextblockType(type: NodeType, attrs: Attrs = {}): Command {
  return (state, dispatch) => {
    let applicable = false;
    for (const range of state.selection.ranges) {
      const from = range.$from.pos;
      const to = range.$to.pos;
      state.doc.nodesBetween(from, to, (node, pos) => {
        if (applicable) return false;
        if (!node.isTextblock || node.hasMarkup(type, { ...attrs, id: node.attrs.id })) return true;
        if (node.type === type) {
          applicable = true;
        } else {
          const $pos = state.doc.resolve(pos);
          const index = $pos.index();
          applicable = $pos.parent.canReplaceWith(index, index + 1, type);
        }
        return true;
      });
    }
    if (!applicable) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const range of state.selection.ranges) {
        tr.setBlockType(range.$from.pos, range.$to.pos, type, (old) => ({ ...attrs, id: old.attrs.id ?? null }));
      }
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Makes the selected blocks normal paragraphs. */
export const setParagraph: Command = setTextblockType(nodeType('paragraph'));

/** Makes the selected blocks headings of `level` (1–4). */
export function setHeading(level: number): Command {
  return setTextblockType(nodeType('heading'), { level });
}

/** Names of the two list node types. */
export type ListName = 'bullet_list' | 'ordered_list';

/**
 * Toggles a list like a word processor: inside a list of this kind the items are lifted
 * out of it; inside the other kind the list changes kind (keeping its id); elsewhere the
 * selection is wrapped in a new list.
 */
export function toggleList(name: ListName): Command {
  const listType = nodeType(name);
  const itemType = nodeType('list_item');
  return (state, dispatch) => {
    const list = enclosingList(state);
    if (list && list.node.type === listType) return liftListItem(itemType)(state, dispatch);
    if (list) {
      if (dispatch) {
        const attrs = name === 'ordered_list' ? { order: 1, id: list.node.attrs.id } : { id: list.node.attrs.id };
        dispatch(state.tr.setNodeMarkup(list.pos, listType, attrs).scrollIntoView());
      }
      return true;
    }
    return wrapInList(listType)(state, dispatch);
  };
}

/** The innermost list around the selection's start, if any. */
export function enclosingList(state: EditorState): { node: PMNode; pos: number } | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === 'bullet_list' || node.type.name === 'ordered_list') return { node, pos: $from.before(depth) };
  }
  return null;
}

/** Names of the inline marks offered in the toolbar. */
export type MarkName = 'strong' | 'em' | 'underline';

/** Toggles the mark `name` on the selection (or the stored marks at the cursor). */
export function toggleMarkNamed(name: MarkName): Command {
  return toggleMark(markType(name));
}

/** True when mark `name` is active at the cursor or across the whole selection. */
export function isMarkActive(state: EditorState, name: MarkName): boolean {
  const type = markType(name);
  const { from, to, empty, $from } = state.selection;
  if (empty) return type.isInSet(state.storedMarks ?? $from.marks()) !== undefined;
  return state.doc.rangeHasMark(from, to, type);
}

/** The type name (and heading level) of the textblock holding the selection's start. */
export function currentBlock(state: EditorState): { name: string; level: number | null } {
  const parent = state.selection.$from.parent;
  const level: unknown = parent.attrs.level;
  return { name: parent.type.name, level: parent.type.name === 'heading' && typeof level === 'number' ? level : null };
}
