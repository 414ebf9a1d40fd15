import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let token: string;

before(async () => {
  server = await startTestServer();
  token = await server.login('admin', server.adminPassword);
});
after(() => server.close());

const codeOf = (body: unknown): string | undefined => (body as { error?: { code?: string } } | null)?.error?.code;

test('documents need a session', async () => {
  for (const [method, path] of [['GET', '/api/documents'], ['GET', '/api/documents/abc'], ['POST', '/api/documents'], ['GET', '/api/templates']] as const) {
    const result = await requestJson(server.baseUrl, method, path, method === 'POST' ? { body: { title: 'x' } } : {});
    assert.equal(result.status, 401, `${method} ${path}`);
    assert.equal(codeOf(result.body), 'ERR_UNAUTHENTICATED');
  }
});

test('create, read, rename with NFC, archive and unarchive a document', async () => {
  const created = await requestJson(server.baseUrl, 'POST', '/api/documents', { token, body: { title: '  Đề cương  ' } });
  assert.equal(created.status, 201);
  const document = created.body as { id: string; title: string; archived: boolean };
  assert.equal(document.title, 'Đề cương');
  assert.equal(document.archived, false);

  const nfd = 'Dự thảo lần 2'.normalize('NFD');
  const renamed = await requestJson(server.baseUrl, 'PATCH', `/api/documents/${document.id}`, { token, body: { title: nfd } });
  assert.equal(renamed.status, 200);
  assert.equal((renamed.body as { title: string }).title, 'Dự thảo lần 2'.normalize('NFC'));

  const archived = await requestJson(server.baseUrl, 'PATCH', `/api/documents/${document.id}`, { token, body: { archived: true } });
  assert.equal((archived.body as { archived: boolean }).archived, true);
  const active = await requestJson(server.baseUrl, 'GET', '/api/documents', { token });
  assert.ok(!(active.body as Array<{ id: string }>).some((d) => d.id === document.id), 'archived documents leave the main list');
  const archivedList = await requestJson(server.baseUrl, 'GET', '/api/documents?archived=true', { token });
  assert.ok((archivedList.body as Array<{ id: string }>).some((d) => d.id === document.id));

  await requestJson(server.baseUrl, 'PATCH', `/api/documents/${document.id}`, { token, body: { archived: false } });
  const fetched = await requestJson(server.baseUrl, 'GET', `/api/documents/${document.id}`, { token });
  assert.equal(fetched.status, 200);
  assert.equal((fetched.body as { archived: boolean }).archived, false);
});

test('bad input gets a clear error with a stable code', async () => {
  const blank = await requestJson(server.baseUrl, 'POST', '/api/documents', { token, body: { title: '   ' } });
  assert.equal(blank.status, 400);
  assert.equal(codeOf(blank.body), 'ERR_VALIDATION');
  const extra = await requestJson(server.baseUrl, 'POST', '/api/documents', { token, body: { title: 'x', owner: 'me' } });
  assert.equal(extra.status, 400);
  const unknown = await requestJson(server.baseUrl, 'GET', '/api/documents/doesNotExist', { token });
  assert.equal(unknown.status, 404);
  assert.equal(codeOf(unknown.body), 'ERR_DOCUMENT_NOT_FOUND');
  const traversal = await requestJson(server.baseUrl, 'GET', `/api/documents/${encodeURIComponent('../records')}`, { token });
  assert.equal(traversal.status, 400);
  const emptyPatch = await requestJson(server.baseUrl, 'PATCH', '/api/documents/abc', { token, body: {} });
  assert.equal(emptyPatch.status, 400);

  const malformed = await fetch(`${server.baseUrl}/api/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{"title": ',
  });
  assert.equal(malformed.status, 400);
  assert.equal(codeOf(await malformed.json()), 'ERR_MALFORMED_JSON');

  const huge = await fetch(`${server.baseUrl}/api/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }),
  });
  assert.equal(huge.status, 413);
  assert.equal(codeOf(await huge.json()), 'ERR_PAYLOAD_TOO_LARGE');

  // The server keeps serving.
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/health')).status, 200);
});
