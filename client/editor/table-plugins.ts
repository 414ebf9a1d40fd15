import { keymap } from 'prosemirror-keymap';
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import { columnResizing, tableEditing, TableView } from 'prosemirror-tables';
import { isRemoteSync } from './block-ids-plugin.ts';
import { moveToCell } from './table-commands.ts';

/**
 * prosemirror-tables' `tableEditing` (cell selection, copy and paste of cells, table
 * normalisation), except that tables changed only by Yjs mirroring (remote edits, undo) are
 * not normalised here. Every client fixing the same remote table at once would race — two
 * clients each padding a short row would leave it two cells too long — so, as for block ids,
 * each writer normalises its own edits and the next local edit repairs anything left over.
 */
export function collabTableEditing(): Plugin {
  const base = tableEditing();
  const append = base.spec.appendTransaction;
  return new Plugin({
    ...base.spec,
    appendTransaction(transactions, oldState, newState) {
      const changing = transactions.filter((tr) => tr.docChanged);
      if (changing.length > 0 && changing.every(isRemoteSync)) return null;
      return append ? append.call(base, transactions, oldState, newState) : null;
    },
  });
}

/**
 * prosemirror-tables' table view (column widths in a `<colgroup>`) that also writes the
 * table's block id as `data-block-id`, as the schema's own rendering does.
 */
export class OutlineTableView extends TableView {
  constructor(node: PMNode, defaultCellMinWidth: number) {
    super(node, defaultCellMinWidth);
    this.showId(node);
  }

  override update(node: PMNode): boolean {
    if (!super.update(node)) return false;
    this.showId(node);
    return true;
  }

  private showId(node: PMNode): void {
    const id: unknown = node.attrs.id;
    if (typeof id === 'string' && id !== '') this.table.setAttribute('data-block-id', id);
    else this.table.removeAttribute('data-block-id');
  }
}

/**
 * The editor's table behaviour: `collabTableEditing`, and for views that may edit column
 * resizing by dragging a cell border and Tab / Shift-Tab between cells (Tab in the last cell
 * adds a row). Put these before the outline keymaps, so Tab in a cell moves between cells rather
 * than indenting a list item. Read-only views get cell selection too; the read-only plugin
 * refuses any normalisation like every other local change.
 */
export function tablePlugins(editable: boolean): Plugin[] {
  return [
    ...(editable ? [columnResizing({ View: OutlineTableView })] : []),
    collabTableEditing(),
    // Read-only views leave Tab to the browser, so it moves the focus out of the text.
    ...(editable ? [keymap({ Tab: moveToCell(1), 'Shift-Tab': moveToCell(-1) })] : []),
  ];
}
