import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { h } from '../ui/dom.ts';
import type { OutlineHeading } from '../../document-model/headings.ts';
import { numberingPluginKey } from './numbering-plugin.ts';
import { attachOutlineDrag } from './outline-drag.ts';
import { canEdit } from './read-only-plugin.ts';

/** The rendered outline panel. */
export interface OutlinePanel {
  readonly element: HTMLElement;
  /** Re-renders if the headings changed since the last call. */
  update(view: EditorView): void;
}

/**
 * The "Mục lục" panel: every heading with its section number, indented by level, kept
 * current with each local or remote change. Clicking an entry puts the cursor at the
 * start of that heading and scrolls it into view. When this user may edit (`canEdit`), entries can be
 * dragged to move their sections (see `attachOutlineDrag`).
 */
export function createOutlinePanel(view: EditorView): OutlinePanel {
  const list = h('ol', { className: 'outline-panel__list' });
  const empty = h('p', { className: 'muted outline-panel__empty', i18n: 'editor.outlineEmpty' });
  const element = h('nav', { className: 'outline-panel', i18nAriaLabel: 'editor.outline' }, [
    h('h2', { className: 'panel-title', i18n: 'editor.outline' }),
    empty,
    list,
  ]);
  let rendered: readonly OutlineHeading[] | null = null;

  const update = (current: EditorView): void => {
    const headings = numberingPluginKey.getState(current.state)?.headings ?? [];
    if (rendered !== null && sameOutline(rendered, headings)) return;
    rendered = headings;
    empty.hidden = headings.length > 0;
    list.replaceChildren(
      ...headings.map((heading, index) => {
        const link = h('button', {
          className: 'outline-panel__link',
          attrs: {
            type: 'button',
            'data-level': String(heading.level),
            'data-index': String(index),
            draggable: canEdit(current) ? 'true' : 'false',
          },
        }, [
          h('span', { className: 'outline-panel__number', text: heading.number }),
          h('span', { className: 'outline-panel__text', text: heading.text }),
        ]);
        link.addEventListener('click', () => goToHeading(current, index));
        return h('li', { className: `outline-panel__item outline-panel__item--level-${heading.level}` }, [link]);
      }),
    );
  };
  attachOutlineDrag(list, view);
  update(view);
  return { element, update };
}

/** True when both lists show the same numbers, texts and levels (positions may differ). */
function sameOutline(a: readonly OutlineHeading[], b: readonly OutlineHeading[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((heading, index) => {
    const other = b[index];
    return other !== undefined && other.number === heading.number && other.text === heading.text && other.level === heading.level;
  });
}

/** Moves the cursor into the `index`-th heading (looked up afresh: positions move) and scrolls to it. */
function goToHeading(view: EditorView, index: number): void {
  const heading = numberingPluginKey.getState(view.state)?.headings[index];
  if (!heading) return;
  const node = view.state.doc.nodeAt(heading.pos);
  const end = heading.pos + 1 + (node?.content.size ?? 0);
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)).scrollIntoView());
  view.focus();
  const dom = view.nodeDOM(heading.pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start', behavior: 'smooth' });
}
