import { Node as PMNode } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { ProseMirrorJson } from '../api/revision-records.ts';
import { numberingPlugin } from './numbering-plugin.ts';
import { readOnlyPlugin } from './read-only-plugin.ts';
import { outlineSchema } from '../../document-model/schema.ts';

/**
 * Shows a stored version of the outline: a ProseMirror view of `outlineSchema` built from
 * the revision's JSON, with no Yjs binding, and section numbers from the same numbering
 * plugin as the live editor, so they read as they did then. Like a read-only role's editor
 * it has a caret and keyboard selection (Shift+arrows) but refuses every change
 * (`readOnlyPlugin`). The JSON is
 * checked against the schema (`Node.fromJSON` + `check`); a mismatch throws.
 */
export function createStaticOutlineView(mount: HTMLElement, content: ProseMirrorJson, label: string): EditorView {
  const doc = PMNode.fromJSON(outlineSchema, content);
  doc.check();
  const state = EditorState.create({ schema: outlineSchema, doc, plugins: [readOnlyPlugin(), numberingPlugin()] });
  return new EditorView(mount, {
    state,
    // For the caret only: the read-only plugin refuses every change.
    editable: () => true,
    attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, spellcheck: 'false', lang: 'vi', class: 'static-outline' },
    // Selection changes (clicks, the outline panel) are kept; nothing may change the document.
    dispatchTransaction(this: EditorView, tr) {
      if (tr.docChanged) return;
      this.updateState(this.state.apply(tr));
    },
  });
}
