import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

interface Entry {
  action: string;
  actor: { displayName: string } | null;
  documentId: string | null;
  details: Record<string, unknown>;
}

const auditOf = async (query: string): Promise<Entry[]> =>
  (await requestJson(server.baseUrl, 'GET', `/api/audit${query}`, { token: admin })).body as Entry[];

test('the audit log tells who opened and edited a document, and who changed its access', async () => {
  const userId = await server.createUser(admin, { username: 'lan', password: 'mat-khau-lan', displayName: 'Trần Lan', role: 'editor' });
  const documentId = await server.createDocument(admin, 'Nhật ký');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [userId], organizations: ['bo-y-te'] } });
  const lan = connectClient(server.wsUrl, documentId, await server.login('lan', 'mat-khau-lan'));
  await waitSynced(lan);
  for (let i = 0; i < 5; i++) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`Đoạn ${i}`)]);
    lan.fragment.insert(lan.fragment.length, [paragraph]);
  }
  // Every update is counted once stored, before it is passed on: a second client seeing all
  // five means all five were counted (a fixed pause was not enough on a loaded machine).
  const reader = connectClient(server.wsUrl, documentId, admin);
  await waitFor(() => contentOf(reader).includes('Đoạn 4'), 'all five edits stored and passed on');
  reader.destroy();
  lan.destroy();
  await server.app.audit.flush();

  const entries = await auditOf(`?documentId=${documentId}`);
  const actions = entries.map((entry) => `${entry.action}:${entry.actor?.displayName ?? '-'}`);
  assert.ok(actions.includes('document.created:Quản trị viên'), actions.join(' '));
  assert.ok(actions.includes('document.access_changed:Quản trị viên'));
  assert.ok(actions.includes('document.opened:Trần Lan'));
  const edits = entries.filter((entry) => entry.action === 'document.edited');
  assert.ok(edits.length >= 1 && edits.every((entry) => entry.actor?.displayName === 'Trần Lan'));
  const counted = edits.reduce((max, entry) => Math.max(max, Number(entry.details.updates)), 0);
  assert.ok(counted >= 5, `edits counted: ${counted}`);
  assert.ok(entries.every((entry) => entry.documentId === documentId));
});

test('account changes are in the audit log, and only the secretariat reads it', async () => {
  const id = await server.createUser(admin, { username: 'quan', password: 'mat-khau-quan', displayName: 'Quân', role: 'observer' });
  await requestJson(server.baseUrl, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: true } });
  await requestJson(server.baseUrl, 'POST', `/api/users/${id}/password`, { token: admin, body: { password: 'mat-khau-moi' } });
  const actions = (await auditOf('?limit=50')).filter((entry) => entry.details.userId === id).map((entry) => entry.action);
  assert.deepEqual(actions, ['user.password_reset', 'user.disabled', 'user.created']);

  await requestJson(server.baseUrl, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: false } });
  const observer = await server.login('quan', 'mat-khau-moi');
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/audit', { token: observer })).status, 403);
});
