import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor } from './helpers.ts';

// Issue 11, point 3: two people deciding the same comment never silently overwrite each other.

let server: TestServer;
let documentId: string;
let reader: TestClient;
const tokens: Record<string, string> = {};

interface Thread {
  id: string;
  version: number;
  status: string;
  explanation: string | null;
  history: Array<{ status: string; explanation: string | null; by: { displayName: string } }>;
}
interface Conflict {
  error: { code: string; current?: Thread };
}

before(async () => {
  server = await startTestServer();
  tokens.admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(tokens.admin, 'Chiến lược', 'nts-2030-2045');
  await server.createUser(tokens.admin, { username: 'thuky2', password: 'pw-thuky2-1', displayName: 'Thư ký Hai', role: 'secretariat' });
  await server.createUser(tokens.admin, { username: 'byt', password: 'pw-byt-1', displayName: 'Người Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' });
  tokens.thuky2 = await server.login('thuky2', 'pw-thuky2-1');
  tokens.byt = await server.login('byt', 'pw-byt-1');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: tokens.admin, body: { members: [], organizations: ['bo-y-te'] } });
  reader = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(reader);
});
after(async () => {
  reader.destroy();
  await server.close();
});

const as = (who: string, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

test('a thread starts at version 1 and every change adds one', async () => {
  const created = await as('byt', 'POST', '/threads', { body: 'Bổ sung dịch bệnh.', anchor: anchorFor(reader, 'thiên tai cực đoan') });
  const thread = created.body as Thread;
  assert.equal(thread.version, 1);
  const replied = (await as('admin', 'POST', `/threads/${thread.id}/comments`, { body: 'Đã ghi nhận.' })).body as Thread;
  assert.equal(replied.version, 2);
  const decided = (await as('admin', 'POST', `/threads/${thread.id}/status`, { status: 'under_review', expectedVersion: 2 })).body as Thread;
  assert.equal(decided.version, 3);
  // Without expectedVersion the route behaves as before versions existed.
  const unversioned = await as('admin', 'POST', `/threads/${thread.id}/status`, { status: 'accepted' });
  assert.equal(unversioned.status, 200);
  assert.equal((unversioned.body as Thread).version, 4);
  const listed = (await as('admin', 'GET', '/threads')).body as { threads: Thread[] };
  assert.equal(listed.threads.find((candidate) => candidate.id === thread.id)?.version, 4);
});

test('two secretaries deciding the same thread: the second gets 409 with the first one’s decision, nothing is overwritten', async () => {
  const thread = (await as('byt', 'POST', '/threads', { body: 'Làm rõ khái niệm.', anchor: anchorFor(reader, 'khủng bố') })).body as Thread;
  // Both opened the desk and saw version 1.
  const seen = thread.version;
  const [first, second] = await Promise.all([
    as('admin', 'POST', `/threads/${thread.id}/status`, { status: 'accepted', explanation: 'Tiếp thu toàn bộ.', expectedVersion: seen }),
    as('thuky2', 'POST', `/threads/${thread.id}/status`, { status: 'not_accepted', explanation: 'Không phù hợp phạm vi.', expectedVersion: seen }),
  ]);
  const statuses = [first.status, second.status].sort();
  assert.deepEqual(statuses, [200, 409], 'exactly one of the two is refused');
  const [won, lost] = first.status === 200 ? [first, second] : [second, first];
  const conflict = lost.body as Conflict;
  assert.equal(conflict.error.code, 'ERR_THREAD_VERSION_CONFLICT');
  assert.ok(conflict.error.current, 'the refusal carries the thread as it is now');
  assert.equal(conflict.error.current.version, (won.body as Thread).version);
  assert.equal(conflict.error.current.status, (won.body as Thread).status);
  assert.equal(conflict.error.current.explanation, (won.body as Thread).explanation);

  const stored = ((await as('admin', 'GET', '/threads')).body as { threads: Thread[] }).threads.find((candidate) => candidate.id === thread.id);
  assert.equal(stored?.status, (won.body as Thread).status, 'the winner’s decision stands');
  assert.equal(stored?.history.length, 2, 'open + one decision: the refused one left no trace');

  // Having seen the other change, the loser confirms their own decision on the current version.
  const retried = await as(lost === first ? 'admin' : 'thuky2', 'POST', `/threads/${thread.id}/status`, {
    status: 'partially_accepted',
    explanation: 'Tiếp thu một phần sau khi trao đổi.',
    expectedVersion: conflict.error.current.version,
  });
  assert.equal(retried.status, 200);
  assert.equal((retried.body as Thread).version, conflict.error.current.version + 1);
});

test('an explanation edit based on a stale version is refused too', async () => {
  const thread = (await as('byt', 'POST', '/threads', { body: 'Góp ý về dự báo.', anchor: anchorFor(reader, 'thiên tai cực đoan') })).body as Thread;
  const decided = (await as('admin', 'POST', `/threads/${thread.id}/status`, { status: 'not_accepted', explanation: 'Lý do A.', expectedVersion: 1 })).body as Thread;
  await as('admin', 'POST', `/threads/${thread.id}/comments`, { body: 'Trao đổi thêm.' });
  const stale = await as('thuky2', 'POST', `/threads/${thread.id}/status`, { status: 'not_accepted', explanation: 'Lý do B.', expectedVersion: decided.version });
  assert.equal(stale.status, 409);
  assert.equal((stale.body as Conflict).error.current?.explanation, 'Lý do A.');
  assert.equal((await as('thuky2', 'POST', `/threads/${thread.id}/status`, { status: 'not_accepted', explanation: 'x', expectedVersion: 0 })).status, 400);
});
