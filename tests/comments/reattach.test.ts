import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor, findParagraph } from './helpers.ts';
import { listenThreadEvents, type ThreadEventStream } from '../helpers/thread-events.ts';

let server: TestServer;
const tokens: Record<string, string> = {};
let documentId: string;
let editorClient: TestClient;

const GONE = 'thiên tai cực đoan';
const NEW = 'chồng chéo giữa các cơ quan';

before(async () => {
  server = await startTestServer();
  tokens.admin = await server.login('admin', server.adminPassword);
  const editorId = await server.createUser(tokens.admin, { username: 'lan', password: 'pw-lan-12345', displayName: 'Trần Thị Lan', role: 'editor' });
  await server.createUser(tokens.admin, { username: 'byt', password: 'pw-byt-12345', displayName: 'Nguyễn Hoa', role: 'ministry', organizationId: 'bo-y-te' });
  tokens.editor = await server.login('lan', 'pw-lan-12345');
  tokens.ministry = await server.login('byt', 'pw-byt-12345');
  documentId = await server.createDocument(tokens.admin, 'Gắn lại góp ý', 'nts-2030-2045');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: tokens.admin, body: { members: [editorId], organizations: ['bo-y-te'] } });
  editorClient = connectClient(server.wsUrl, documentId, tokens.editor);
  await waitSynced(editorClient);
});
after(async () => {
  editorClient.destroy();
  await server.close();
});

interface Thread {
  id: string;
  status: string;
  anchor: { quote: string; blockId: string | null } | null;
  position: { status: string; text: string; sectionTitle: string | null };
  history: Array<{ status: string }>;
  anchorHistory: Array<{ by: { displayName: string }; at: string; fromQuote: string | null; toQuote: string }>;
}

