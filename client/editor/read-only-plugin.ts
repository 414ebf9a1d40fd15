import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { isRemoteSync } from './block-ids-plugin.ts';

/** Key of the read-only plugin. */
export const readOnlyPluginKey = new PluginKey('draftroom-read-only');

/**
 * For roles whose edits the server drops (ministry, observer) and for stored versions. The
 * view stays `contenteditable` so that keyboard users can Tab into the text, move a caret
 * and select with Shift+arrows (a non-editable element has no caret); this plugin makes sure
 * nothing changes the text (mount it first):
 * - every transaction that would change the document is refused, except those mirroring the
 *   shared Yjs document into the editor (typing, Enter, Backspace, undo, plugins' own fixes,
 *   cut: cut then only copies);
 * - `beforeinput` is cancelled, so the browser never writes typed, deleted, formatted,
 *   pasted or dropped text into the DOM, even for a moment;
 * - text input, paste and drop are swallowed before any other plugin sees them;
 * - an IME composition (Telex, Pinyin…), which browsers do not let a page cancel, is cut
 *   off as it starts: the text is not editable until the next task, so the browser writes
 *   no composed letter, then editable again with the focus and selection it had;
 * - the element says so: `aria-readonly="true"` (announced "read only" with its textbox
 *   role) and `inputmode="none"` (no on-screen keyboard on phones).
 * Selection changes, copying and the comment shortcut keep working.
 */
export function readOnlyPlugin(): Plugin {
  return new Plugin({
    key: readOnlyPluginKey,
    filterTransaction: (tr) => !tr.docChanged || isRemoteSync(tr),
    props: {
      attributes: { 'aria-readonly': 'true', inputmode: 'none' },
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
        compositionstart: (view) => {
          endComposition(view);
          return true;
        },
      },
    },
  });
}

/**
 * True when this user may change the document through `view`: the DOM is editable and no
 * read-only plugin is mounted. Editing affordances (toolbar, block handle, table toolbar,
 * outline drag, whole-block cut) ask this, not `view.editable`, which read-only views keep
 * true for caret navigation.
 */
export function canEdit(view: EditorView): boolean {
  return view.editable && readOnlyPluginKey.get(view.state) === undefined;
}

/**
 * Keeps an IME composition that starts in `view` from writing: the text stops being editable
 * until the browser has given up inserting (it checks editability right after
 * `compositionstart`), then becomes editable again with the focus and selection it had.
 */
function endComposition(view: EditorView): void {
  const dom = view.dom as HTMLElement;
  dom.contentEditable = 'false';
  setTimeout(() => {
    // Access withdrawn meanwhile leaves the view not editable.
    dom.contentEditable = String(view.editable);
    if (view.editable) view.focus();
  }, 0);
}
