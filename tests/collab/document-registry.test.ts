import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { DocumentRegistry } from '../../server/collab/document-registry.ts';
import type { ConnectionIdentity } from '../../server/collab/socket.ts';
import { FileContentStore } from '../../server/storage/file-content-store.ts';
import type { DocumentContentStore, StoredContent } from '../../server/storage/store.ts';
import { RecordingSocket, syncStep1, updateMessage } from '../helpers/fake-socket.ts';
import { waitFor } from '../helpers/clients.ts';
import { tempDataDir } from '../helpers/server.ts';

const logger = { info() {}, warn() {}, error() {} };
const editor: ConnectionIdentity = { userId: 'u1', displayName: 'Lan', role: 'editor', organizationId: null, readOnly: false, sessionTokenHash: 'h1' };
const ministry: ConnectionIdentity = { userId: 'u2', displayName: 'Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te', readOnly: true, sessionTokenHash: 'h2' };

/** A Yjs update that writes `text` into the shared text `t`. */
function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Wraps a content store so that `load` waits until `release()` is called. */
function slowLoading(inner: DocumentContentStore): { store: DocumentContentStore; release(): void } {
  let release = (): void => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store: DocumentContentStore = {
    async load(id: string): Promise<StoredContent> {
      await gate;
      return inner.load(id);
    },
    append: (id, update) => inner.append(id, update),
    needsCompaction: (id) => inner.needsCompaction(id),
    compact: (id, state) => inner.compact(id, state),
    release: (id) => inner.release(id),
    sync: () => inner.sync(),
  };
  return { store, release: () => release() };
}

test('the first sync answer waits for the stored state, even when the client speaks first', async () => {
  const dir = tempDataDir();
  const files = new FileContentStore(dir, logger);
  await files.compact('doc', textUpdate('Nội dung đã lưu'));
  await files.release('doc');
  const slow = slowLoading(files);
  const registry = new DocumentRegistry({ content: slow.store, logger, unloadDelayMs: 50 });

  const socket = new RecordingSocket();
  const connection = registry.connect(socket, 'doc', editor);
  connection.receive(syncStep1(socket.doc)); // before the document is loaded
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(socket.sent.length, 0, 'nothing is answered before the stored state is loaded');

  slow.release();
  await waitFor(() => socket.doc.getText('t').toString() === 'Nội dung đã lưu', 'client received the stored content');
  await registry.close();
});

test('a document with no connections is stored and unloaded, and reopens with its content', async () => {
  const dir = tempDataDir();
  const files = new FileContentStore(dir, logger);
  const registry = new DocumentRegistry({ content: files, logger, unloadDelayMs: 30 });
  const socket = new RecordingSocket();
  const connection = registry.connect(socket, 'doc', editor);
  connection.receive(updateMessage(textUpdate('Mục tiêu tổng quát')));
  const shared = await registry.open('doc');
  await waitFor(() => shared.doc.getText('t').toString() === 'Mục tiêu tổng quát', 'update applied');
  await shared.whenStored();
  assert.ok(statSync(join(dir, 'doc.log')).size > 0, 'the update was logged');

  connection.handleSocketClosed();
  await waitFor(() => registry.loadedIds.length === 0, 'document unloaded after the delay');
  await waitFor(() => statSync(join(dir, 'doc.log')).size === 0, 'log compacted');
  assert.ok(existsSync(join(dir, 'doc.snapshot')));
  assert.ok(readFileSync(join(dir, 'doc.snapshot')).length > 0);

  const reopened = await registry.open('doc');
  assert.equal(reopened.doc.getText('t').toString(), 'Mục tiêu tổng quát');
  await registry.close();
});

test('a read-only connection receives the document, but its updates are dropped and counted', async () => {
  const dir = tempDataDir();
  const registry = new DocumentRegistry({ content: new FileContentStore(dir, logger), logger, unloadDelayMs: 1000 });
  const writer = new RecordingSocket();
  const reader = new RecordingSocket();
  const writerConnection = registry.connect(writer, 'doc', editor);
  const readerConnection = registry.connect(reader, 'doc', ministry);
  writerConnection.receive(updateMessage(textUpdate('Bản dự thảo')));
  await waitFor(() => reader.doc.getText('t').toString() === 'Bản dự thảo', 'reader receives live edits');

  const forged = new Y.Doc();
  forged.getText('forged').insert(0, 'sửa trái phép');
  readerConnection.receive(updateMessage(Y.encodeStateAsUpdate(forged)));
  await waitFor(() => readerConnection.stats.droppedUpdates === 1, 'forged update dropped');
  const shared = await registry.open('doc');
  await shared.whenStored();
  assert.equal(shared.doc.getText('forged').toString(), '', 'the server document is unchanged');
  assert.equal(writer.doc.getText('forged').toString(), '', 'no other client received it');
  await registry.close();
  const stored = new Y.Doc();
  for (const update of (await new FileContentStore(dir, logger).load('doc')).updates) Y.applyUpdate(stored, update);
  assert.equal(stored.getText('forged').toString(), '', 'nothing reached the disk');
});

test('a malformed frame closes only its own connection with 4400', async () => {
  const registry = new DocumentRegistry({ content: new FileContentStore(tempDataDir(), logger), logger, unloadDelayMs: 1000 });
  const good = new RecordingSocket();
  const bad = new RecordingSocket();
  const goodConnection = registry.connect(good, 'doc', editor);
  const badConnection = registry.connect(bad, 'doc', editor);
  for (const junk of [Uint8Array.of(), Uint8Array.of(0xff, 0xff, 0xff), Uint8Array.of(0, 1, 200, 3), Uint8Array.of(9, 0)]) {
    const victim = new RecordingSocket();
    registry.connect(victim, 'doc', editor).receive(junk);
    await waitFor(() => victim.closedWith !== null, `junk ${[...junk]} closes its connection`);
    assert.equal(victim.closedWith?.code, 4400);
  }
  badConnection.receive(Uint8Array.of(0, 2, 50, 1, 2));
  await waitFor(() => bad.closedWith !== null, 'bad connection closed');
  goodConnection.receive(updateMessage(textUpdate('vẫn hoạt động')));
  const shared = await registry.open('doc');
  await shared.whenStored();
  assert.equal(shared.doc.getText('t').toString(), 'vẫn hoạt động');
  assert.equal(good.closedWith, null);
  await registry.close();
});
