import type { ResolvedPos } from 'prosemirror-model';
import { Plugin, PluginKey, TextSelection, type Selection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

// ProseMirror reads the DOM selection on `selectionchange`, which the browser fires a moment
// after the keystroke that moved it, and only while the view has the focus. Until then the
// state holds the previous selection, and the Shift+arrows not yet read are lost to anything
// that reads or redraws from the state in between: a shortcut that reads it at once (Ctrl+Alt+M
// right after Shift+→), a Tab to the "Góp ý" button before the event came, or a transaction
// from a timer (collaborators' cursors, comment highlights), whose redraw puts the old
// selection back into the DOM. The functions below read the DOM selection at once.

/** Key of the DOM selection plugin. */
export const domSelectionPluginKey = new PluginKey('draftroom-dom-selection');

function inTable($pos: ResolvedPos): boolean {
  for (let depth = $pos.depth; depth > 0; depth--) if ($pos.node(depth).type.spec.tableRole !== undefined) return true;
  return false;
}

/**
 * The DOM selection as a text selection of the view's current document, or null when the
 * view is composing, its selection is not a text selection, or either end of the DOM
 * selection is outside the view's text or inside a table (where prosemirror-tables turns
 * selections across cells into cell selections itself).
 */
export function domTextSelection(view: EditorView): Selection | null {
  if (view.composing || !(view.state.selection instanceof TextSelection)) return null;
  const selection = view.dom.ownerDocument.getSelection();
  const anchorNode = selection?.anchorNode;
  const focusNode = selection?.focusNode;
  if (!selection || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return null;
  const { doc } = view.state;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(anchorNode, selection.anchorOffset);
    head = view.posAtDOM(focusNode, selection.focusOffset);
  } catch {
    // Inside a widget with no document position (a collaborator's caret): leave it to ProseMirror.
    return null;
  }
  if (anchor < 0 || head < 0 || anchor > doc.content.size || head > doc.content.size) return null;
  const $anchor = doc.resolve(anchor);
  const $head = doc.resolve(head);
  if (!$anchor.parent.inlineContent || !$head.parent.inlineContent || inTable($anchor) || inTable($head)) return null;
  return TextSelection.between($anchor, $head);
}

/**
 * Makes the view's selection the DOM selection now, when the view has the focus (see
 * `domTextSelection`); never changes the document. For commands that read the selection.
 */
export function syncSelectionFromDom(view: EditorView): void {
  if (view.hasFocus()) syncNow(view);
}

function syncNow(view: EditorView): void {
  const latest = domTextSelection(view);
  if (latest && !latest.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(latest));
}

/**
 * Keeps the state's selection up to date with the DOM selection the person made: a
 * transaction that neither changes the document nor sets a selection (cursor and highlight
 * updates) is followed by one taking the DOM selection, while the view has the focus; and
 * before a key is handled, a cut, copy or paste, and when the view loses the focus (Tab to a
 * button), the DOM selection it has is read first.
 */
export function domSelectionPlugin(): Plugin {
  let current: EditorView | null = null;
  return new Plugin({
    key: domSelectionPluginKey,
    view(view) {
      current = view;
      return { destroy: () => (current = null) };
    },
    appendTransaction(transactions, _old, state) {
      const view = current;
      if (!view || !view.hasFocus() || transactions.some((tr) => tr.docChanged || tr.selectionSet)) return null;
      const latest = domTextSelection(view);
      // The DOM shows the document before these transactions, which change none of it.
      if (!latest || latest.eq(state.selection) || state.doc !== view.state.doc) return null;
      return state.tr.setSelection(TextSelection.create(state.doc, latest.anchor, latest.head));
    },
    props: {
      // Each of these reads the state's selection at once: a shortcut (keydown, before the
      // keymaps run), a cut, copy or paste, and a blur.
      handleDOMEvents: {
        keydown: (view) => {
          syncNow(view);
          return false;
        },
        cut: (view) => {
          syncNow(view);
          return false;
        },
        copy: (view) => {
          syncNow(view);
          return false;
        },
        paste: (view) => {
          syncNow(view);
          return false;
        },
        blur: (view) => {
          syncNow(view);
          return false;
        },
      },
    },
  });
}
