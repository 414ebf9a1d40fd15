import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { PublicThread } from '../api/comment-records.ts';
import { activateMeta, commentsPluginKey } from './comments-plugin.ts';

/** Position of the block whose `id` attribute is `blockId`, or null. */
function blockPosition(view: EditorView, blockId: string): number | null {
  let found: number | null = null;
  view.state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.attrs.id === blockId) {
      found = pos;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * Makes `thread` the active one and, when its passage still exists, selects it and
 * scrolls it into view; a thread filed against a section goes to the start of that
 * section's heading instead. Works in read-only editors too (selection is not editing).
 * Returns false when there is nothing in the document to go to (an orphaned thread).
 */
export function revealThread(view: EditorView, thread: PublicThread): boolean {
  const tr = activateMeta(view.state.tr, thread.id);
  const range = commentsPluginKey.getState(view.state)?.ranges.get(thread.id);
  const blockId = thread.anchor === null ? (thread.sectionBlockId ?? thread.position.blockId) : null;
  const blockPos = blockId === null ? null : blockPosition(view, blockId);
  let target: number | null = null;
  if (range !== undefined) {
    tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView();
    target = range.from;
  } else if (blockPos !== null) {
    tr.setSelection(TextSelection.near(view.state.doc.resolve(blockPos + 1))).scrollIntoView();
    target = blockPos + 1;
  }
  view.dispatch(tr);
  if (target === null) return false;
  // A read-only view does not draw its selection unless it owns the DOM selection; scroll its DOM too.
  const { node } = view.domAtPos(target);
  const element = node instanceof Element ? node : node.parentElement;
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (view.editable) view.focus();
  return true;
}
