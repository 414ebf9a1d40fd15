import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { addColumnAfter, addRowAfter, TableMap } from 'prosemirror-tables';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { buildTable } from '../../document-model/table-build.ts';
import { blockIdsPlugin } from '../../client/editor/block-ids-plugin.ts';
import { collabTableEditing } from '../../client/editor/table-plugins.ts';

/**
 * Two real y-websocket clients edit the same table through the same path as the editor: the
 * ProseMirror document is read from Yjs (`initProseMirrorDoc`), changed by a command with the
 * editor's block-id and table plugins, and written back with y-prosemirror's `updateYFragment`.
 */

let server: TestServer;
let token: string;

before(async () => {
  server = await startTestServer();
  token = await server.login('admin', server.adminPassword);
});
after(() => server.close());

/** The client's document as the editor would show it. */
function pmDocOf(client: TestClient): PMNode {
  return initProseMirrorDoc(client.fragment, outlineSchema).doc;
}

/** Runs `edit` on the client's document like the editor binding does and writes the result to Yjs. */
function editAsBinding(client: TestClient, edit: (state: EditorState) => EditorState): void {
  const { doc, meta } = initProseMirrorDoc(client.fragment, outlineSchema);
  const state = EditorState.create({ doc, plugins: [blockIdsPlugin(), collabTableEditing()] });
  const next = edit(state);
  client.doc.transact(() => updateYFragment(client.doc, client.fragment, next.doc, meta));
}

/** Applies `command` with the cursor in the first paragraph of the table's cell (row, column). */
function inCell(row: number, column: number, command: Command): (state: EditorState) => EditorState {
  return (state) => {
    let current = state.apply(state.tr.setSelection(TextSelection.create(state.doc, cellTextPos(state.doc, row, column))));
    assert.ok(command(current, (tr: Transaction) => { current = current.apply(tr); }), 'the command applies');
    return current;
  };
}

/** Types `text` at the end of cell (row, column) of the first table. */
function typeInCell(row: number, column: number, text: string): (state: EditorState) => EditorState {
  return inCell(row, column, (state, dispatch) => {
    dispatch?.(state.tr.insertText(text, state.selection.$from.end()));
    return true;
  });
}

/** Position inside the first paragraph of cell (row, column) of the document's first table. */
function cellTextPos(doc: PMNode, row: number, column: number): number {
  let tablePos = -1;
  doc.forEach((node, offset) => {
    if (tablePos < 0 && node.type.name === 'table') tablePos = offset;
  });
  const table = doc.nodeAt(tablePos);
  assert.ok(table, 'a table');
  const map = TableMap.get(table);
  const cellOffset = map.map[row * map.width + column];
  assert.ok(cellOffset !== undefined, `cell ${row},${column}`);
  return tablePos + 1 + cellOffset + 2;
}

/** Text of every cell of the first table, row by row. */
function cellTexts(doc: PMNode): string[][] {
  let rows: string[][] = [];
  doc.forEach((node) => {
    if (node.type.name !== 'table' || rows.length > 0) return;
    rows = [];
    node.forEach((row) => {
      const cells: string[] = [];
      row.forEach((cell) => cells.push(cell.textContent));
      rows.push(cells);
    });
  });
  return rows;
}

async function converged(clients: TestClient[], what: string): Promise<string> {
  await waitFor(() => new Set(clients.map(contentOf)).size === 1, what);
  return contentOf(clients[0] as TestClient);
}

test('two clients typing into cells and adding rows and columns of one table at once converge', async () => {
  const documentId = await server.createDocument(token, 'Bảng chỉ tiêu');
  const a = connectClient(server.wsUrl, documentId, token);
  const b = connectClient(server.wsUrl, documentId, token);
  try {
    await Promise.all([waitSynced(a), waitSynced(b)]);
    editAsBinding(a, (state) => state.apply(state.tr.replaceWith(0, state.doc.content.size, [
      outlineSchema.nodes.paragraph!.create(null, outlineSchema.text('Các chỉ tiêu')),
      buildTable([['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '50%']], { headerRow: true }),
    ])));
    await converged([a, b], 'the table reaches the second client');
    assert.deepEqual(cellTexts(pmDocOf(b)), [['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '50%']]);

    // Concurrent: A types into one cell and adds a column; B types into another cell and adds a row.
    editAsBinding(a, typeInCell(1, 0, ' (%)'));
    editAsBinding(a, inCell(0, 1, addColumnAfter));
    editAsBinding(b, typeInCell(1, 1, ' trở lên'));
    editAsBinding(b, inCell(1, 0, addRowAfter));
    editAsBinding(b, typeInCell(2, 0, 'GDP bình quân đầu người'));
    const first = await converged([a, b], 'concurrent table edits converge');
    assert.ok(first.length > 0);
    const texts = cellTexts(pmDocOf(a));
    assert.deepEqual(texts[1]?.slice(0, 2), ['Tỷ lệ đô thị hoá (%)', '50% trở lên'], 'both cells keep both people\'s typing');
    assert.equal(texts[2]?.[0], 'GDP bình quân đầu người', 'the added row is there with its text');
    assert.equal(texts[0]?.length, 3, 'the added column is there');
    assert.equal(texts[2]?.length, 2, 'the row added without knowing of the column is short');
    assert.ok(TableMap.get(pmDocOf(b).child(1)).problems, 'so the merged table needs squaring off');

    // B's row was added before it knew of A's column: the next local edit in the table
    // squares it off, once, and both clients still agree.
    editAsBinding(a, typeInCell(0, 0, ' chính'));
    await converged([a, b], 'the normalised table converges');
    const table = pmDocOf(b).child(1);
    assert.equal(table.type.name, 'table');
    const map = TableMap.get(table);
    assert.deepEqual(map.problems ?? null, null, 'the table is rectangular again');
    assert.equal(map.width, 3);
    assert.equal(map.height, 3);

    // The server holds the same table, and every block in it has its own id.
    const shared = await server.app.collab.peek(documentId);
    assert.ok(shared);
    assert.equal(shared.doc.getXmlFragment('prosemirror').toString(), contentOf(a));
    const ids: unknown[] = [];
    pmDocOf(a).descendants((node) => {
      if (node.type.name !== 'text' && node.type.name !== 'doc') ids.push(node.attrs.id);
      return true;
    });
    assert.ok(ids.every((id) => typeof id === 'string' && id !== ''), JSON.stringify(ids));
    assert.equal(new Set(ids).size, ids.length, 'unique ids');
  } finally {
    a.destroy();
    b.destroy();
  }
});
