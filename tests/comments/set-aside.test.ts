import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor } from './helpers.ts';

let server: TestServer;
let documentId: string;
let reader: TestClient;
const tokens: Record<string, string> = {};

before(async () => {
  server = await startTestServer();
  tokens.admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(tokens.admin, 'Chiến lược', 'nts-2030-2045');
  const editorId = await server.createUser(tokens.admin, { username: 'ed', password: 'pw-ed-long', displayName: 'Biên soạn', role: 'editor' });
  await server.createUser(tokens.admin, { username: 'byt', password: 'pw-byt-long', displayName: 'Cán bộ Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' });
  tokens.ed = await server.login('ed', 'pw-ed-long');
  tokens.byt = await server.login('byt', 'pw-byt-long');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: tokens.admin, body: { members: [editorId], organizations: ['bo-y-te'] } });
  reader = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(reader);
});
after(async () => {
  reader?.destroy();
  await server?.close();
});

const as = (who: string, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

interface Thread {
  id: string;
  status: string;
  setAside: { reason: string; duplicateOf: string | null; note: string; by: { displayName: string }; at: string } | null;
  history: Array<{ status: string; event?: string; setAside?: { reason: string; duplicateOf: string | null; note: string } }>;
}

test('the secretariat sets a thread aside as a duplicate, it stays in the workspace with the mark, and it can be undone', async () => {
  const first = (await as('byt', 'POST', '/threads', { body: 'Bổ sung dịch bệnh.', anchor: anchorFor(reader, 'thiên tai cực đoan') })).body as Thread;
  const again = (await as('byt', 'POST', '/threads', { body: 'Bổ sung dịch bệnh (lần hai).', anchor: anchorFor(reader, 'thiên tai cực đoan') })).body as Thread;
  await as('admin', 'POST', `/threads/${again.id}/status`, { status: 'under_review' });
  const path = `/threads/${again.id}/set-aside`;

  assert.equal((await as('ed', 'PUT', path, { reason: 'out_of_scope' })).status, 403, 'secretariat only');
  assert.equal((await as('byt', 'PUT', path, { reason: 'out_of_scope' })).status, 403);
  assert.equal((await as('byt', 'DELETE', path)).status, 403);
  assert.equal((await as('admin', 'PUT', path, { reason: 'duplicate' })).status, 400, 'a duplicate names the thread it repeats');
  assert.equal((await as('admin', 'PUT', path, { reason: 'duplicate', duplicateOf: again.id })).status, 400, 'not itself');
  assert.equal((await as('admin', 'PUT', path, { reason: 'duplicate', duplicateOf: 'khong-co-that' })).status, 404);
  assert.equal((await as('admin', 'PUT', path, { reason: 'out_of_scope', duplicateOf: first.id })).status, 400);
  assert.equal((await as('admin', 'PUT', path, { reason: 'other', note: '  ' })).status, 400, '"other" needs a note');
  assert.equal((await as('admin', 'PUT', path, { reason: 'lost' })).status, 400);

  const marked = await as('admin', 'PUT', path, { reason: 'duplicate', duplicateOf: first.id, note: 'Trùng ý kiến trước.' });
  assert.equal(marked.status, 200);
  const thread = marked.body as Thread;
  assert.equal(thread.status, 'under_review', 'the status is kept');
  const { by, at, ...why } = thread.setAside ?? { by: null, at: null };
  assert.deepEqual(why, { reason: 'duplicate', duplicateOf: first.id, note: 'Trùng ý kiến trước.' });
  assert.equal(by?.displayName, 'Quản trị viên');
  assert.ok(at);
  const last = thread.history.at(-1);
  assert.deepEqual([last?.status, last?.event, last?.setAside], ['under_review', 'set_aside', why]);

  // Still listed for everyone who sees it, with the mark.
  const listed = ((await as('byt', 'GET', '/threads')).body as { threads: Thread[] }).threads.find((candidate) => candidate.id === again.id);
  assert.equal(listed?.setAside?.reason, 'duplicate');

  const undone = await as('admin', 'DELETE', path);
  assert.equal(undone.status, 200);
  assert.equal((undone.body as Thread).setAside, null);
  assert.equal((undone.body as Thread).history.at(-1)?.event, 'set_aside_undone');
  const length = (undone.body as Thread).history.length;
  const twice = await as('admin', 'DELETE', path);
  assert.equal(twice.status, 200, 'undoing twice changes nothing');
  assert.equal((twice.body as Thread).history.length, length);
  assert.equal((await as('admin', 'DELETE', '/threads/khong-co-that/set-aside')).status, 404);
});

test('setting aside and taking back each make a new thread version; a set-aside based on a stale version is refused and not audited', async () => {
  const created = (await as('byt', 'POST', '/threads', { body: 'Làm rõ phạm vi.', anchor: anchorFor(reader, 'thiên tai cực đoan') })).body as Thread & { version: number };
  assert.equal(created.version, 1);
  const path = `/threads/${created.id}/set-aside`;
  const audited = async (): Promise<number> =>
    ((await requestJson(server.baseUrl, 'GET', `/api/audit?documentId=${documentId}`, { token: tokens.admin })).body as Array<{ action: string; details: { threadId?: string } }>).filter(
      (entry) => entry.action === 'thread.set_aside' && entry.details.threadId === created.id,
    ).length;

  const marked = await as('admin', 'PUT', path, { reason: 'out_of_scope', expectedVersion: 1 });
  assert.equal(marked.status, 200, JSON.stringify(marked.body));
  assert.equal((marked.body as { version: number }).version, 2);

  const stale = await as('admin', 'PUT', path, { reason: 'other', note: 'Lý do khác.', expectedVersion: 1 });
  assert.equal(stale.status, 409);
  const refusal = (stale.body as { error: { code: string; current: Thread & { version: number } } }).error;
  assert.equal(refusal.code, 'ERR_THREAD_VERSION_CONFLICT');
  assert.equal(refusal.current.version, 2);
  assert.equal(refusal.current.setAside?.reason, 'out_of_scope', 'nothing was overwritten');
  assert.equal(await audited(), 1, 'only the change that went through is audited');

  const undone = await as('admin', 'DELETE', path);
  assert.equal((undone.body as { version: number }).version, 3);
  const twice = await as('admin', 'DELETE', path);
  assert.equal((twice.body as { version: number }).version, 3, 'nothing to undo keeps the version');
});
