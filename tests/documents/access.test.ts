import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeCodeWithin, openRawSocket } from '../helpers/raw-socket.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  const people = [
    { username: 'member', role: 'editor' },
    { username: 'outsider', role: 'editor' },
    { username: 'watcher', role: 'observer' },
    { username: 'promoted', role: 'observer' },
    { username: 'byt', role: 'ministry', organizationId: 'bo-y-te' },
    { username: 'bng', role: 'ministry', organizationId: 'bo-ngoai-giao' },
  ];
  for (const person of people) {
    ids[person.username] = await server.createUser(admin, { ...person, password: `pw-${person.username}-123`, displayName: person.username });
    tokens[person.username] = await server.login(person.username, `pw-${person.username}-123`);
  }
});
after(() => server.close());

const listIds = async (token: string): Promise<string[]> =>
  ((await requestJson(server.baseUrl, 'GET', '/api/documents', { token })).body as Array<{ id: string }>).map((d) => d.id);

test('per document, the secretariat decides who may open it; everyone else sees only their documents', async () => {
  const documentId = await server.createDocument(admin, 'Chiến lược');
  for (const name of ['member', 'outsider', 'watcher', 'byt', 'bng']) {
    assert.ok(!(await listIds(tokens[name] ?? '')).includes(documentId), `${name} does not see it before access is given`);
    assert.equal((await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}`, { token: tokens[name] })).status, 403);
  }
  const granted = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, {
    token: admin,
    body: { members: [ids.member, ids.watcher], organizations: ['bo-y-te'] },
  });
  assert.equal(granted.status, 200);
  assert.deepEqual(granted.body, { members: [ids.member, ids.watcher], organizations: ['bo-y-te'] });
  for (const name of ['member', 'watcher', 'byt']) assert.ok((await listIds(tokens[name] ?? '')).includes(documentId), `${name} sees it`);
  for (const name of ['outsider', 'bng']) assert.ok(!(await listIds(tokens[name] ?? '')).includes(documentId), `${name} still does not`);
  assert.deepEqual((await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/access`, { token: admin })).body, granted.body);
});

test('a ministry account cannot open a document its organisation was not invited to', async () => {
  const documentId = await server.createDocument(admin, 'Chỉ Bộ Y tế');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
  await assert.rejects(openRawSocket(server.wsUrl, documentId, tokens.bng ?? ''), /403/);
  const allowed = await openRawSocket(server.wsUrl, documentId, tokens.byt ?? '');
  allowed.socket.close();
});

test('removing access closes the open socket at once with 4403', async () => {
  const documentId = await server.createDocument(admin, 'Thu hồi');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [ids.member], organizations: ['bo-y-te'] } });
  const member = await openRawSocket(server.wsUrl, documentId, tokens.member ?? '');
  const ministry = await openRawSocket(server.wsUrl, documentId, tokens.byt ?? '');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [ids.member], organizations: [] } });
  assert.equal(await closeCodeWithin(ministry, 2000), 4403);
  assert.equal(await closeCodeWithin(member, 300), null, 'the member keeps working');
  member.socket.close();
});

test('a role change closes open sockets with 4509 so that the client reconnects with the new rights', async () => {
  const documentId = await server.createDocument(admin, 'Đổi vai trò');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [ids.promoted], organizations: [] } });
  const socket = await openRawSocket(server.wsUrl, documentId, tokens.promoted ?? '');
  await requestJson(server.baseUrl, 'PATCH', `/api/users/${ids.promoted}`, { token: admin, body: { role: 'editor' } });
  assert.equal(await closeCodeWithin(socket, 2000), 4509);
});

test('who may create, rename and archive documents and change access', async () => {
  const own = await requestJson(server.baseUrl, 'POST', '/api/documents', { token: tokens.member, body: { title: 'Của thành viên' } });
  assert.equal(own.status, 201, 'a committee member creates a document');
  const ownId = (own.body as { id: string }).id;
  assert.ok((await listIds(tokens.member ?? '')).includes(ownId), 'and is a member of it');
  assert.equal((await requestJson(server.baseUrl, 'PATCH', `/api/documents/${ownId}`, { token: tokens.member, body: { title: 'Đổi tên' } })).status, 200);
  assert.equal((await requestJson(server.baseUrl, 'PATCH', `/api/documents/${ownId}`, { token: tokens.outsider, body: { title: 'x' } })).status, 403);
  for (const name of ['byt', 'watcher']) {
    assert.equal((await requestJson(server.baseUrl, 'POST', '/api/documents', { token: tokens[name], body: { title: 'x' } })).status, 403, `${name} cannot create`);
  }
  assert.equal((await requestJson(server.baseUrl, 'PUT', `/api/documents/${ownId}/access`, { token: tokens.member, body: { members: [], organizations: [] } })).status, 403);
  const badMember = await requestJson(server.baseUrl, 'PUT', `/api/documents/${ownId}/access`, { token: admin, body: { members: [ids.byt], organizations: [] } });
  assert.equal(badMember.status, 400, 'a ministry officer gets access through their organisation, not as a member');
  const unknown = await requestJson(server.baseUrl, 'PUT', `/api/documents/${ownId}/access`, { token: admin, body: { members: [], organizations: ['no-such'] } });
  assert.equal(unknown.status, 404);
});
