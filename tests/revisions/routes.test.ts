import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer({ checkpointIdleMs: 150 });
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

interface Revision {
  id: string;
  threadCount: number;
  kind: string;
  name: string;
  reason: string;
  stateBytes: number;
  storedBytes: number;
  restoredFrom: string | null;
}

interface CompareBody {
  from: { label: string };
  to: { label: string };
  comparison: {
    summary: { sections: Record<string, number>; blocks: Record<string, number>; words: { inserted: number; deleted: number } };
    blocks: Array<{ id: string; status: string; ops: Array<{ op: string; text: string; authors?: string[] }> }>;
  };
}

const revisionsOf = async (documentId: string, token = admin): Promise<Revision[]> =>
  (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/revisions`, { token })).body as Revision[];

const freeze = async (documentId: string, name: string): Promise<Revision> => {
  const result = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name, note: 'ghi chú' } });
  assert.equal(result.status, 201, JSON.stringify(result.body));
  return result.body as Revision;
};

/** Appends a paragraph through a live client. */
function type(client: TestClient, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('id', `p-${Math.random().toString(36).slice(2, 10)}`);
  paragraph.insert(0, [new Y.XmlText(text)]);
  client.fragment.insert(client.fragment.length, [paragraph]);
}

test('the secretariat freezes a named revision; it is listed with its storage cost and can be read', async () => {
  const documentId = await server.createDocument(admin, 'Đề cương', 'nts-2030-2045');
  const revision = await freeze(documentId, 'Dự thảo lần 1');
  assert.equal(revision.kind, 'named');
  assert.ok(revision.stateBytes > 1000 && revision.storedBytes > 0 && revision.storedBytes < revision.stateBytes, 'stored compressed');
  assert.deepEqual((await revisionsOf(documentId)).map((r) => r.name), ['Dự thảo lần 1']);
  const read = await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/revisions/${revision.id}`, { token: admin });
  assert.equal(read.status, 200);
  const content = (read.body as { content: { content: Array<{ type: string; attrs?: { id?: string } }> } }).content;
  assert.ok(content.content.some((node) => node.type === 'heading'));
  assert.ok(content.content.every((node) => typeof node.attrs?.id === 'string'), 'block ids are kept');
  assert.equal((await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/revisions/nope`, { token: admin })).status, 404);

  // Threads filed against the revision are listed with it.
  const section = content.content.find((node) => node.type === 'heading')?.attrs?.id;
  const filed = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
    token: admin,
    body: { body: 'Góp ý cho Dự thảo lần 1', sectionBlockId: section, revisionId: revision.id },
  });
  assert.equal(filed.status, 201);
  assert.equal((await revisionsOf(documentId))[0]?.threadCount, 1);
  const listed = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/threads?revisionId=${revision.id}`, { token: admin })).body as {
    threads: Array<{ comments: Array<{ body: string }> }>;
  };
  assert.deepEqual(listed.threads.map((thread) => thread.comments[0]?.body), ['Góp ý cho Dự thảo lần 1']);
});

