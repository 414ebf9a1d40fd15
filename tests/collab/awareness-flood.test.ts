import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as encoding from 'lib0/encoding';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { closeCodeWithin, openRawSocket, type RawSocket } from '../helpers/raw-socket.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { probeDelivery, quantile, seedParagraph } from './delivery.ts';

let server: TestServer;
let admin: string;
let ministry: string;
let documentId: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, 'Lũ nhận diện');
  await server.createUser(admin, { username: 'bct', password: 'mat-khau-bct', displayName: 'Bộ Công Thương', role: 'ministry', organizationId: 'bo-cong-thuong' });
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-cong-thuong'] } });
  ministry = await server.login('bct', 'mat-khau-bct');
});
after(() => server.close());

/** An awareness message with one ~`stateBytes` state for each of `clientIds` (its content differs per clock unless `content` is given). */
function awarenessFrame(clientIds: number[], clock: number, stateBytes: number, content = `${clock}`): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, clientIds.length);
  for (const clientId of clientIds) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify({ cursor: null, padding: content.padEnd(stateBytes, 'x') }));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** Bytes of the awareness messages (type 1) a raw socket received. */
function awarenessBytes(raw: RawSocket): number {
  return raw.received.reduce((sum, frame) => sum + (frame[0] === 1 ? frame.byteLength : 0), 0);
}

/** Sends `frames` from a fresh ministry socket and returns the close code it ends with (null: still open). */
async function attack(frames: Uint8Array[]): Promise<number | null> {
  const raw = await openRawSocket(server.wsUrl, documentId, ministry);
  for (const frame of frames) raw.send(frame);
  const code = await closeCodeWithin(raw, 10_000);
  if (code === null) raw.socket.close();
  return code;
}

test('an awareness flood from a read-only account is cut off per connection; honest clients get bounded bytes and keep editing', async () => {
  const alice = connectClient(server.wsUrl, documentId, admin);
  const bob = connectClient(server.wsUrl, documentId, admin);
  const listener = await openRawSocket(server.wsUrl, documentId, admin);
  try {
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#112233' });
    await waitFor(() => bob.provider.awareness.getStates().has(alice.doc.clientID), 'honest awareness still flows');
    await seedParagraph(alice, bob);
    const before = awarenessBytes(listener);
    const probe = probeDelivery(alice, bob);
    const codes: Array<number | null> = [];
    let clientId = 50_000;
    const ids = (count: number): number[] => Array.from({ length: count }, () => clientId++);
    // Many entries of nearly 8 KiB each in one message (about 7 MB per message).
    for (let i = 0; i < 4; i++) codes.push(await attack([awarenessFrame(ids(1000), 1, 7000)]));
    // Small messages, each naming new client ids.
    codes.push(await attack(Array.from({ length: 50 }, () => awarenessFrame(ids(1), 1, 7000))));
    // One client id whose large state changes as fast as the socket allows.
    const single = ids(1);
    codes.push(await attack(Array.from({ length: 200 }, (_, clock) => awarenessFrame(single, clock + 1, 7000))));
    await probe.stop();

    const received = awarenessBytes(listener) - before;
    assert.ok(received < 1024 * 1024, `an honest client received ${received} awareness bytes during the flood`);
    assert.ok(codes.every((code) => code === 4531), `every flooding socket is closed with 4531 (got ${codes.join(', ')})`);
    assert.ok(probe.latencies.length > 0, 'honest edits were delivered during the flood');
    assert.ok(quantile(probe.latencies, 0.99) < 5_000, `edit delivery p99 ${Math.round(quantile(probe.latencies, 0.99))} ms`);
    const flooderIds = (): number[] => [...bob.provider.awareness.getStates().keys()].filter((id) => id >= 50_000 && id < clientId);
    await waitFor(() => flooderIds().length === 0, 'the flooder left no state behind');
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#445566' });
    await waitFor(
      () => (bob.provider.awareness.getStates().get(alice.doc.clientID) as { user?: { color?: string } } | undefined)?.user?.color === '#445566',
      'honest awareness flows after the flood',
    );
  } finally {
    listener.socket.close();
    alice.destroy();
    bob.destroy();
  }
});

test('an honest client moving its cursor on every keystroke stays within the awareness budget', async () => {
  const typist = connectClient(server.wsUrl, documentId, admin);
  const watcher = connectClient(server.wsUrl, documentId, admin);
  const closes: number[] = [];
  typist.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
  try {
    await Promise.all([waitSynced(typist), waitSynced(watcher)]);
    typist.provider.awareness.setLocalStateField('user', { name: 'Typist', color: '#123456' });
    for (let i = 0; i < 300; i++) {
      typist.provider.awareness.setLocalStateField('cursor', { anchor: { type: null, tname: 'prosemirror', item: { client: typist.doc.clientID, clock: i }, assoc: 0 }, head: null });
      if (i % 30 === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor(
      () => (watcher.provider.awareness.getStates().get(typist.doc.clientID) as { cursor?: { anchor?: { item?: { clock?: number } } } } | undefined)?.cursor?.anchor?.item?.clock === 299,
      'the last cursor position arrives',
    );
    assert.deepEqual(closes, [], 'the typist was never disconnected');
  } finally {
    typist.destroy();
    watcher.destroy();
  }
});

test('a state re-sent unchanged with a new clock is not repeated to everyone each time', async () => {
  const listener = await openRawSocket(server.wsUrl, documentId, admin);
  const repeater = await openRawSocket(server.wsUrl, documentId, admin);
  try {
    const before = listener.received.length;
    for (let clock = 1; clock <= 60; clock++) repeater.send(awarenessFrame([777_001], clock, 100, 'same'));
    repeater.send(awarenessFrame([777_001], 61, 100, 'moved'));
    const shared = await server.app.collab.open(documentId);
    await waitFor(() => shared.awareness.meta.get(777_001)?.clock === 61, 'every message was handled');
    await waitFor(() => listener.received.length - before >= 2, 'the first state and the change arrive');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const relayed = listener.received.slice(before).filter((frame) => frame[0] === 1).length;
    assert.equal(relayed, 2, 'the first state and the changed one, not the 59 unchanged renewals');
    assert.equal(await closeCodeWithin(repeater, 10), null, 'within its budget the repeater stays connected');
  } finally {
    listener.socket.close();
    repeater.socket.close();
  }
});
