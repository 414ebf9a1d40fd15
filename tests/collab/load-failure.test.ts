import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { DocumentRegistry } from '../../server/collab/document-registry.ts';
import type { ConnectionIdentity } from '../../server/collab/socket.ts';
import { FileContentStore } from '../../server/storage/file-content-store.ts';
import type { DocumentContentStore, StoredContent } from '../../server/storage/store.ts';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { RecordingSocket } from '../helpers/fake-socket.ts';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts';

const logger = { info() {}, warn() {}, error() {} };
const editor: ConnectionIdentity = { userId: 'u1', displayName: 'Lan', role: 'editor', organizationId: null, readOnly: false, sessionTokenHash: 'h1' };

/** A content store whose `load` fails with an I/O error the first `failures` times. */
function failingLoads(inner: DocumentContentStore, failures: number): { store: DocumentContentStore; attempts(): number } {
  let attempts = 0;
  const store: DocumentContentStore = {
    async load(id: string): Promise<StoredContent> {
      attempts += 1;
      if (attempts <= failures) throw Object.assign(new Error('ENOSPC: no space left on device, read'), { code: 'ENOSPC' });
      return inner.load(id);
    },
    append: (id, update) => inner.append(id, update),
    needsCompaction: (id) => inner.needsCompaction(id),
    compact: (id, state) => inner.compact(id, state),
    release: (id) => inner.release(id),
    sync: () => inner.sync(),
  };
  return { store, attempts: () => attempts };
}

test('a load failure closes with 4503 (retryable); only a document missing from the records gets 4404', async () => {
  const files = new FileContentStore(tempDataDir(), logger);
  const failing = failingLoads(files, 1);
  const registry = new DocumentRegistry({ content: failing.store, logger, unloadDelayMs: 1000, documentExists: (id) => id !== 'gone' });
  const broken = new RecordingSocket();
  registry.connect(broken, 'doc', editor);
  await waitFor(() => broken.closedWith !== null, 'the failed load closes the socket');
  assert.equal(broken.closedWith?.code, 4503);

  const gone = new RecordingSocket();
  registry.connect(gone, 'gone', editor);
  await waitFor(() => gone.closedWith !== null, 'a missing document closes the socket');
  assert.equal(gone.closedWith?.code, 4404);
  assert.equal(failing.attempts(), 1, 'a missing document is not even loaded');

  const retried = new RecordingSocket();
  registry.connect(retried, 'doc', editor);
  await registry.open('doc');
  assert.equal(retried.closedWith, null, 'the next attempt opens the document');
  await registry.close();
});

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer({ unloadDelayMs: 50 });
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

test('a WebsocketProvider retries through transient storage errors and ends up synced, without manual action', async () => {
  const documentId = await server.createDocument(admin, 'Ổ đĩa đầy');
  const writer = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(writer);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Đã lưu trước sự cố')]);
  writer.fragment.insert(0, [paragraph]);
  const shared = await server.app.collab.open(documentId);
  await waitFor(() => shared.doc.getXmlFragment('prosemirror').length === 1, 'edit reached the server');
  await shared.whenStored();
  writer.destroy();
  await waitFor(() => !server.app.collab.loadedIds.includes(documentId), 'document unloaded');

  // The store is shared by the whole app: make its next three loads fail like a full disk.
  const content = server.app.store.content;
  const realLoad = content.load.bind(content);
  let failuresLeft = 3;
  content.load = async (id: string): Promise<StoredContent> => {
    if (id === documentId && failuresLeft > 0) {
      failuresLeft -= 1;
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    return realLoad(id);
  };
  const reader = connectClient(server.wsUrl, documentId, admin);
  const closes: number[] = [];
  reader.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
  try {
    await waitSynced(reader, 20_000);
    assert.equal(failuresLeft, 0);
    assert.deepEqual(closes, [4503, 4503, 4503], 'each failed load was reported as retryable');
    await waitFor(() => contentOf(reader).includes('Đã lưu trước sự cố'), 'the stored content arrives');
  } finally {
    content.load = realLoad;
    reader.destroy();
  }
});
