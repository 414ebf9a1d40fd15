import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { DEFAULT_CONNECTION_LIMITS } from '../../server/collab/connection.ts';
import { DocumentRegistry } from '../../server/collab/document-registry.ts';
import type { ConnectionIdentity } from '../../server/collab/socket.ts';
import { FileContentStore } from '../../server/storage/file-content-store.ts';
import { waitFor } from '../helpers/clients.ts';
import { RecordingSocket, updateMessage } from '../helpers/fake-socket.ts';
import { tempDataDir } from '../helpers/server.ts';

const logger = { info() {}, warn() {}, error() {} };
const editor: ConnectionIdentity = { userId: 'u1', displayName: 'Lan', role: 'editor', organizationId: null, readOnly: false, sessionTokenHash: 'h1' };

function registry(limits = DEFAULT_CONNECTION_LIMITS): DocumentRegistry {
  return new DocumentRegistry({ content: new FileContentStore(tempDataDir(), logger), logger, unloadDelayMs: 1000, limits });
}

/** Two successive updates of one writer: the second depends on the first. */
function twoSteps(): { first: Uint8Array; second: Uint8Array; writer: Y.Doc } {
  const writer = new Y.Doc();
  const text = writer.getText('t');
  text.insert(0, 'Mục ');
  const first = Y.encodeStateAsUpdate(writer);
  const afterFirst = Y.encodeStateVector(writer);
  text.insert(4, 'tiêu');
  return { first, second: Y.encodeStateAsUpdate(writer, afterFirst), writer };
}

test("an update waiting for another connection's update is applied once that arrives, and passed on to everyone", async () => {
  const reg = registry();
  const early = new RecordingSocket();
  const late = new RecordingSocket();
  const earlyConnection = reg.connect(early, 'doc', editor);
  const lateConnection = reg.connect(late, 'doc', editor);
  const observer = new RecordingSocket();
  reg.connect(observer, 'doc', editor);
  const { first, second } = twoSteps();
  earlyConnection.receive(updateMessage(second));
  const shared = await reg.open('doc');
  await waitFor(() => shared.pendingBytes > 0, 'the early update waits');
  assert.equal(shared.doc.store.pendingStructs, null, 'it waits outside the shared doc');
  assert.equal(shared.doc.getText('t').toString(), '');

  lateConnection.receive(updateMessage(first));
  await waitFor(() => shared.doc.getText('t').toString() === 'Mục tiêu', 'both applied');
  assert.equal(shared.pendingBytes, 0);
  await shared.whenStored();
  await waitFor(() => observer.doc.getText('t').toString() === 'Mục tiêu', 'the retried part is passed on like any edit');
  assert.ok(late.doc.getText('t').length === 0 && late.doc.store.pendingStructs !== null, 'the late sender received the retried part too');
  await reg.close();
});

test('a deletion of content the document lacks waits outside the shared doc and applies when the content arrives', async () => {
  const reg = registry();
  const deleter = new RecordingSocket();
  const author = new RecordingSocket();
  const deleterConnection = reg.connect(deleter, 'doc', editor);
  const authorConnection = reg.connect(author, 'doc', editor);
  const writer = new Y.Doc();
  writer.getText('t').insert(0, 'bỏ đi còn lại');
  const content = Y.encodeStateAsUpdate(writer);
  const before = Y.encodeStateVector(writer);
  writer.getText('t').delete(0, 6);
  const deletion = Y.encodeStateAsUpdate(writer, before);

  deleterConnection.receive(updateMessage(deletion));
  const shared = await reg.open('doc');
  await waitFor(() => shared.pendingBytes > 0, 'the deletion waits');
  assert.equal(shared.doc.store.pendingDs, null, 'not in the shared doc');
  authorConnection.receive(updateMessage(content));
  await waitFor(() => shared.doc.getText('t').toString() === 'còn lại', 'the deletion applied once the content arrived');
  assert.equal(shared.pendingBytes, 0);
  await reg.close();
});

test('past its budget of waiting updates a connection is closed with 4522, and what it kept is freed', async () => {
  const reg = registry({ ...DEFAULT_CONNECTION_LIMITS, maxPendingUpdates: 10 });
  const flooder = new RecordingSocket();
  const honest = new RecordingSocket();
  const flooderConnection = reg.connect(flooder, 'doc', editor);
  const honestConnection = reg.connect(honest, 'doc', editor);
  for (let i = 0; i < 11; i++) flooderConnection.receive(updateMessage(twoSteps().second));
  await waitFor(() => flooder.closedWith !== null, 'flooder closed');
  assert.equal(flooder.closedWith?.code, 4522);
  const shared = await reg.open('doc');
  assert.equal(shared.pendingBytes, 0);
  honestConnection.receive(updateMessage(twoSteps().first));
  await waitFor(() => shared.doc.getText('t').toString() === 'Mục ', 'honest edits still apply');
  assert.equal(honest.closedWith, null);
  await reg.close();
});
