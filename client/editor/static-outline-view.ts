import { Node as PMNode } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { ProseMirrorJson } from '../api/revision-records.ts';
import { numberingPlugin } from './numbering-plugin.ts';
import { outlineSchema } from '../../document-model/schema.ts';

/**
 * Shows a stored version of the outline: a ProseMirror view of `outlineSchema` built from
 * the revision's JSON, with no Yjs binding, never editable, and section numbers from the
 * same numbering plugin as the live editor, so they read as they did then. The JSON is
 * checked against the schema (`Node.fromJSON` + `check`); a mismatch throws.
 */
export function createStaticOutlineView(mount: HTMLElement, content: ProseMirrorJson, label: string): EditorView {
  const doc = PMNode.fromJSON(outlineSchema, content);
  doc.check();
  const state = EditorState.create({ schema: outlineSchema, doc, plugins: [numberingPlugin()] });
  return new EditorView(mount, {
    state,
    editable: () => false,
    attributes: { role: 'document', 'aria-label': label, lang: 'vi', class: 'static-outline' },
    // Selection changes (clicks, the outline panel) are kept; nothing may change the document.
    dispatchTransaction(this: EditorView, tr) {
      if (tr.docChanged) return;
      this.updateState(this.state.apply(tr));
    },
  });
}