const call = (who: string, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

const threadNow = async (threadId: string): Promise<Thread> => {
  const list = (await call('admin', 'GET', '/threads')).body as { threads: Thread[] };
  const found = list.threads.find((thread) => thread.id === threadId);
  assert.ok(found, 'the thread is listed');
  return found;
};

/** A ministry thread on `passage`, whose paragraph the editor then deletes (the words are really gone). */
async function orphanedThread(passage: string): Promise<Thread> {
  const created = await call('ministry', 'POST', '/threads', { body: 'Đề nghị làm rõ.', anchor: anchorFor(editorClient, passage) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { element } = findParagraph(editorClient, passage);
  const index = editorClient.fragment.toArray().indexOf(element);
  editorClient.fragment.delete(index, 1);
  const threadId = (created.body as Thread).id;
  for (let attempt = 0; attempt < 100; attempt++) {
    const thread = await threadNow(threadId);
    if (thread.position.status === 'orphaned') return thread;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the thread never became orphaned');
}

/** Follows the document's live thread events as the ministry officer. */
function listen(): ThreadEventStream<Thread> {
  return listenThreadEvents<Thread>(server.baseUrl, documentId, tokens.ministry as string);
}

test('the secretariat re-attaches an orphaned thread: the history, the audit trail and open pages learn of it', async () => {
  const orphan = await orphanedThread(GONE);
  assert.deepEqual(orphan.anchorHistory, []);
  const stream = listen();
  // Let the stream subscribe before the change it must carry.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const anchor = anchorFor(editorClient, NEW);
  const answer = await call('admin', 'PUT', `/threads/${orphan.id}/anchor`, { anchor });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const thread = answer.body as Thread;
  assert.equal(thread.position.status, 'active');
  assert.equal(thread.position.text, NEW);
  assert.equal(thread.position.sectionTitle, 'Hạn chế, bất cập và nguyên nhân');
  assert.deepEqual(thread.anchor, { ...anchor });
  assert.equal(thread.status, 'open', 'the decision workflow is untouched');
  assert.deepEqual(thread.history.map((change) => change.status), ['open']);
  assert.equal(thread.anchorHistory.length, 1);
  const me = (await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token: tokens.admin })).body as { user: { id: string; displayName: string } };
  assert.deepEqual(
    { by: thread.anchorHistory[0]?.by, fromQuote: thread.anchorHistory[0]?.fromQuote, toQuote: thread.anchorHistory[0]?.toQuote },
    { by: { id: me.user.id, displayName: me.user.displayName }, fromQuote: GONE, toQuote: NEW },
  );
  assert.ok(Number.isFinite(Date.parse(thread.anchorHistory[0]?.at ?? '')));

  // The list shows it active at the new passage, and the ministry's open page received it.
  assert.equal((await threadNow(orphan.id)).position.text, NEW);
  await waitFor(() => stream.events.some((event) => event.id === orphan.id && event.anchorHistory.length === 1), 'the live event');
  stream.close();

  const audit = await requestJson(server.baseUrl, 'GET', `/api/audit?documentId=${documentId}`, { token: tokens.admin });
  const entry = (audit.body as Array<{ action: string; actor: { displayName: string } | null; details: Record<string, unknown> }>).find((item) => item.action === 'thread.reattached');
  assert.ok(entry, 'audited');
  assert.deepEqual(entry.details, { threadId: orphan.id, fromQuote: GONE, toQuote: NEW });

  // Now active: a second re-attachment (or one that raced with this one) is refused.
  const again = await call('admin', 'PUT', `/threads/${orphan.id}/anchor`, { anchor: anchorFor(editorClient, 'khoảng trống pháp lý') });
  assert.equal(again.status, 409);
  assert.equal((again.body as { error: { code: string } }).error.code, 'ERR_THREAD_NOT_ORPHANED');
});

test('only the secretariat re-attaches; unknown threads, threads still on their words and wrong passages are refused', async () => {
  const orphan = await orphanedThread('Kinh phí từ ngân sách');
  const anchor = anchorFor(editorClient, 'khoảng trống pháp lý');
  const path = `/threads/${orphan.id}/anchor`;
  for (const who of ['ministry', 'editor']) {
    const refused = await call(who, 'PUT', path, { anchor });
    assert.equal(refused.status, 403, who);
  }
  const unknown = await call('admin', 'PUT', '/threads/no-such-thread/anchor', { anchor });
  assert.equal(unknown.status, 404);
  assert.equal((unknown.body as { error: { code: string } }).error.code, 'ERR_THREAD_NOT_FOUND');
  assert.equal((await call('admin', 'PUT', path, {})).status, 400, 'no anchor');
  assert.equal((await call('admin', 'PUT', path, { anchor: { ...anchor, extra: 1 } })).status, 400, 'unknown field');

  // The quote must be what stands between the positions now, and the block id that of the passage's block.
  for (const wrong of [{ ...anchor, quote: 'khoảng trống' }, { ...anchor, blockId: anchorFor(editorClient, 'Tóm lược').blockId }, { ...anchor, start: anchor.end }]) {
    const refused = await call('admin', 'PUT', path, { anchor: wrong });
    assert.equal(refused.status, 409, JSON.stringify(wrong));
    assert.equal((refused.body as { error: { code: string } }).error.code, 'ERR_ANCHOR_MISMATCH');
  }
  assert.equal((await threadNow(orphan.id)).position.status, 'orphaned', 'nothing changed');

  // A thread whose words are still in the draft stays on them.
  const active = await call('ministry', 'POST', '/threads', { body: 'Giữ nguyên.', anchor: anchorFor(editorClient, 'Tóm lược') });
  const onWords = await call('admin', 'PUT', `/threads/${(active.body as Thread).id}/anchor`, { anchor });
  assert.equal(onWords.status, 409);
  assert.equal((onWords.body as { error: { code: string } }).error.code, 'ERR_THREAD_NOT_ORPHANED');

  // A withdrawn thread changes no more.
  assert.equal((await call('ministry', 'POST', `/threads/${orphan.id}/status`, { status: 'withdrawn' })).status, 200);
  const withdrawn = await call('admin', 'PUT', path, { anchor });
  assert.equal(withdrawn.status, 409);
  assert.equal((withdrawn.body as { error: { code: string } }).error.code, 'ERR_INVALID_TRANSITION');
});

test('a thread filed on a section whose heading was deleted can be tied to a passage', async () => {
  const heading = editorClient.fragment.toArray().find((node) => node.toString().includes('Dự báo tình hình'));
  assert.ok(heading);
  const sectionBlockId = String((heading as unknown as { getAttribute(name: string): unknown }).getAttribute('id'));
  const created = await call('admin', 'POST', '/threads', { body: 'Góp ý cả mục.', sectionBlockId });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  editorClient.fragment.delete(editorClient.fragment.toArray().indexOf(heading), 1);
  const threadId = (created.body as Thread).id;
  await waitFor(() => !editorClient.fragment.toArray().includes(heading), 'deleted locally');
  for (let attempt = 0; attempt < 100 && (await threadNow(threadId)).position.status !== 'orphaned'; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
  const answer = await call('admin', 'PUT', `/threads/${threadId}/anchor`, { anchor: anchorFor(editorClient, 'Tóm lược') });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const thread = answer.body as Thread;
  assert.equal(thread.position.text, 'Tóm lược');
  assert.equal(thread.anchorHistory[0]?.fromQuote, null);
});

test('re-attaching makes a new thread version; one based on a stale version is refused with the current thread', async () => {
  const orphan = (await orphanedThread('trao đổi kinh nghiệm và thông tin')) as Thread & { version: number };
  const path = `/threads/${orphan.id}/anchor`;
  const anchor = anchorFor(editorClient, 'sơ kết vào năm 2027');
  const stale = await call('admin', 'PUT', path, { anchor, expectedVersion: orphan.version + 1 });
  assert.equal(stale.status, 409);
  const refusal = (stale.body as { error: { code: string; current: Thread & { version: number } } }).error;
  assert.equal(refusal.code, 'ERR_THREAD_VERSION_CONFLICT');
  assert.equal(refusal.current.version, orphan.version);
  assert.deepEqual(refusal.current.anchorHistory, [], 'nothing changed');

  const answer = await call('admin', 'PUT', path, { anchor, expectedVersion: orphan.version });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal((answer.body as { version: number }).version, orphan.version + 1);
});
