import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor } from './helpers.ts';

let server: TestServer;
let admin: string;
let ministry: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, { username: 'byt.follow', password: 'mat-khau-byt', displayName: 'Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' });
  ministry = await server.login('byt.follow', 'mat-khau-byt');
});
after(() => server.close());

interface Position {
  status: string;
  text: string;
  sectionNumber: string | null;
  sectionTitle: string | null;
}

async function setUp(): Promise<{ documentId: string; threadId: string; position: () => Promise<Position> }> {
  const documentId = await server.createDocument(admin, 'Theo chữ', 'nts-2030-2045');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
  const client = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(client);
  const passage = 'song phương và đa phương';
  const created = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
    token: ministry,
    body: { body: 'Đề nghị làm rõ.', anchor: anchorFor(client, passage) },
  });
  client.destroy();
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const threadId = (created.body as { id: string }).id;
  const position = async (): Promise<Position> => {
    const list = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: ministry })).body as { threads: Array<{ id: string; position: Position }> };
    const found = list.threads.find((thread) => thread.id === threadId);
    assert.ok(found);
    return found.position;
  };
  return { documentId, threadId, position };
}

const topIds = (fragment: Y.XmlFragment): string[] => fragment.toArray().map((node) => String((node as Y.XmlElement).getAttribute('id')));

test('a comment follows its words when their section is moved (delete and re-insert, as the editor moves and cut and paste do)', async () => {
  const { documentId, position } = await setUp();
  const before = await position();
  assert.deepEqual([before.status, before.text, before.sectionNumber], ['active', 'song phương và đa phương', '3.']);
  const client = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(client);
  const fragment = client.fragment;
  const blocks = fragment.toArray();
  const start = blocks.findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'heading' && node.toString().includes('Tăng cường hợp tác quốc tế'));
  let end = start + 1;
  while (end < blocks.length && (blocks[end] as Y.XmlElement).nodeName !== 'heading') end += 1;
  const clones = blocks.slice(start, end).map((node) => (node as Y.XmlElement).clone());
  const firstHeading = topIds(fragment)[0];
  client.doc.transact(() => {
    fragment.delete(start, end - start);
    fragment.insert(topIds(fragment).indexOf(String(firstHeading)) + 1, clones);
  });
  const reader = connectClient(server.wsUrl, documentId, admin);
  await waitFor(() => topIds(reader.fragment).join() === topIds(fragment).join() && contentOf(reader) === contentOf(client), 'the move reached the server');
  client.destroy();
  reader.destroy();
  const after = await position();
  assert.equal(after.status, 'active', 'not orphaned: the words are still in the draft');
  assert.equal(after.text, 'song phương và đa phương');
  assert.equal(after.sectionTitle, 'Tăng cường hợp tác quốc tế');
  assert.notEqual(after.sectionNumber, '3.', 'renumbered at its new place');
});

test('a restore keeps comments on words present in both versions active; words really gone orphan it', async () => {
  const { documentId, position } = await setUp();
  const freeze = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name: 'Dự thảo lần 1' } });
  const revisionId = (freeze.body as { id: string }).id;
  const client = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(client);
  // Rewrite the paragraph holding the passage as another text, then restore the first draft.
  const paragraph = client.fragment.toArray().find((node) => node instanceof Y.XmlElement && node.toString().includes('song phương và đa phương')) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  text.delete(0, text.length);
  text.insert(0, 'Nội dung đã được viết lại hoàn toàn.');
  const reader = connectClient(server.wsUrl, documentId, admin);
  await waitFor(() => contentOf(reader).includes('viết lại hoàn toàn'), 'the rewrite reached the server');
  reader.destroy();
  assert.equal((await position()).status, 'orphaned', 'the words are gone');
  const restored = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions/${revisionId}/restore`, { token: admin, body: {} });
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  client.destroy();
  const after = await position();
  assert.deepEqual([after.status, after.text], ['active', 'song phương và đa phương'], 'the restore brought the words back');
});
