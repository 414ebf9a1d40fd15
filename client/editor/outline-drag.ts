import type { EditorView } from 'prosemirror-view';
import { planMoveBefore } from '../../document-model/sections.ts';
import { numberingPluginKey } from './numbering-plugin.ts';
import { moveSectionBefore } from './section-moves.ts';
import { canEdit } from './read-only-plugin.ts';

/** MIME type of an outline entry being dragged; other drop targets (the editor) ignore it. */
const DRAG_TYPE = 'application/x-draftroom-section';
const DROP_BEFORE = 'outline-panel__item--drop-before';
const DROP_AFTER = 'outline-panel__item--drop-after';

/**
 * Lets people who may edit reorder sections by dragging entries of the outline panel
 * (HTML5 drag and drop on `list`, whose `li` children each hold a button with `data-index`,
 * the heading's index in the numbering plugin's list). While dragging, a line between
 * entries shows where the section will land; dropping moves the dragged heading's whole
 * section before the heading under the line (or to the end of the document), as one
 * undoable transaction, leaving the cursor in the moved heading. Nothing is draggable while this user may not edit through `view` (`canEdit`: read-only roles,
 * withdrawn access); the keyboard alternative is Alt+Shift+↑ / ↓ in the editor.
 */
export function attachOutlineDrag(list: HTMLElement, view: EditorView): void {
  let source: number | null = null;

  const headings = () => numberingPluginKey.getState(view.state)?.headings ?? [];
  const clearIndicator = (): void => {
    for (const item of list.querySelectorAll(`.${DROP_BEFORE}, .${DROP_AFTER}`)) item.classList.remove(DROP_BEFORE, DROP_AFTER);
  };
  /** Index of the entry the dragged section would land before (`headings.length`: the end). */
  const gapAt = (event: DragEvent): number => {
    const items = [...list.children];
    const item = event.target instanceof Element ? event.target.closest('li') : null;
    const index = item ? items.indexOf(item) : -1;
    if (!item || index < 0) return items.length;
    const rect = item.getBoundingClientRect();
    return event.clientY < rect.top + rect.height / 2 ? index : index + 1;
  };
  const targetOf = (gap: number): { ok: boolean; target: number | null } => {
    const all = headings();
    const dragged = source === null ? undefined : all[source];
    const target = all[gap]?.pos ?? null;
    if (!dragged) return { ok: false, target };
    return { ok: planMoveBefore(view.state.doc, dragged.pos, target) !== null, target };
  };

  list.addEventListener('dragstart', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLElement>('.outline-panel__link') : null;
    const index = Number(link?.dataset.index);
    if (!link || !canEdit(view) || !Number.isInteger(index) || !event.dataTransfer) {
      event.preventDefault();
      return;
    }
    source = index;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, String(index));
    link.closest('li')?.classList.add('outline-panel__item--dragging');
  });
  list.addEventListener('dragover', (event) => {
    if (source === null) return;
    const gap = gapAt(event);
    const { ok } = targetOf(gap);
    clearIndicator();
    if (!ok) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    const items = list.children;
    const before = items[gap];
    if (before) before.classList.add(DROP_BEFORE);
    else items[items.length - 1]?.classList.add(DROP_AFTER);
  });
  list.addEventListener('dragleave', (event) => {
    if (!(event.relatedTarget instanceof Node) || !list.contains(event.relatedTarget)) clearIndicator();
  });
  list.addEventListener('drop', (event) => {
    if (source === null) return;
    event.preventDefault();
    const dragged = headings()[source];
    const { ok, target } = targetOf(gapAt(event));
    clearIndicator();
    if (!ok || !dragged) return;
    moveSectionBefore(dragged.pos, target)(view.state, view.dispatch);
    // As after a click on an entry: the cursor is in the moved heading, so Ctrl+Z undoes at once.
    view.focus();
  });
  list.addEventListener('dragend', () => {
    source = null;
    clearIndicator();
    for (const item of list.querySelectorAll('.outline-panel__item--dragging')) item.classList.remove('outline-panel__item--dragging');
  });
}
