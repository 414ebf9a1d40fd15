import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 9, item 6: every error answers {"error":{"code","message"}} with the right status,
// JSON types are never coerced, and text that is not well-formed Unicode is refused at input.

let server: TestServer;
let admin: string;
let documentId: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, 'Đề cương thử lỗi');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
});
after(() => server.close());

/** Sends a raw request and returns the status and the parsed body (null when not JSON). */
async function raw(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(server.baseUrl + path, { ...init, headers: { authorization: `Bearer ${admin}`, ...init.headers } });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: null };
  }
}

/** Asserts our error shape, with `code` and `status`. */
function assertError(result: { status: number; body: unknown }, status: number, code: string, label: string): void {
  assert.equal(result.status, status, `${label}: ${JSON.stringify(result.body)}`);
  const error = (result.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  assert.equal(error?.code, code, `${label}: ${JSON.stringify(result.body)}`);
  assert.equal(typeof error?.message, 'string', label);
  assert.deepEqual(Object.keys(result.body as object), ['error'], `${label}: nothing but "error"`);
}

test('a wrong JSON type is a 400, never converted and stored', async () => {
  const thread = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, { token: admin, body: { body: 123, organizationId: 'bo-y-te' } });
  assertError(thread, 400, 'ERR_VALIDATION', 'thread body 123');
  const title = await requestJson(server.baseUrl, 'POST', '/api/documents', { token: admin, body: { title: 125 } });
  assertError(title, 400, 'ERR_VALIDATION', 'title 125');
  const submission = { organizationId: 'bo-y-te', documentNumber: '12/BYT', date: '2026-11-18', signer: 'Thứ trưởng', noComments: true, items: [] };
  const asString = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/submissions`, { token: admin, body: { ...submission, noComments: 'true' } });
  assertError(asString, 400, 'ERR_VALIDATION', 'noComments "true"');
  const asNumber = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/submissions`, { token: admin, body: { ...submission, documentNumber: 125 } });
  assertError(asNumber, 400, 'ERR_VALIDATION', 'documentNumber 125');
  const listed = await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/submissions`, { token: admin });
  assert.deepEqual(listed.body, [], 'nothing was stored');
});

test('query strings still work without coercion, and a wrong query value is a 400', async () => {
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/documents?archived=true', { token: admin })).status, 200);
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/documents?archived=false', { token: admin })).status, 200);
  const audit = await requestJson(server.baseUrl, 'GET', '/api/audit?limit=1', { token: admin });
  assert.equal(audit.status, 200);
  assert.equal((audit.body as unknown[]).length, 1);
  assertError(await requestJson(server.baseUrl, 'GET', '/api/documents?archived=yes', { token: admin }), 400, 'ERR_VALIDATION', 'archived=yes');
  assertError(await requestJson(server.baseUrl, 'GET', '/api/audit?limit=0', { token: admin }), 400, 'ERR_VALIDATION', 'limit=0');
  assertError(await requestJson(server.baseUrl, 'GET', '/api/audit?limit=1001', { token: admin }), 400, 'ERR_VALIDATION', 'limit=1001');
});

test('a body that is not JSON gets 415 ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
  for (const contentType of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded']) {
    const result = await raw('/api/documents', { method: 'POST', headers: { 'content-type': contentType }, body: 'title=x' });
    assertError(result, 415, 'ERR_UNSUPPORTED_MEDIA_TYPE', contentType);
  }
});

test('a body over the limit gets 413 ERR_PAYLOAD_TOO_LARGE', async () => {
  const title = 'x'.repeat(1024 * 1024 + 10);
  const result = await raw('/api/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
  assertError(result, 413, 'ERR_PAYLOAD_TOO_LARGE', 'over BODY_LIMIT_BYTES');
});

test('a broken percent-encoding gets 400 ERR_BAD_URL in our shape', async () => {
  assertError(await raw('/api/documents/%E0%A4%A'), 400, 'ERR_BAD_URL', 'bad URL');
});

test('an over-long id gets an error in our shape: 414 ERR_URI_TOO_LONG when nothing else could match', async () => {
  // Without the built client there is no catch-all static route, so the router itself refuses.
  const bare = await startTestServer({ clientDir: '/nonexistent-client-dir' });
  try {
    const token = await bare.login('admin', bare.adminPassword);
    const response = await fetch(`${bare.baseUrl}/api/documents/${'a'.repeat(200)}`, { headers: { authorization: `Bearer ${token}` } });
    assertError({ status: response.status, body: await response.json() }, 414, 'ERR_URI_TOO_LONG', '200-character id');
  } finally {
    await bare.close();
  }
  const withClient = await raw(`/api/documents/${'a'.repeat(200)}`);
  assert.ok(withClient.status === 404 || withClient.status === 414, String(withClient.status));
  assert.match((withClient.body as { error: { code: string } }).error.code, /^ERR_(NOT_FOUND|URI_TOO_LONG)$/);
});

test('paths that climb out of the web client get 404 in our shape, not 500', async () => {
  for (const path of ['//etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%2e%2e/%2e%2e/package.json', '/assets/no-such-file.js']) {
    assertError(await raw(path), 404, 'ERR_NOT_FOUND', path);
  }
});

test('a lone surrogate is refused at input, in a value or a key', async () => {
  const body = await raw('/api/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Đề cương \\ud800"}' });
  assertError(body, 400, 'ERR_VALIDATION', 'title with a lone surrogate');
  const key = await raw(`/api/documents/${documentId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"\\udc00":1}' });
  assertError(key, 400, 'ERR_VALIDATION', 'a key with a lone surrogate');
  const thread = await raw(`/api/documents/${documentId}/threads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"body":"Góp ý \\udfff cuối","organizationId":"bo-y-te"}',
  });
  assertError(thread, 400, 'ERR_VALIDATION', 'comment with a lone surrogate');
  const pair = await raw('/api/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Đề cương \\ud83d\\udcc4"}' });
  assert.equal(pair.status, 201, 'a proper surrogate pair (an emoji) is fine');
});

test('downloads do not fail on a lone surrogate stored before input was checked', async () => {
  const id = await server.createDocument(admin, 'Tài liệu cũ');
  await server.app.documents.update(id, { title: 'Tài liệu cũ \ud800 hỏng' });
  for (const path of ['synthesis.docx', 'synthesis.csv', 'compare.docx?from=current&to=current', 'compare.html?from=current&to=current']) {
    const response = await fetch(`${server.baseUrl}/api/documents/${id}/${path}`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    const disposition = response.headers.get('content-disposition');
    if (disposition !== null) assert.match(disposition, /%EF%BF%BD/, `${path}: the surrogate is replaced in the file name`);
    await response.arrayBuffer();
  }
});
