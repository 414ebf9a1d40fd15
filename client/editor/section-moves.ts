import { Fragment } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import {
  planLevelChange,
  planMoveBefore,
  planMoveDown,
  planMoveUp,
  topLevelBlockAt,
  type MovePlan,
} from '../../document-model/sections.ts';
import { planListItemMove } from '../../document-model/list-moves.ts';
import { dispatchAsOwnStep } from './own-undo-step.ts';
import { dispatchYMove } from './y-move-dispatch.ts';

/**
 * Commands that move a section (a heading and everything under it), a single block or a list
 * item, and promote or demote a heading with its subsections. In the editor a move is one Yjs
 * transaction that deletes the moved elements and clones them (attributes and block ids
 * included) at the target (`y-move-dispatch.ts`), so it reaches the others as one update, Ctrl+Z
 * takes it back in one step, and what another person types into a moved block meanwhile is not
 * lost. Without a Yjs binding (tests, static views) it is one ProseMirror transaction.
 */

/**
 * Applies `plan` to `state`: one transaction that removes `[from, to)` and re-inserts the same
 * nodes at `insertAt`. The cursor keeps its place inside the moved blocks when it was there;
 * with `selectMoved` it goes to the end of the first moved block's text wherever it was.
 */
export function moveTransaction(state: EditorState, plan: MovePlan, selectMoved = false): Transaction {
  const moved: Fragment = state.doc.slice(plan.from, plan.to).content;
  const tr = state.tr.delete(plan.from, plan.to);
  const target = tr.mapping.map(plan.insertAt);
  tr.insert(target, moved);
  const { from, to } = state.selection;
  if (from >= plan.from && to <= plan.to) {
    const shift = target - plan.from;
    tr.setSelection(TextSelection.between(tr.doc.resolve(from + shift), tr.doc.resolve(to + shift)));
  } else if (selectMoved) {
    const first = moved.firstChild;
    tr.setSelection(TextSelection.near(tr.doc.resolve(target + 1 + (first?.isTextblock ? first.content.size : 0))));
  }
  return tr.scrollIntoView();
}

/** Position of the top-level block holding the selection's start, or null in an empty document. */
function selectedBlock(state: EditorState): number | null {
  return topLevelBlockAt(state.doc, state.selection.from);
}

function moveCommand(plan: (state: EditorState) => MovePlan | null, selectMoved = false): Command {
  return (state, dispatch) => {
    const found = plan(state);
    if (!found) return false;
    if (dispatch) {
      const tr = moveTransaction(state, found, selectMoved);
      if (!dispatchYMove(state, dispatch, found, tr)) dispatchAsOwnStep(state, dispatch, tr);
    }
    return true;
  };
}

/**
 * Alt+Shift+↑: inside a list, moves the list item under the cursor above its previous sibling
 * (see `planListItemMove`); otherwise, or from a list's first item, moves the block under the
 * cursor (a heading with its whole section, a list as a whole) one step up (see `planMoveUp`).
 */
export const moveBlockUp: Command = moveCommand((state) => {
  const item = planListItemMove(state.doc, state.selection.from, -1);
  if (item) return item;
  const block = selectedBlock(state);
  return block === null ? null : planMoveUp(state.doc, block);
});

/** Alt+Shift+↓: the mirror of `moveBlockUp` (see `planListItemMove` and `planMoveDown`). */
export const moveBlockDown: Command = moveCommand((state) => {
  const item = planListItemMove(state.doc, state.selection.from, 1);
  if (item) return item;
  const block = selectedBlock(state);
  return block === null ? null : planMoveDown(state.doc, block);
});

/**
 * Moves the section of the heading at `headingPos` before the top-level block at `targetPos`,
 * or to the end when `targetPos` is null (the outline panel's drop), and puts the cursor at the
 * end of the moved heading. Not applicable when the document would not change.
 */
export function moveSectionBefore(headingPos: number, targetPos: number | null): Command {
  return moveCommand((state) => planMoveBefore(state.doc, headingPos, targetPos), true);
}

function levelCommand(delta: -1 | 1): Command {
  return (state, dispatch) => {
    const block = selectedBlock(state);
    const changes = block === null ? null : planLevelChange(state.doc, block, delta);
    if (!changes) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const change of changes) tr.setNodeAttribute(change.pos, 'level', change.level);
      dispatchAsOwnStep(state, dispatch, tr.scrollIntoView());
    }
    return true;
  };
}

/** Alt+Shift+←: raises the heading under the cursor one level (3 → 2), its subsection headings following. */
export const promoteSection: Command = levelCommand(-1);

/** Alt+Shift+→: lowers the heading under the cursor one level (2 → 3), its subsection headings following. */
export const demoteSection: Command = levelCommand(1);
