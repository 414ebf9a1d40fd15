import type { Slice } from 'prosemirror-model';
import { Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { wholeBlocksCovered } from '../../document-model/sections.ts';
import { dispatchAsOwnStep } from './own-undo-step.ts';
import { canEdit } from './read-only-plugin.ts';

/** Key of the whole-block clipboard plugin. */
export const wholeBlockClipboardPluginKey = new PluginKey('draftroom-whole-block-clipboard');

/**
 * Cut and paste of whole blocks, so that moving a section through the clipboard leaves
 * nothing behind and splits nothing where it lands. Each is an undo step of its own.
 *
 * Cut: a selection that covers whole top-level blocks (from the start of one block to the end
 * of another, e.g. a whole section) removes those blocks entirely; ProseMirror's own cut keeps
 * the first block as an empty shell, which for a heading leaves an empty numbered heading. The
 * clipboard receives the blocks as closed nodes with their ids (ids no longer in the document
 * are kept when pasted back). Any other cut is left to ProseMirror.
 *
 * Paste: whole blocks (a closed slice of top-level blocks, as such a cut produces) pasted with
 * the cursor at the start of a non-empty top-level textblock go in before that block, rather
 * than splitting it and leaving an empty copy of it (an empty numbered heading) above them.
 */
export function wholeBlockClipboardPlugin(): Plugin {
  return new Plugin({
    key: wholeBlockClipboardPluginKey,
    props: {
      handleDOMEvents: {
        cut: (view, event) => cutWholeBlocks(view, event),
      },
      handlePaste: (view, _event, slice) => pasteBeforeBlock(view, slice),
    },
  });
}

/** Handles `event` when the selection covers whole blocks; false leaves it to ProseMirror. */
function cutWholeBlocks(view: EditorView, event: ClipboardEvent): boolean {
  const { state } = view;
  const data = event.clipboardData;
  if (!canEdit(view) || state.selection.empty || !data) return false;
  const range = wholeBlocksCovered(state.doc, state.selection.from, state.selection.to);
  if (!range) return false;
  const { dom, text } = view.serializeForClipboard(state.doc.slice(range.from, range.to));
  event.preventDefault();
  data.clearData();
  data.setData('text/html', dom.innerHTML);
  data.setData('text/plain', text);
  dispatchAsOwnStep(state, view.dispatch, state.tr.delete(range.from, range.to).scrollIntoView().setMeta('uiEvent', 'cut'));
  return true;
}

/** Inserts a closed slice of top-level blocks before the textblock the cursor starts; false otherwise. */
function pasteBeforeBlock(view: EditorView, slice: Slice): boolean {
  const { state } = view;
  const { $from, empty } = state.selection;
  if (!empty || $from.depth !== 1 || $from.parentOffset !== 0 || $from.parent.content.size === 0) return false;
  if (slice.openStart !== 0 || slice.openEnd !== 0 || slice.content.childCount === 0) return false;
  const at = $from.before(1);
  if (!state.doc.canReplace($from.index(0), $from.index(0), slice.content)) return false;
  const tr = state.tr.insert(at, slice.content);
  // The cursor stays where it was: at the start of the block now below the pasted ones.
  tr.setSelection(TextSelection.create(tr.doc, $from.pos + slice.content.size));
  dispatchAsOwnStep(state, view.dispatch, tr.scrollIntoView().setMeta('uiEvent', 'paste'));
  return true;
}
