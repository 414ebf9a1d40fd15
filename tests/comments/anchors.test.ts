import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor, findParagraph } from './helpers.ts';

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
  sectionNumber: string | null;
  sectionTitle: string | null;
}

test('a thread follows its passage through concurrent edits before, inside and around it, and is orphaned when it is deleted', async () => {
  const documentId = await server.createDocument(admin, 'Neo', 'nts-2030-2045');
  const ministryId = await server.createUser(admin, { username: 'bng', password: 'mat-khau-bng', displayName: 'Bộ Ngoại giao', role: 'ministry', organizationId: 'bo-ngoai-giao' });
  assert.ok(ministryId);
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-ngoai-giao'] } });
  const ministry = await server.login('bng', 'mat-khau-bng');
  const author = connectClient(server.wsUrl, documentId, admin);
  const other = connectClient(server.wsUrl, documentId, admin);
  try {
    await Promise.all([waitSynced(author), waitSynced(other)]);

    const passage = 'song phương và đa phương';
    const created = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
      token: ministry,
      body: { body: 'Đề nghị nêu rõ các cơ chế cụ thể.', anchor: anchorFor(author, passage) },
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
    assert.equal(first.status, 'active');
    assert.equal(first.text, passage);
    assert.equal(first.sectionNumber, '3.');
    assert.equal(first.sectionTitle, 'Tăng cường hợp tác quốc tế');

    // Another client edits concurrently: before, inside and around the passage.
    const { text } = findParagraph(other, passage);
    const full = text.toString();
    text.insert(0, 'Chủ động ');
    const inside = text.toString().indexOf('và');
    text.insert(inside, 'cả ');
    const tail = text.toString().indexOf(', trao đổi');
    text.delete(tail, text.length - tail);
    assert.notEqual(text.toString(), full);
    const expected = text.toString();
    await waitFor(() => author.fragment.toString().includes(expected), 'edits reached the author');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const moved = await positionNow();
    assert.equal(moved.status, 'active');
    assert.equal(moved.text, 'song phương cả và đa phương');

    // Deleting the passage orphans the thread, which keeps its original quote.
    const start = text.toString().indexOf('song phương');
    text.delete(start, 'song phương cả và đa phương'.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const orphaned = await positionNow();
    assert.equal(orphaned.status, 'orphaned');
    assert.equal(orphaned.text, passage);
  } finally {
    author.destroy();
    other.destroy();
  }
});
