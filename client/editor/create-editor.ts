import { EditorState, type Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { ySyncPlugin, yCursorPlugin, yUndoPlugin } from 'y-prosemirror';
import { blockHandlePlugin } from './block-handle-plugin.ts';
import { blockIdsPlugin } from './block-ids-plugin.ts';
import type { CollabSession } from './collab-session.ts';
import { buildCursor, buildSelection } from './cursor-widget.ts';
import { domSelectionPlugin } from './dom-selection.ts';
import { outlineKeymaps } from './keymap.ts';
import { nfcPlugin } from './nfc-plugin.ts';
import { numberingPlugin } from './numbering-plugin.ts';
import { readOnlyPlugin } from './read-only-plugin.ts';
import { selectionFollowsBlockPlugin } from './selection-follows-block-plugin.ts';
import { tablePlugins } from './table-plugins.ts';
import { wholeBlockClipboardPlugin } from './whole-block-clipboard-plugin.ts';
import { outlineSchema } from '../../document-model/schema.ts';

/** Called after every state change of the view (local edits, remote edits, selection). */
export type ViewListener = (view: EditorView, previous: EditorState) => void;

/** A mounted outline editor. */
export interface OutlineEditor {
  readonly view: EditorView;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: ViewListener): () => void;
  destroy(): void;
}

/** Options of `createOutlineEditor`. */
export interface OutlineEditorOptions {
  /**
   * False for roles whose edits the server drops (ministry, observer): the text keeps a caret
   * and can be selected from the keyboard (the DOM stays `contenteditable`), but the
   * read-only plugin refuses every local change and no editing affordance is offered
   * (`canEdit(view)` is false).
   */
  canEdit: boolean;
  /** Accessible name of the editing area. */
  label: string;
  /** Further plugins of the page (e.g. comment highlights), added after the outline's own. */
  plugins?: readonly Plugin[];
}

/**
 * Mounts a ProseMirror editor (element with class `ProseMirror`) into `mount`, bound to
 * the session's Yjs fragment: sync, collaborators' cursors, per-user undo (only this
 * user's edits), section numbers, stable block ids, NFC text, Word-like shortcuts
 * (Alt+Shift+arrows move sections, also from the block handle's menu), whole-block cut and
 * tables (cell selection, column resizing, Tab between cells).
 * Every dispatched transaction, remote ones included, reaches `onChange` listeners.
 */
export function createOutlineEditor(mount: HTMLElement, session: CollabSession, options: OutlineEditorOptions): OutlineEditor {
  const listeners = new Set<ViewListener>();
  const state = EditorState.create({
    schema: outlineSchema,
    plugins: [
      // First, so that it sees text input, paste and drop before any plugin that would act on them.
      ...(options.canEdit ? [] : [readOnlyPlugin()]),
      ySyncPlugin(session.fragment),
      domSelectionPlugin(),
      yCursorPlugin(session.provider.awareness, { cursorBuilder: buildCursor, selectionBuilder: buildSelection }),
      yUndoPlugin(),
      ...tablePlugins(options.canEdit),
      // Read-only views leave keys to the browser: Tab must leave the text, not indent a list item.
      ...(options.canEdit ? outlineKeymaps() : []),
      wholeBlockClipboardPlugin(),
      blockIdsPlugin(),
      selectionFollowsBlockPlugin(),
      nfcPlugin(),
      numberingPlugin(),
      blockHandlePlugin(),
      ...(options.plugins ?? []),
    ],
  });
  const view: EditorView = new EditorView(mount, {
    state,
    // Always true for the caret; whether this user may change the text is `canEdit(view)`.
    editable: () => true,
    attributes: { 'aria-label': options.label, role: 'textbox', 'aria-multiline': 'true', spellcheck: 'false', lang: 'vi' },
    // `this` rather than `view`: y-prosemirror dispatches while the constructor still runs.
    dispatchTransaction(this: EditorView, tr) {
      const previous = this.state;
      this.updateState(this.state.apply(tr));
      for (const listener of listeners) listener(this, previous);
    },
  });
  return {
    view,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      view.destroy();
    },
  };
}
