import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { closeCodeWithin, openRawSocket } from '../helpers/raw-socket.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import WebSocket from 'ws';

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

const codeOf = (body: unknown): string | undefined => (body as { error?: { code?: string } } | null)?.error?.code;

test('the secretariat edits an account: display name, role, organisation', async () => {
  const id = await server.createUser(admin, { username: 'hoa', password: 'mat-khau-hoa', displayName: 'Lê Thị Hoa', role: 'editor' });
  const edited = await requestJson(server.baseUrl, 'PATCH', `/api/users/${id}`, {
    token: admin,
    body: { displayName: 'Lê Thị Hoà', role: 'ministry', organizationId: 'bo-tai-chinh' },
  });
  assert.equal(edited.status, 200);
  assert.deepEqual(
    { name: (edited.body as { displayName: string }).displayName, role: (edited.body as { role: string }).role, org: (edited.body as { organizationId: string }).organizationId },
    { name: 'Lê Thị Hoà', role: 'ministry', org: 'bo-tai-chinh' },
  );
  const orphan = await requestJson(server.baseUrl, 'PATCH', `/api/users/${id}`, { token: admin, body: { organizationId: null } });
  assert.equal(orphan.status, 400, 'a ministry account needs an organisation');
  const unknownOrg = await requestJson(server.baseUrl, 'PATCH', `/api/users/${id}`, { token: admin, body: { organizationId: 'no-such-org' } });
  assert.equal(codeOf(unknownOrg.body), 'ERR_ORGANIZATION_NOT_FOUND');
  const unknownUser = await requestJson(server.baseUrl, 'PATCH', '/api/users/nobody', { token: admin, body: { disabled: true } });
  assert.equal(codeOf(unknownUser.body), 'ERR_USER_NOT_FOUND');
});

test('the last active secretariat cannot be disabled or demoted', async () => {
  const me = (await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token: admin })).body as { user: { id: string } };
  for (const body of [{ disabled: true }, { role: 'editor' }]) {
    const result = await requestJson(server.baseUrl, 'PATCH', `/api/users/${me.user.id}`, { token: admin, body });
    assert.equal(result.status, 409);
    assert.equal(codeOf(result.body), 'ERR_LAST_SECRETARIAT');
  }
});

test("a disabled account's token stops working at once, and its open socket is closed", async () => {
  const id = await server.createUser(admin, { username: 'tam', password: 'mat-khau-tam', displayName: 'Phạm Tâm', role: 'editor' });
  const token = await server.login('tam', 'mat-khau-tam');
  const documentId = await server.createDocument(admin, 'Tài liệu của Tâm');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [id], organizations: [] } });
  const socket = await openRawSocket(server.wsUrl, documentId, token);
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token })).status, 200);

  const disabled = await requestJson(server.baseUrl, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: true } });
  assert.equal(disabled.status, 200);
  assert.equal(await closeCodeWithin(socket, 2000), 4401, 'the socket is closed at once with 4401');
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token })).status, 401);
  assert.equal((await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: 'tam', password: 'mat-khau-tam' } })).status, 401);
  await assert.rejects(openRawSocket(server.wsUrl, documentId, token), /401/);

  await requestJson(server.baseUrl, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: false } });
  assert.equal((await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: 'tam', password: 'mat-khau-tam' } })).status, 200);
});

test('a password reset revokes sessions; changing one’s own password keeps only the current session', async () => {
  const id = await server.createUser(admin, { username: 'son', password: 'mat-khau-son', displayName: 'Đỗ Sơn', role: 'observer' });
  const first = await server.login('son', 'mat-khau-son');
  const reset = await requestJson(server.baseUrl, 'POST', `/api/users/${id}/password`, { token: admin, body: { password: 'mat-khau-moi-1' } });
  assert.equal(reset.status, 204);
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token: first })).status, 401);

  const current = await server.login('son', 'mat-khau-moi-1');
  const other = await server.login('son', 'mat-khau-moi-1');
  const wrong = await requestJson(server.baseUrl, 'POST', '/api/auth/password', { token: current, body: { currentPassword: 'sai', newPassword: 'mat-khau-moi-2' } });
  assert.equal(wrong.status, 401);
  const short = await requestJson(server.baseUrl, 'POST', '/api/auth/password', { token: current, body: { currentPassword: 'mat-khau-moi-1', newPassword: 'ngan' } });
  assert.equal(short.status, 400);
  const changed = await requestJson(server.baseUrl, 'POST', '/api/auth/password', { token: current, body: { currentPassword: 'mat-khau-moi-1', newPassword: 'mat-khau-moi-2' } });
  assert.equal(changed.status, 204);
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token: current })).status, 200, 'current session stays');
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token: other })).status, 401, 'other sessions are revoked');
  assert.equal((await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: 'son', password: 'mat-khau-moi-2' } })).status, 200);
});

test('only the secretariat manages accounts', async () => {
  await server.createUser(admin, { username: 'viet', password: 'mat-khau-viet', displayName: 'Viết', role: 'editor' });
  const editor = await server.login('viet', 'mat-khau-viet');
  for (const [method, path, body] of [
    ['GET', '/api/users', undefined],
    ['POST', '/api/users', { username: 'x9', password: 'password9', displayName: 'X', role: 'secretariat' }],
    ['PATCH', '/api/users/abc', { disabled: true }],
    ['POST', '/api/users/abc/password', { password: 'password9' }],
  ] as const) {
    const result = await requestJson(server.baseUrl, method, path, { token: editor, body });
    assert.equal(result.status, 403, `${method} ${path}`);
  }
});

test('the session cookie alone cannot change anything without the CSRF token', async () => {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  const csrf = cookies.find((cookie) => cookie.startsWith('draftroom_csrf='))?.split('=')[1] ?? '';
  assert.ok(csrf.length > 20, 'a readable CSRF cookie is set');
  assert.ok(login.headers.getSetCookie().some((c) => c.startsWith('draftroom_csrf=') && !/HttpOnly/i.test(c)));
  const cookieHeader = cookies.join('; ');
  const post = (headers: Record<string, string>) =>
    fetch(`${server.baseUrl}/api/documents`, {
      method: 'POST',
      headers: { cookie: cookieHeader, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ title: 'CSRF' }),
    });
  const without = await post({});
  assert.equal(without.status, 403);
  assert.equal(codeOf(await without.json()), 'ERR_CSRF');
  assert.equal((await post({ 'x-csrf-token': 'forged' })).status, 403);
  assert.equal((await post({ 'x-csrf-token': csrf })).status, 201);
  // Reading needs no token.
  assert.equal((await fetch(`${server.baseUrl}/api/documents`, { headers: { cookie: cookieHeader } })).status, 200);
});

test('security headers are set', async () => {
  const response = await fetch(`${server.baseUrl}/api/health`);
  const policy = response.headers.get('content-security-policy') ?? '';
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self'/);
  assert.doesNotMatch(policy, /upgrade-insecure-requests/, 'plain HTTP on a LAN keeps working');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(response.headers.get('x-frame-options'));
});

test('the WebSocket accepts the session cookie as well as ?token', async () => {
  const documentId = await server.createDocument(admin, 'Cookie');
  const viaCookie = new WebSocket(`${server.wsUrl}/${documentId}`, { headers: { cookie: `draftroom_session=${admin}` } });
  await new Promise<void>((resolve, reject) => {
    viaCookie.once('open', () => resolve());
    viaCookie.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
  });
  viaCookie.close();
  const viaToken = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(viaToken);
  viaToken.destroy();
});
