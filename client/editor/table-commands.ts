import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import {
  addColumnAfter,
  addColumnBefore,
  addRowAfter,
  addRowBefore,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  isInTable,
  mergeCells,
  splitCell,
  toggleHeaderRow,
} from 'prosemirror-tables';
import { emptyTable } from '../../document-model/table-build.ts';

/**
 * Table commands of the editor: insert a table, and the prosemirror-tables edits under the
 * names the toolbar and keymap use. Every command follows ProseMirror's contract: without
 * `dispatch` it only answers whether it applies.
 */

/** Largest table the insert form accepts, in rows and in columns. */
export const MAX_TABLE_SIZE = 50;

/** Clamps a requested table dimension to 1…MAX_TABLE_SIZE; junk becomes 1. */
export function clampTableSize(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return 1;
  return Math.min(MAX_TABLE_SIZE, Math.max(1, Math.floor(n)));
}

/**
 * Inserts an empty `rows`×`columns` table (clamped, see `clampTableSize`) as a top-level
 * block after the top-level block holding the cursor — or in place of it when that block is
 * an empty paragraph — and puts the cursor in its first cell. Does not apply inside a table
 * (a cell never holds a table). Block ids are assigned by the block-id plugin.
 */
export function insertTable(rows: number, columns: number, headerRow: boolean): Command {
  return (state, dispatch) => {
    if (isInTable(state)) return false;
    const { $from } = state.selection;
    if ($from.depth < 1) return false;
    const table = emptyTable(clampTableSize(rows), clampTableSize(columns), { headerRow });
    const block = $from.node(1);
    const replaceEmpty = block.type.name === 'paragraph' && block.content.size === 0;
    const from = $from.before(1);
    const to = $from.after(1);
    if (!dispatch) return true;
    const tr = replaceEmpty ? state.tr.replaceWith(from, to, table) : state.tr.insert(to, table);
    const tablePos = replaceEmpty ? from : to;
    // Inside the table: +1 row, +1 cell, +1 paragraph.
    tr.setSelection(TextSelection.create(tr.doc, tablePos + 4));
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/**
 * Tab in a table: the next cell, or a new row below when the cursor is in the last cell
 * (as in Word). Shift-Tab (`direction` -1): the previous cell. False outside tables, so the
 * list keymap's Tab still indents list items.
 */
export function moveToCell(direction: 1 | -1): Command {
  return (state, dispatch) => {
    if (!isInTable(state)) return false;
    if (goToNextCell(direction)(state, dispatch)) return true;
    if (direction === -1) return true;
    if (!dispatch) return addRowAfter(state);
    return addRowAfter(state, (tr) => {
      // Only block attributes differ between `tr.doc` and the applied state's document, so
      // the next cell's positions hold in `tr.doc`.
      goToNextCell(1)(state.apply(tr), (move) => {
        tr.setSelection(TextSelection.create(tr.doc, move.selection.from, move.selection.to));
      });
      dispatch(tr.scrollIntoView());
    });
  };
}

/** A table edit offered in the toolbar. */
export interface TableAction {
  /** Stable hook for tests and styling (`data-command`). */
  id: string;
  command: Command;
}

/** The table edits in toolbar order: rows, columns, cells, header, the whole table. */
export const TABLE_ACTIONS: readonly TableAction[] = [
  { id: 'table-row-before', command: addRowBefore },
  { id: 'table-row-after', command: addRowAfter },
  { id: 'table-column-before', command: addColumnBefore },
  { id: 'table-column-after', command: addColumnAfter },
  { id: 'table-delete-row', command: deleteRow },
  { id: 'table-delete-column', command: deleteColumn },
  { id: 'table-merge-cells', command: mergeCells },
  { id: 'table-split-cell', command: splitCell },
  { id: 'table-header-row', command: toggleHeaderRow },
  { id: 'table-delete', command: deleteTable },
];

/** Whether the first row of the table holding the cursor is a header row. */
export function headerRowActive(state: EditorState): boolean {
  if (!isInTable(state)) return false;
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name !== 'table') continue;
    const firstRow = node.firstChild;
    if (!firstRow || firstRow.childCount === 0) return false;
    let all = true;
    firstRow.forEach((cell) => {
      if (cell.type.name !== 'table_header') all = false;
    });
    return all;
  }
  return false;
}
