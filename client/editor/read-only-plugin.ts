import { Plugin, PluginKey } from 'prosemirror-state';
import { isRemoteSync } from './block-ids-plugin.ts';

/** Key of the read-only plugin. */
export const readOnlyPluginKey = new PluginKey('draftroom-read-only');

/**
 * For roles whose edits the server drops (ministry, observer): refuses every transaction
 * that would change the document, except those mirroring the shared Yjs document into the
 * editor. A non-editable view already ignores typing; this also stops paste, drop, scripted
 * input and plugins' own fixes, so the local copy never drifts from the server's.
 */
export function readOnlyPlugin(): Plugin {
  return new Plugin({
    key: readOnlyPluginKey,
    filterTransaction: (tr) => !tr.docChanged || isRemoteSync(tr),
  });
}
