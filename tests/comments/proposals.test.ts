import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor, findParagraph } from './helpers.ts';

// Issue 11, point 4: wording a ministry proposes goes into the live draft with one click, as
// one attributed change that open editors receive, and can be taken back.

let server: TestServer;
let documentId: string;
let editor: TestClient;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

interface Thread {
  id: string;
  version: number;
  anchor: { quote: string } | null;
  position: { status: string; text: string };
  proposal: { text: string; appliedAt: string | null; appliedBy: { displayName: string } | null; diff: Array<{ op: string; text: string }> } | null;
  history: Array<{ status: string; event?: string; by: { displayName: string } }>;
}

before(async () => {
  server = await startTestServer();
  tokens.admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(tokens.admin, 'Chiến lược', 'nts-2030-2045');
  ids.byt = await server.createUser(tokens.admin, { username: 'byt', password: 'pw-byt-1', displayName: 'Người Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' });
  ids.btc = await server.createUser(tokens.admin, { username: 'btc', password: 'pw-btc-1', displayName: 'Người Bộ Tài chính', role: 'ministry', organizationId: 'bo-tai-chinh' });
  tokens.byt = await server.login('byt', 'pw-byt-1');
  tokens.btc = await server.login('btc', 'pw-btc-1');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: tokens.admin, body: { members: [], organizations: ['bo-y-te', 'bo-tai-chinh'] } });
  editor = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(editor);
});
after(async () => {
  editor.destroy();
  await server.close();
});

const as = (who: string, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

const paragraphText = (needle: string): string => findParagraph(editor, needle).text.toString();

test('a ministry proposes wording when commenting or later; only its organisation (or the secretariat) may', async () => {
  const created = (await as('byt', 'POST', '/threads', { body: 'Nên nêu rõ hơn.', anchor: anchorFor(editor, 'thiên tai cực đoan'), proposal: 'thiên tai và dịch bệnh cực đoan' })).body as Thread;
  assert.equal(created.proposal?.text, 'thiên tai và dịch bệnh cực đoan');
  assert.equal(created.proposal?.appliedAt, null);
  // The desk shows it word by word against the passage as it stands.
  const diff = created.proposal?.diff ?? [];
  assert.equal(diff.map((step) => (step.op === 'delete' ? '' : step.text)).join(''), 'thiên tai và dịch bệnh cực đoan');
  assert.equal(diff.map((step) => (step.op === 'insert' ? '' : step.text)).join(''), 'thiên tai cực đoan');
  assert.deepEqual(diff.filter((step) => step.op !== 'equal').map((step) => [step.op, step.text.trim()]), [['insert', 'và dịch bệnh']]);
  const plain = (await as('byt', 'POST', '/threads', { body: 'Góp ý khác.', anchor: anchorFor(editor, 'khủng bố') })).body as Thread;
  assert.equal(plain.proposal, null);
  assert.equal((await as('btc', 'PUT', `/threads/${plain.id}/proposal`, { text: 'x' })).status, 404, 'another ministry does not see it');
  const later = await as('byt', 'PUT', `/threads/${plain.id}/proposal`, { text: 'khủng bố quốc tế', expectedVersion: 1 });
  assert.equal(later.status, 200);
  assert.equal((later.body as Thread).proposal?.text, 'khủng bố quốc tế');
  assert.equal((later.body as Thread).version, 2);
  assert.equal((await as('byt', 'PUT', `/threads/${plain.id}/proposal`, { text: 'a\nb' })).status, 400, 'one line only');
  const withdrawn = (await as('byt', 'PUT', `/threads/${plain.id}/proposal`, { text: null })).body as Thread;
  assert.equal(withdrawn.proposal, null);
});

test('applying an accepted proposal: one update to an open editor, attributed, recorded, audited; revert restores the old text', async () => {
  const before = paragraphText('đe dọa an ninh phi truyền thống');
  const passage = 'đe dọa an ninh phi truyền thống';
  const thread = (await as('byt', 'POST', '/threads', { body: 'Đề nghị sửa.', anchor: anchorFor(editor, passage), proposal: 'mối đe dọa an ninh phi truyền thống (SỬA THEO ĐỀ NGHỊ)' })).body as Thread;

  assert.equal((await as('admin', 'POST', `/threads/${thread.id}/proposal/apply`, {})).status, 409, 'not before the comment is accepted');
  const accepted = (await as('admin', 'POST', `/threads/${thread.id}/status`, { status: 'accepted', explanation: 'Tiếp thu.' })).body as Thread;
  assert.equal((await as('byt', 'POST', `/threads/${thread.id}/proposal/apply`, {})).status, 403, 'only the secretariat applies');

  const updates: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array): void => {
    updates.push(update);
  };
  editor.doc.on('update', onUpdate);
  const applied = await as('admin', 'POST', `/threads/${thread.id}/proposal/apply`, { expectedVersion: accepted.version });
  assert.equal(applied.status, 200, JSON.stringify(applied.body));
  await waitFor(() => paragraphText('SỬA THEO ĐỀ NGHỊ').includes('mối đe dọa an ninh phi truyền thống (SỬA THEO ĐỀ NGHỊ)'), 'the editor receives the proposal');
  editor.doc.off('update', onUpdate);
  assert.equal(updates.length, 1, 'received as one update');
  assert.equal(paragraphText('SỬA THEO ĐỀ NGHỊ'), before.replace(passage, 'mối đe dọa an ninh phi truyền thống (SỬA THEO ĐỀ NGHỊ)'));

  // Attributed to the secretariat: the update's new client id belongs to the admin account.
  const [clientId] = [...Y.parseUpdateMeta(updates[0] as Uint8Array).to.keys()].filter((id) => id !== editor.doc.clientID);
  assert.ok(clientId !== undefined);
  const admin = server.app.auth.findUser('admin') ?? server.app.store.records.read((data) => data.users.find((user) => user.username === 'admin'));
  assert.equal(server.app.authorship.authorOf(documentId, clientId), admin?.id);

  const recorded = applied.body as Thread;
  assert.equal(recorded.proposal?.appliedBy?.displayName, 'Quản trị viên');
  assert.ok(recorded.proposal?.appliedAt);
  assert.equal(recorded.history.at(-1)?.event, 'proposal_applied');
  assert.equal(recorded.position.status, 'active');
  assert.equal(recorded.position.text, 'mối đe dọa an ninh phi truyền thống (SỬA THEO ĐỀ NGHỊ)', 'the thread now points at the new words');
  assert.equal((await as('admin', 'POST', `/threads/${thread.id}/proposal/apply`, {})).status, 409, 'applied once only');
  assert.equal((await as('byt', 'PUT', `/threads/${thread.id}/proposal`, { text: 'khác' })).status, 409, 'an applied proposal is not changed under the draft');

  const audit = (await server.app.audit.list({ documentId, limit: 50 })).entries;
  assert.ok(audit.some((entry) => entry.action === 'proposal.applied' && entry.details.threadId === thread.id));

  // Undo: the passage becomes what it was, again as one change everyone receives.
  const reverted = await as('admin', 'POST', `/threads/${thread.id}/proposal/revert`, { expectedVersion: recorded.version });
  assert.equal(reverted.status, 200, JSON.stringify(reverted.body));
  await waitFor(() => findParagraph(editor, passage).text.toString() === before, 'the editor gets the old text back');
  assert.equal((reverted.body as Thread).proposal?.appliedAt, null);
  assert.equal((reverted.body as Thread).history.at(-1)?.event, 'proposal_reverted');
  assert.equal((reverted.body as Thread).position.text, passage);
  assert.ok((await server.app.audit.list({ documentId, limit: 50 })).entries.some((entry) => entry.action === 'proposal.reverted'));
});

