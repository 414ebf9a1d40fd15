import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { openRawSocket } from '../helpers/raw-socket.ts';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';

/** A sync message of the given sub-type carrying `update`. */
function syncFrame(subType: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

test('a ministry account cannot change the document, even with hand-made Yjs updates on a raw WebSocket', async () => {
  const dataDir = tempDataDir();
  let server = await startTestServer({ dataDir });
  const admin = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(admin, 'Dự thảo', 'blank');
  await server.createUser(admin, { username: 'byt', password: 'mat-khau-byt', displayName: 'Cán bộ Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' });
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
  const ministry = await server.login('byt', 'mat-khau-byt');

  const editor = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(editor);
  const before = contentOf(editor);

  // The ministry officer's honest client receives the live document…
  const reader = connectClient(server.wsUrl, documentId, ministry);
  await waitSynced(reader);
  assert.equal(contentOf(reader), before);

  // …but a forged change, built on the real state so it would apply cleanly, goes nowhere.
  const forger = new Y.Doc();
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(editor.doc));
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('SỬA TRÁI PHÉP')]);
  forger.getXmlFragment('prosemirror').insert(0, [paragraph]);
  const forged = Y.encodeStateAsUpdate(forger, Y.encodeStateVector(editor.doc));
  const raw = await openRawSocket(server.wsUrl, documentId, ministry);
  raw.send(syncFrame(syncProtocol.messageYjsUpdate, forged));
  raw.send(syncFrame(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(forger)));
  // The reader's own client also tries: local edits are sent as updates.
  reader.fragment.insert(0, [new Y.XmlElement('paragraph')]);

  // A marker edit from the editor proves the pipe is flowing after the forged frames.
  const marker = new Y.XmlElement('paragraph');
  marker.insert(0, [new Y.XmlText('dấu mốc')]);
  editor.fragment.insert(editor.fragment.length, [marker]);
  await waitFor(() => contentOf(reader).includes('dấu mốc'), 'ministry still receives live edits');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(!contentOf(editor).includes('SỬA TRÁI PHÉP'), 'no other client received it');
  const ministryConnections = server.app.collab.connections.filter((c) => c.identity.role === 'ministry');
  assert.ok(ministryConnections.reduce((sum, c) => sum + c.stats.droppedUpdates, 0) >= 3, 'the forged messages were counted as dropped');

  raw.socket.close();
  reader.destroy();
  editor.destroy();
  await server.close({ keepData: true });

  // Nothing reached the disk.
  server = await startTestServer({ dataDir });
  const check = connectClient(server.wsUrl, documentId, await server.login('admin', server.adminPassword));
  await waitSynced(check);
  assert.ok(!contentOf(check).includes('SỬA TRÁI PHÉP'));
  assert.ok(contentOf(check).includes('dấu mốc'));
  check.destroy();
  await server.close();
});
