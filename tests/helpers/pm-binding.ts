import assert from 'node:assert/strict';
import { EditorState, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { TableMap } from 'prosemirror-tables';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { blockIdsPlugin } from '../../client/editor/block-ids-plugin.ts';
import { collabTableEditing } from '../../client/editor/table-plugins.ts';

/**
 * Edits a Y.Doc the way the editor's binding does, without a browser: the ProseMirror document
 * is read from Yjs (`initProseMirrorDoc`), changed by commands under the editor's block-id and
 * table plugins, and written back with y-prosemirror's `updateYFragment` (minimal Yjs changes).
 */

/** An edit of an editor state: returns the state after it. */
export type StateEdit = (state: EditorState) => EditorState;

/** The document's content as the editor shows it. */
export function pmDocOf(doc: Y.Doc): PMNode {
  return initProseMirrorDoc(doc.getXmlFragment(CONTENT_FRAGMENT), outlineSchema).doc;
}

/** Runs `edit` on the document as the editor binding would, in one Yjs transaction. */
export function editAsBinding(doc: Y.Doc, edit: StateEdit): void {
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const { doc: pmDoc, meta } = initProseMirrorDoc(fragment, outlineSchema);
  const state = EditorState.create({ doc: pmDoc, plugins: [blockIdsPlugin(), collabTableEditing()] });
  const next = edit(state);
  doc.transact(() => updateYFragment(doc, fragment, next.doc, meta));
}

/** Replaces the whole content with `blocks` (ids are assigned by the block-id plugin when missing). */
export function replaceContent(blocks: readonly PMNode[]): StateEdit {
  return (state) => state.apply(state.tr.replaceWith(0, state.doc.content.size, blocks));
}

/** Position inside the first paragraph of cell (row, column) of the document's `nth` table. */
export function cellTextPos(doc: PMNode, row: number, column: number, nth = 0): number {
  const tables: number[] = [];
  doc.forEach((node, offset) => {
    if (node.type.name === 'table') tables.push(offset);
  });
  const tablePos = tables[nth];
  assert.ok(tablePos !== undefined, `table ${nth}`);
  const table = doc.nodeAt(tablePos);
  assert.ok(table);
  const map = TableMap.get(table);
  const cellOffset = map.map[row * map.width + column];
  assert.ok(cellOffset !== undefined, `cell ${row},${column}`);
  return tablePos + 1 + cellOffset + 2;
}

/** Applies `command` with the cursor at the end of cell (row, column) of the first table. */
export function inCell(row: number, column: number, command: Command): StateEdit {
  return (state) => {
    const start = cellTextPos(state.doc, row, column);
    const end = state.doc.resolve(start).end();
    let current = state.apply(state.tr.setSelection(TextSelection.create(state.doc, end)));
    assert.ok(command(current, (tr: Transaction) => { current = current.apply(tr); }), 'the command applies');
    return current;
  };
}

/** Types `text` at the end of cell (row, column) of the first table. */
export function typeInCell(row: number, column: number, text: string): StateEdit {
  return inCell(row, column, (state, dispatch) => {
    dispatch?.(state.tr.insertText(text));
    return true;
  });
}

/** Text of every cell of the first table, row by row. */
export function cellTexts(doc: PMNode): string[][] {
  const rows: string[][] = [];
  let done = false;
  doc.forEach((node) => {
    if (done || node.type.name !== 'table') return;
    done = true;
    node.forEach((row) => {
      const cells: string[] = [];
      row.forEach((cell) => cells.push(cell.textContent));
      rows.push(cells);
    });
  });
  return rows;
}