test('a passage edited since is not overwritten by a revert, and a stale version is refused', async () => {
  const passage = 'khủng bố';
  const thread = (await as('byt', 'POST', '/threads', { body: 'Sửa.', anchor: anchorFor(editor, passage), proposal: 'khủng bố mạng' })).body as Thread;
  const accepted = (await as('admin', 'POST', `/threads/${thread.id}/status`, { status: 'accepted' })).body as Thread;
  const stale = await as('admin', 'POST', `/threads/${thread.id}/proposal/apply`, { expectedVersion: accepted.version - 1 });
  assert.equal(stale.status, 409);
  assert.equal((stale.body as { error: { code: string } }).error.code, 'ERR_THREAD_VERSION_CONFLICT');
  assert.equal((await as('admin', 'POST', `/threads/${thread.id}/proposal/apply`, { expectedVersion: accepted.version })).status, 200);
  await waitFor(() => paragraphText('khủng bố mạng').includes('khủng bố mạng'), 'applied');
  // Someone edits inside the applied words.
  const { text } = findParagraph(editor, 'khủng bố mạng');
  text.insert(text.toString().indexOf('khủng bố mạng') + 'khủng bố '.length, 'không gian ');
  const shared = await server.app.collab.open(documentId);
  await waitFor(() => shared.doc.getXmlFragment('prosemirror').toString().includes('khủng bố không gian mạng'), 'the server has the edit');
  const refused = await as('admin', 'POST', `/threads/${thread.id}/proposal/revert`, {});
  assert.equal(refused.status, 409);
  assert.equal((refused.body as { error: { code: string } }).error.code, 'ERR_PROPOSAL_NOT_APPLICABLE');
  assert.ok(paragraphText('không gian mạng').includes('khủng bố không gian mạng'), 'the later edit stands');
});