test('who may freeze, read, compare and restore', async () => {
  const documentId = await server.createDocument(admin, 'Quyền');
  const revision = await freeze(documentId, 'Dự thảo lần 1');
  await server.createUser(admin, { username: 'bct', password: 'mat-khau-bct', displayName: 'Bộ Công Thương', role: 'ministry', organizationId: 'bo-cong-thuong' });
  const ministry = await server.login('bct', 'mat-khau-bct');
  assert.equal((await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/revisions`, { token: ministry })).status, 403, 'not invited');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-cong-thuong'] } });
  assert.equal((await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/revisions`, { token: ministry })).status, 200);
  assert.equal((await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/compare?from=${revision.id}&to=current`, { token: ministry })).status, 200);
  assert.equal((await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: ministry, body: { name: 'x' } })).status, 403);
  assert.equal((await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions/${revision.id}/restore`, { token: ministry })).status, 403);
  assert.equal((await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/compare?from=../x&to=current`, { token: admin })).status, 400);
});

test('automatic checkpoints: after a pause in editing, and when the last editor leaves', async () => {
  const documentId = await server.createDocument(admin, 'Điểm lưu');
  const client = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(client);
  type(client, 'Đoạn thứ nhất');
  let checkpoints: Revision[] = [];
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    checkpoints = (await revisionsOf(documentId)).filter((r) => r.kind === 'checkpoint');
    if (checkpoints.length >= 1) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(checkpoints.map((r) => r.reason), ['idle']);
  type(client, 'Đoạn thứ hai');
  client.destroy();
  const later = Date.now() + 5000;
  while (Date.now() < later) {
    checkpoints = (await revisionsOf(documentId)).filter((r) => r.kind === 'checkpoint');
    if (checkpoints.length >= 2) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(checkpoints.length >= 2, 'a second checkpoint after the second edit');
  assert.ok(['last_editor_left', 'idle'].includes(checkpoints[0]?.reason ?? ''));
  // No change, no new checkpoint.
  const count = (await revisionsOf(documentId)).length;
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal((await revisionsOf(documentId)).length, count);
});

test('restore with two live clients: both show the restored content at once, and a later comparison shows one change', async () => {
  const documentId = await server.createDocument(admin, 'Khôi phục', 'nts-2030-2045');
  const a = connectClient(server.wsUrl, documentId, admin);
  const b = connectClient(server.wsUrl, documentId, admin);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  const original = contentOf(a);
  const revision = await freeze(documentId, 'Dự thảo lần 2');

  type(a, 'Đoạn sẽ bị bỏ khi khôi phục');
  a.fragment.delete(1, 2);
  await waitFor(() => contentOf(b) === contentOf(a), 'b follows a');
  assert.notEqual(contentOf(b), original);

  let updatesSeenByB = 0;
  b.doc.on('update', () => (updatesSeenByB += 1));
  const restored = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions/${revision.id}/restore`, { token: admin });
  assert.equal(restored.status, 200);
  assert.equal((restored.body as Revision).restoredFrom, revision.id);
  await waitFor(() => contentOf(a) === original && contentOf(b) === original, 'both clients show the restored content');
  assert.equal(updatesSeenByB, 1, 'the restore arrives as one change');

  const sameAsRevision = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/compare?from=${revision.id}&to=current`, { token: admin })).body as CompareBody;
  assert.equal(sameAsRevision.comparison.summary.words.inserted + sameAsRevision.comparison.summary.words.deleted, 0);
  assert.ok(sameAsRevision.comparison.blocks.every((block) => block.status === 'unchanged'), 'restored content equals the revision');

  const revisions = await revisionsOf(documentId);
  const before = revisions.find((r) => r.reason === 'before_restore');
  assert.ok(before, 'the state before the restore is kept');
  const undoneChange = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/compare?from=${before.id}&to=current`, { token: admin })).body as CompareBody;
  const changed = undoneChange.comparison.blocks.filter((block) => block.status !== 'unchanged');
  assert.deepEqual(
    changed.map((block) => block.status).sort(),
    ['added', 'added', 'removed'],
    'the restore brings back the two deleted blocks and drops the typed one',
  );
  a.destroy();
  b.destroy();
});

test('comparison names who wrote each insertion, and the exports download', async () => {
  const documentId = await server.createDocument(admin, 'Tác giả');
  const lanId = await server.createUser(admin, { username: 'lan2', password: 'mat-khau-lan', displayName: 'Trần Lan', role: 'editor' });
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [lanId], organizations: [] } });
  const first = await freeze(documentId, 'Bản trống');
  const secretary = connectClient(server.wsUrl, documentId, admin);
  const lan = connectClient(server.wsUrl, documentId, await server.login('lan2', 'mat-khau-lan'));
  await Promise.all([waitSynced(secretary), waitSynced(lan)]);
  type(secretary, 'Ý kiến của Ban thư ký');
  type(lan, 'Góp ý của thành viên');
  await waitFor(() => contentOf(secretary) === contentOf(lan) && secretary.fragment.length >= 2, 'both edits everywhere');
  await new Promise((resolve) => setTimeout(resolve, 100));

  const result = await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/compare?from=${first.id}&to=current`, { token: admin });
  assert.equal(result.status, 200);
  const body = result.body as CompareBody;
  assert.equal(body.from.label, 'Bản trống');
  assert.equal(body.to.label, 'Bản hiện hành');
  const inserts = body.comparison.blocks.flatMap((block) => block.ops.filter((op) => op.op === 'insert'));
  const authorsOf = (text: string): string[] => inserts.find((op) => op.text.includes(text))?.authors ?? [];
  assert.deepEqual(authorsOf('Ban thư ký'), ['Quản trị viên']);
  assert.deepEqual(authorsOf('thành viên'), ['Trần Lan']);

  const docx = await fetch(`${server.baseUrl}/api/documents/${documentId}/compare.docx?from=${first.id}&to=current`, { headers: { authorization: `Bearer ${admin}` } });
  assert.equal(docx.status, 200);
  assert.match(docx.headers.get('content-type') ?? '', /wordprocessingml/);
  assert.match(docx.headers.get('content-disposition') ?? '', /filename\*=UTF-8''T%C3%A1c%20gi%E1%BA%A3/);
  assert.equal(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  const html = await fetch(`${server.baseUrl}/api/documents/${documentId}/compare.html?from=${first.id}&to=current`, { headers: { authorization: `Bearer ${admin}` } });
  assert.equal(html.status, 200);
  assert.match(await html.text(), /Góp ý của thành viên/);
  secretary.destroy();
  lan.destroy();
});
