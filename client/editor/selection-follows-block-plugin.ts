import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, TextSelection, type Selection, type Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { isRemoteSync } from './block-ids-plugin.ts';

/** Key of the plugin that keeps the cursor in its block when a colleague moves the block. */
export const selectionFollowsBlockPluginKey = new PluginKey('draftroom-selection-follows-block');

/** The block id and text offsets of a selection lying in one textblock, or null. */
function inBlock(selection: Selection): { id: string; anchor: number; head: number } | null {
  const { $anchor, $head } = selection;
  const parent = $anchor.parent;
  const id: unknown = parent.attrs.id;
  if (!parent.isTextblock || typeof id !== 'string' || id === '' || $head.parent !== parent) return null;
  return { id, anchor: $anchor.parentOffset, head: $head.parentOffset };
}

function isUndoRedo(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(ySyncPluginKey);
  return typeof meta === 'object' && meta !== null && 'isUndoRedoOperation' in meta && meta.isUndoRedoOperation === true;
}

/** Position of the start of the textblock with block id `id`, or -1. */
function textblockStart(doc: PMNode, id: string): { pos: number; size: number } | null {
  let found: { pos: number; size: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.isTextblock && node.attrs.id === id) found = { pos: pos + 1, size: node.content.size };
    return !node.isTextblock;
  });
  return found;
}

/**
 * A colleague's move deletes the blocks' Yjs elements and inserts copies elsewhere, so the
 * binding cannot map a cursor inside a moved block and leaves it wherever the re-render put it.
 * After a remote change, when the cursor was in a textblock that still exists under the same
 * block id but the cursor is no longer in it, this puts it back at the same offsets there, so
 * the person typing goes on typing in the block they were in.
 */
export function selectionFollowsBlockPlugin(): Plugin {
  return new Plugin({
    key: selectionFollowsBlockPluginKey,
    appendTransaction(transactions, oldState, newState) {
      // Undo and redo place the cursor themselves.
      if (!transactions.some(isRemoteSync) || transactions.some(isUndoRedo)) return null;
      const before = inBlock(oldState.selection);
      if (!before || inBlock(newState.selection)?.id === before.id) return null;
      const block = textblockStart(newState.doc, before.id);
      if (!block) return null;
      const clamp = (offset: number): number => block.pos + Math.min(offset, block.size);
      return newState.tr.setSelection(TextSelection.create(newState.doc, clamp(before.anchor), clamp(before.head)));
    },
  });
}
