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
import { dispatchAsOwnStep } from './own-undo-step.ts';

/**
 * Commands that move a section (a heading and everything under it) or a single block, and
 * promote or demote a heading with its subsections. Each is one transaction that deletes
 * the blocks and inserts the very same nodes (attributes and block ids included) elsewhere,
 * so the Yjs binding sends one update and Ctrl+Z takes the whole move back in one step.
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
    if (dispatch) dispatchAsOwnStep(state, dispatch, moveTransaction(state, found, selectMoved));
    return true;
  };
}

/** Alt+Shift+↑: moves the block under the cursor (a heading with its whole section) one step up (see `planMoveUp`). */
export const moveBlockUp: Command = moveCommand((state) => {
  const block = selectedBlock(state);
  return block === null ? null : planMoveUp(state.doc, block);
});

/** Alt+Shift+↓: moves the block under the cursor (a heading with its whole section) one step down (see `planMoveDown`). */
export const moveBlockDown: Command = moveCommand((state) => {
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
