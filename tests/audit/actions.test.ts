import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor } from '../comments/helpers.ts';
import { AUDIT_ACTIONS } from '../../server/audit/schemas.ts';

let server: TestServer;
let documentId: string;
let reader: TestClient;
const tokens: Record<string, string> = {};

before(async () => {
  server = await startTestServer();
  tokens.admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(tokens.admin, 'Chiến lược', 'nts-2030-2045');
  await server.createUser(tokens.admin, { username: 'byt', password: 'pw-byt-long', displayName: 'Cán bộ Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' });
  tokens.byt = await server.login('byt', 'pw-byt-long');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: tokens.admin, body: { members: [], organizations: ['bo-y-te'] } });
  reader = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(reader);
});
after(async () => {
  reader?.destroy();
  await server?.close();
});

const as = async (who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });
const ok = async (who: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
  const answer = await as(who, method, path, body);
  assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, unknown>;
};
const fetchOk = async (path: string): Promise<void> => {
  const response = await fetch(`${server.baseUrl}/api/documents/${documentId}${path}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
  assert.equal(response.status, 200, path);
  await response.arrayBuffer();
};

interface Entry {
  action: string;
  actor: { displayName: string } | null;
  documentId: string | null;
  details: Record<string, unknown>;
}
const audit = async (query: string): Promise<Entry[]> => {
  const answer = await requestJson(server.baseUrl, 'GET', `/api/audit?documentId=${documentId}&limit=500${query}`, { token: tokens.admin });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as Entry[];
};

test('revisions, restores, decisions, explanations, submissions, settings, set-asides and exports are each in the audit log, filterable by action', async () => {
  const revision = await ok('admin', 'POST', '/revisions', { name: 'Dự thảo lần 1' });
  await ok('admin', 'POST', `/revisions/${String(revision.id)}/restore`);
  const thread = await ok('byt', 'POST', '/threads', { body: 'Bổ sung dịch bệnh.', anchor: anchorFor(reader, 'thiên tai cực đoan') });
  const other = await ok('byt', 'POST', '/threads', { body: 'Bổ sung dịch bệnh nữa.', anchor: anchorFor(reader, 'thiên tai cực đoan') });
  await ok('admin', 'POST', `/threads/${String(thread.id)}/status`, { status: 'partially_accepted', explanation: 'Tiếp thu phần dịch bệnh.' });
  await ok('admin', 'POST', `/threads/${String(thread.id)}/status`, { status: 'partially_accepted', explanation: 'Tiếp thu phần dịch bệnh truyền nhiễm.' });
  await ok('byt', 'POST', '/submissions', { documentNumber: '12/BYT-PC', date: '2026-11-18', signer: 'Thứ trưởng', noComments: true, items: [] });
  await ok('admin', 'PUT', '/comment-settings', { visibility: 'all_participants' });
  await ok('admin', 'PUT', `/threads/${String(other.id)}/set-aside`, { reason: 'duplicate', duplicateOf: thread.id });
  await ok('admin', 'DELETE', `/threads/${String(other.id)}/set-aside`);
  await fetchOk('/compare.docx?from=current&to=current');
  await fetchOk('/compare.html?from=current&to=current');
  await fetchOk('/synthesis.docx');
  await fetchOk('/synthesis.csv');
  // `proposal.applied` is written by the proposal route (issue 11 point 4), which records it the same way.
  await server.app.audit.record('proposal.applied', null, documentId, { threadId: String(thread.id) });

  const entries = await audit('');
  const find = (action: string, details: Record<string, unknown> = {}): Entry | undefined =>
    entries.find((entry) => entry.action === action && Object.entries(details).every(([key, value]) => entry.details[key] === value));
  const expected: Array<[string, Record<string, unknown>]> = [
    ['revision.created', { revisionId: revision.id, revisionName: 'Dự thảo lần 1' }],
    ['revision.restored', { revisionId: revision.id, revisionName: 'Dự thảo lần 1' }],
    ['thread.status_changed', { threadId: thread.id, previousStatus: 'open', status: 'partially_accepted', explanation: 'Tiếp thu phần dịch bệnh.' }],
    ['thread.explanation_changed', { threadId: thread.id, status: 'partially_accepted', explanation: 'Tiếp thu phần dịch bệnh truyền nhiễm.' }],
    ['submission.filed', { organizationId: 'bo-y-te', documentNumber: '12/BYT-PC', noComments: true, items: 0 }],
    ['comments.settings_changed', { visibility: 'all_participants', previousVisibility: 'own_organization' }],
    ['thread.set_aside', { threadId: other.id, reason: 'duplicate', duplicateOf: thread.id }],
    ['thread.set_aside_undone', { threadId: other.id }],
    ['export.comparison', { format: 'docx', fromRef: 'current', toRef: 'current' }],
    ['export.comparison', { format: 'html' }],
    ['export.synthesis', { format: 'docx' }],
    ['export.synthesis', { format: 'csv' }],
    ['proposal.applied', { threadId: thread.id }],
  ];
  for (const [action, details] of expected) {
    const entry = find(action, details);
    assert.ok(entry, `${action} ${JSON.stringify(details)} in ${entries.map((candidate) => candidate.action).join(' ')}`);
    assert.equal(entry.documentId, documentId);
    if (action !== 'proposal.applied') assert.ok(entry.actor !== null, `${action} names who`);
  }
  assert.equal(find('submission.filed')?.actor?.displayName, 'Cán bộ Bộ Y tế');
  assert.equal(find('thread.status_changed')?.actor?.displayName, 'Quản trị viên');
  for (const [action] of expected) assert.ok((AUDIT_ACTIONS as readonly string[]).includes(action), `${action} is a known action`);

  // Filters: a prefix, an exact name, several at once.
  const threadOnly = await audit('&action=thread.');
  assert.deepEqual([...new Set(threadOnly.map((entry) => entry.action))].sort(), ['thread.explanation_changed', 'thread.set_aside', 'thread.set_aside_undone', 'thread.status_changed']);
  const synthesis = await audit('&action=export.synthesis');
  assert.deepEqual(synthesis.map((entry) => entry.details.format), ['csv', 'docx']);
  const mixed = await audit('&action=revision.,export.synthesis');
  assert.deepEqual(mixed.map((entry) => entry.action), ['export.synthesis', 'export.synthesis', 'revision.restored', 'revision.created']);
  const refused = await requestJson(server.baseUrl, 'GET', '/api/audit?action=Thread*', { token: tokens.admin });
  assert.equal(refused.status, 400);
});
