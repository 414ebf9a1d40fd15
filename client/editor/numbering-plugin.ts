import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { collectHeadings, type OutlineHeading } from '../../document-model/headings.ts';

/** State of the numbering plugin: the headings and their decorations. */
export interface NumberingState {
  headings: readonly OutlineHeading[];
  decorations: DecorationSet;
}

/** Key of the numbering plugin; `numberingPluginKey.getState(state)` gives the outline. */
export const numberingPluginKey = new PluginKey<NumberingState>('draftroom-numbering');

/**
 * Shows each heading's section number without storing it: a node decoration adds
 * `data-section-number` (and `data-level`), which CSS displays with `::before`.
 * Recomputed on every document change, local or remote, so inserting a heading
 * renumbers the rest at once.
 */
export function numberingPlugin(): Plugin<NumberingState> {
  return new Plugin<NumberingState>({
    key: numberingPluginKey,
    state: {
      init: (_config, state) => computeNumbering(state.doc),
      apply: (tr, previous) => (tr.docChanged ? computeNumbering(tr.doc) : previous),
    },
    props: {
      decorations: (state: EditorState) => numberingPluginKey.getState(state)?.decorations ?? null,
    },
  });
}

/** Headings of `doc` and one node decoration per heading carrying its number. */
export function computeNumbering(doc: PMNode): NumberingState {
  const headings = collectHeadings(doc);
  const decorations = headings.map((heading) => {
    const node = doc.nodeAt(heading.pos);
    const size = node?.nodeSize ?? 0;
    return Decoration.node(heading.pos, heading.pos + size, {
      'data-section-number': heading.number,
      'data-level': String(heading.level),
    });
  });
  return { headings, decorations: DecorationSet.create(doc, decorations) };
}
