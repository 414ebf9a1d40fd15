import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import { awarenessFrame, closeCodeWithin, openRawSocket } from '../helpers/raw-socket.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;
let documentId: string;
let ministry: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, 'Nhận diện');
  await server.createUser(admin, { username: 'bqp', password: 'mat-khau-bqp', displayName: 'Cán bộ Bộ Quốc phòng', role: 'ministry', organizationId: 'bo-quoc-phong' });
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-quoc-phong'] } });
  ministry = await server.login('bqp', 'mat-khau-bqp');
});
after(() => server.close());

/** A sync update message carrying `update`. */
function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

test('awareness carries the identity stamped by the server, whatever the client claims', async () => {
  const watcher = connectClient(server.wsUrl, documentId, admin);
  const impostor = connectClient(server.wsUrl, documentId, ministry);
  await Promise.all([waitSynced(watcher), waitSynced(impostor)]);
  impostor.provider.awareness.setLocalStateField('user', { name: 'Bộ trưởng Bộ Công an', color: '#ff0000', role: 'secretariat' });
  await waitFor(() => watcher.provider.awareness.getStates().has(impostor.doc.clientID), 'watcher sees the impostor');
  const seen = watcher.provider.awareness.getStates().get(impostor.doc.clientID) as { user: Record<string, unknown> };
  assert.equal(seen.user.name, 'Cán bộ Bộ Quốc phòng');
  assert.equal(seen.user.role, 'ministry');
  assert.equal(seen.user.organizationId, 'bo-quoc-phong');
  assert.equal(seen.user.color, '#ff0000', 'a well-formed colour is kept');
  watcher.destroy();
  impostor.destroy();
});

test("nobody can overwrite another user's awareness state", async () => {
  const victim = connectClient(server.wsUrl, documentId, admin);
  const watcher = connectClient(server.wsUrl, documentId, admin);
  await Promise.all([waitSynced(victim), waitSynced(watcher)]);
  victim.provider.awareness.setLocalStateField('user', { name: 'Thư ký', color: '#00aa00' });
  await waitFor(() => watcher.provider.awareness.getStates().has(victim.doc.clientID), 'victim visible');

  const raw = await openRawSocket(server.wsUrl, documentId, ministry);
  raw.send(awarenessFrame(victim.doc.clientID, 10_000, { user: { name: 'giả mạo' }, cursor: null }));
  raw.send(awarenessFrame(victim.doc.clientID, 10_001, null));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const state = watcher.provider.awareness.getStates().get(victim.doc.clientID) as { user: { name: string } } | undefined;
  assert.equal(state?.user.name, 'Quản trị viên', "the victim's state is untouched");
  const dropped = server.app.collab.connections.reduce((sum, c) => sum + c.stats.droppedAwareness, 0);
  assert.ok(dropped >= 2);
  raw.socket.close();
  victim.destroy();
  watcher.destroy();
});

test('an oversized awareness state closes the connection with 4413, a junk one with 4400', async () => {
  const big = await openRawSocket(server.wsUrl, documentId, ministry);
  big.send(awarenessFrame(123456, 1, { user: {}, padding: 'x'.repeat(20_000) }));
  assert.equal(await closeCodeWithin(big, 5000), 4413);
  const junk = await openRawSocket(server.wsUrl, documentId, ministry);
  junk.send(awarenessFrame(123457, 1, [1, 2, 3]));
  assert.equal(await closeCodeWithin(junk, 5000), 4400);
});

test('a burst above the rate is throttled, not refused: every message is handled', async () => {
  const burst = await openRawSocket(server.wsUrl, documentId, admin);
  const writer = new Y.Doc();
  const updates: Uint8Array[] = [];
  writer.on('update', (update: Uint8Array) => updates.push(update));
  const paragraph = new Y.XmlElement('paragraph');
  writer.getXmlFragment('prosemirror').insert(0, [paragraph]);
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  for (let i = 0; i < 1198; i++) text.insert(text.length, 'a');
  assert.equal(updates.length, 1200);
  const start = performance.now();
  for (const update of updates) burst.send(updateFrame(update));
  const shared = await server.app.collab.open(documentId);
  await waitFor(() => shared.doc.getXmlFragment('prosemirror').toString().includes('a'.repeat(1198)), 'all 1200 updates applied', 20_000);
  const elapsed = performance.now() - start;
  assert.ok(elapsed > 1500, `the burst beyond 600 messages was spread out at 200/s (took ${Math.round(elapsed)} ms)`);
  assert.equal(await closeCodeWithin(burst, 50), null, 'the connection stays open');
  burst.socket.close();
});

test('a flood beyond what the server can absorb closes the connection with 4529 (retry), and others keep working', async () => {
  const flood = await openRawSocket(server.wsUrl, documentId, ministry);
  const queryAwareness = Uint8Array.of(3);
  for (let i = 0; i < 3000; i++) flood.send(queryAwareness);
  assert.equal(await closeCodeWithin(flood, 5000), 4529);
  const client = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(client);
  client.destroy();
});
