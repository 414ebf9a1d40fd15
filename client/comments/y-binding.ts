import type { EditorState } from 'prosemirror-state';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';

/** The mapping from Yjs types to ProseMirror nodes that y-prosemirror keeps. */
export type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** What anchoring needs from y-prosemirror's sync plugin: the doc, the bound fragment, the mapping. */
export interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

/**
 * The Yjs side of `state`, read from y-prosemirror's sync plugin state (untyped upstream,
 * so it is narrowed here); null when the editor has no sync plugin or it is not bound yet.
 */
export function yBindingOf(state: EditorState): YBinding | null {
  const sync: unknown = ySyncPluginKey.getState(state);
  if (typeof sync !== 'object' || sync === null) return null;
  const { doc, type, binding } = sync as { doc?: unknown; type?: unknown; binding?: unknown };
  if (!(doc instanceof Y.Doc) || !(type instanceof Y.XmlFragment)) return null;
  if (typeof binding !== 'object' || binding === null) return null;
  const mapping: unknown = (binding as { mapping?: unknown }).mapping;
  if (!(mapping instanceof Map)) return null;
  return { doc, type, mapping: mapping as ProsemirrorMapping };
}
