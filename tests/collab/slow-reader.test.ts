import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { openRawSocket } from '../helpers/raw-socket.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

const MAX_QUEUED_BYTES = 1024 * 1024;
const PASTE_CHARS = 512 * 1024;
const MAX_PASTES = 60;

let server: TestServer;
let admin: string;
let slowToken: string;
let slowUserId: string;
let documentId: string;

before(async () => {
  server = await startTestServer({ collabMaxQueuedBytes: MAX_QUEUED_BYTES });
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, 'Đọc chậm');
  slowUserId = await server.createUser(admin, { username: 'cham', password: 'mat-khau-cham', displayName: 'Người đọc chậm', role: 'ministry', organizationId: 'bo-y-te' });
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
  slowToken = await server.login('cham', 'mat-khau-cham');
});
after(() => server.close());

/** What `promise` resolves with, or null after `ms` (the timer does not outlive the answer). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

test('a client that stops reading is closed with 4508 once its queue is over the budget; honest editors are unaffected', async () => {
  const alice = connectClient(server.wsUrl, documentId, admin);
  const bob = connectClient(server.wsUrl, documentId, admin);
  const slow = await openRawSocket(server.wsUrl, documentId, slowToken);
  try {
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    const tcp = (slow.socket as unknown as { _socket: Socket })._socket;
    await waitFor(() => slow.received.length > 0, 'the slow reader got its first sync message');
    tcp.pause();
    const slowConnection = () => server.app.collab.connections.find((c) => c.identity.userId === slowUserId);
    assert.ok(slowConnection(), 'the slow reader is connected');

    let pastes = 0;
    while (slowConnection() !== undefined && pastes < MAX_PASTES) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`${pastes}:`.padEnd(PASTE_CHARS, 'x'))]);
      alice.fragment.insert(alice.fragment.length, [paragraph]);
      pastes += 1;
      await waitFor(() => bob.fragment.length === pastes, `paste ${pastes} delivered to the honest reader`);
    }
    assert.equal(slowConnection(), undefined, `the slow reader was closed (after ${pastes} pastes of ${PASTE_CHARS} characters)`);
    assert.ok(pastes < MAX_PASTES);

    tcp.resume();
    assert.equal(await within(slow.closed, 10_000), 4508, 'once it reads again, it finds the close code');
    alice.fragment.insert(alice.fragment.length, [new Y.XmlElement('paragraph')]);
    await waitFor(() => contentOf(alice) === contentOf(bob), 'honest editors converge');
  } finally {
    slow.socket.terminate();
    alice.destroy();
    bob.destroy();
  }
});
