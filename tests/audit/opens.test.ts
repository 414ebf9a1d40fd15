import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openRawSocket } from '../helpers/raw-socket.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 9, item 7: every WebSocket open added an audit entry, which the embedded audit store
// keeps in memory for ever; a reconnecting client grew it without bound.

const RECONNECTS = 40;

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

const allEntries = async (): Promise<number> => (await server.app.store.audit.list({ limit: Number.MAX_SAFE_INTEGER })).entries.length;

test('a client that reconnects again and again adds one "opened" entry, not one per connection', async () => {
  const documentId = await server.createDocument(admin, 'Mạng chập chờn');
  const other = await server.createDocument(admin, 'Tài liệu khác');
  const before = await allEntries();
  for (let index = 0; index < RECONNECTS; index++) {
    const raw = await openRawSocket(server.wsUrl, documentId, admin);
    raw.socket.close();
    await raw.closed;
  }
  (await openRawSocket(server.wsUrl, other, admin)).socket.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const opened = (await server.app.audit.list({ limit: 1000 })).entries.filter((entry) => entry.action === 'document.opened');
  assert.equal(opened.filter((entry) => entry.documentId === documentId).length, 1, 'one entry for the reconnecting client');
  assert.equal(opened.filter((entry) => entry.documentId === other).length, 1, 'another document is recorded on its own');
  const added = (await allEntries()) - before;
  assert.ok(added <= 2, `${added} entries kept for ${RECONNECTS + 1} connections`);
});
