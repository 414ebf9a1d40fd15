import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { addColumnBefore, addRowBefore } from 'prosemirror-tables';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { editAsBinding, inCell, replaceContent, typeInCell } from '../helpers/pm-binding.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { buildTable } from '../../document-model/table-build.ts';

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

interface Position {
  status: string;
  text: string;
  blockId: string | null;
  sectionId: string | null;
  sectionNumber: string | null;
  sectionTitle: string | null;
}

/** An anchor on the first occurrence of `passage` in any paragraph (table cells included), as a browser sends it. */
function anchorInDocument(client: TestClient, passage: string): { start: string; end: string; quote: string; blockId: string | null } {
  for (const node of client.fragment.createTreeWalker((type) => type instanceof Y.XmlElement && type.nodeName === 'paragraph')) {
    const paragraph = node as Y.XmlElement;
    const text = paragraph.get(0);
    if (!(text instanceof Y.XmlText) || !text.toString().includes(passage)) continue;
    const from = text.toString().indexOf(passage);
    const encode = (index: number): string => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64');
    const id = paragraph.getAttribute('id');
    return { start: encode(from), end: encode(from + passage.length), quote: passage, blockId: typeof id === 'string' ? id : null };
  }
  throw new Error(`no paragraph holds ${passage}`);
}

test('a comment on words in a table cell is placed in the table\'s section, survives edits around it, and is quoted in the synthesis table', async () => {
  const documentId = await server.createDocument(admin, 'Chiến lược có bảng');
  await server.createUser(admin, { username: 'btc', password: 'mat-khau-btc', displayName: 'Bộ Tài chính', role: 'ministry', organizationId: 'bo-tai-chinh' });
  const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-tai-chinh'] } });
  assert.equal(access.status, 200, JSON.stringify(access.body));
  const ministry = await server.login('btc', 'mat-khau-btc');
  const author = connectClient(server.wsUrl, documentId, admin);
  const other = connectClient(server.wsUrl, documentId, admin);
  try {
    await Promise.all([waitSynced(author), waitSynced(other)]);
    editAsBinding(author.doc, replaceContent([
      outlineSchema.node('heading', { level: 1 }, outlineSchema.text('MỤC TIÊU')),
      outlineSchema.node('heading', { level: 2 }, outlineSchema.text('Mục tiêu cụ thể')),
      buildTable([['Chỉ tiêu', 'Năm 2030'], ['Tỷ lệ đô thị hoá', 'đạt khoảng 50% dân số']], { headerRow: true }),
      outlineSchema.node('heading', { level: 2 }, outlineSchema.text('Nhiệm vụ')),
    ]));
    await waitFor(() => other.fragment.toString() === author.fragment.toString(), 'the table reached the other client');

    const passage = 'khoảng 50%';
    const anchor = anchorInDocument(author, passage);
    assert.ok(anchor.blockId, 'the cell paragraph has a block id');
    const created = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
      token: ministry,
      body: { body: 'Đề nghị nêu rõ năm cơ sở của chỉ tiêu.', anchor },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const threadId = (created.body as { id: string }).id;
    const positionNow = async (): Promise<Position> => {
      const list = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: ministry })).body as { threads: Array<{ id: string; position: Position }> };
      const found = list.threads.find((thread) => thread.id === threadId);
      assert.ok(found);
      return found.position;
    };
    const first = await positionNow();
    assert.deepEqual([first.status, first.text, first.blockId, first.sectionNumber, first.sectionTitle], ['active', passage, anchor.blockId, '1.', 'Mục tiêu cụ thể']);

    // The other person edits around it: a row above, a column before, typing in the cell before the words and in another cell.
    editAsBinding(other.doc, inCell(1, 0, addRowBefore));
    editAsBinding(other.doc, inCell(0, 0, addColumnBefore));
    editAsBinding(other.doc, typeInCell(2, 1, ' (%)'));
    editAsBinding(other.doc, inCell(2, 2, (state, dispatch) => {
      dispatch?.(state.tr.insertText('Phấn đấu ', state.selection.$from.start()));
      return true;
    }));
    await waitFor(() => author.fragment.toString() === other.fragment.toString(), 'edits reached the author');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await positionNow();
    assert.deepEqual([after.status, after.text, after.blockId, after.sectionTitle], ['active', passage, anchor.blockId, 'Mục tiêu cụ thể']);

    // The synthesis table quotes the words under the section's path.
    const csv = await fetch(`${server.baseUrl}/api/documents/${documentId}/synthesis.csv`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(csv.status, 200);
    const body = await csv.text();
    assert.ok(body.includes(`“${passage}”`), body);
    assert.ok(body.includes('Mục tiêu cụ thể'), 'grouped under its section');
  } finally {
    author.destroy();
    other.destroy();
  }
});
