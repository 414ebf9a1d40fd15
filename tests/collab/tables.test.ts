import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { addColumnAfter, addRowAfter, TableMap } from 'prosemirror-tables';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { cellTexts, editAsBinding, inCell, pmDocOf, replaceContent, typeInCell } from '../helpers/pm-binding.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { buildTable } from '../../document-model/table-build.ts';

/**
 * Two real y-websocket clients edit the same table through the same path as the editor
 * (`tests/helpers/pm-binding.ts`: read from Yjs, a ProseMirror command under the editor's
 * plugins, y-prosemirror's `updateYFragment` back).
 */

let server: TestServer;
let token: string;

before(async () => {
  server = await startTestServer();
  token = await server.login('admin', server.adminPassword);
});
after(() => server.close());

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
    editAsBinding(a.doc, replaceContent([
      outlineSchema.node('paragraph', null, outlineSchema.text('Các chỉ tiêu')),
      buildTable([['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '50%']], { headerRow: true }),
    ]));
    await converged([a, b], 'the table reaches the second client');
    assert.deepEqual(cellTexts(pmDocOf(b.doc)), [['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', '50%']]);

    // Concurrent: A types into one cell and adds a column; B types into another cell and adds a row.
    editAsBinding(a.doc, typeInCell(1, 0, ' (%)'));
    editAsBinding(a.doc, inCell(0, 1, addColumnAfter));
    editAsBinding(b.doc, typeInCell(1, 1, ' trở lên'));
    editAsBinding(b.doc, inCell(1, 0, addRowAfter));
    editAsBinding(b.doc, typeInCell(2, 0, 'GDP bình quân đầu người'));
    const first = await converged([a, b], 'concurrent table edits converge');
    assert.ok(first.length > 0);
    const texts = cellTexts(pmDocOf(a.doc));
    assert.deepEqual(texts[1]?.slice(0, 2), ['Tỷ lệ đô thị hoá (%)', '50% trở lên'], 'both cells keep both people\'s typing');
    assert.equal(texts[2]?.[0], 'GDP bình quân đầu người', 'the added row is there with its text');
    assert.equal(texts[0]?.length, 3, 'the added column is there');
    assert.equal(texts[2]?.length, 2, 'the row added without knowing of the column is short');
    assert.ok(TableMap.get(pmDocOf(b.doc).child(1)).problems, 'so the merged table needs squaring off');

    // B's row was added before it knew of A's column: the next local edit in the table
    // squares it off, once, and both clients still agree.
    editAsBinding(a.doc, typeInCell(0, 0, ' chính'));
    await converged([a, b], 'the normalised table converges');
    const table = pmDocOf(b.doc).child(1);
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
    pmDocOf(a.doc).descendants((node) => {
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
