import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { ERROR_CODES } from '../../server/errors.ts';
import { CloseCodes } from '../../server/collab/close-codes.ts';
import WebSocket from 'ws';

/** The HTTP status the server answers a WebSocket upgrade with (101 when it upgrades). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', (error) => reject(error));
  });
}

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('GET /api/health answers {"status":"ok"}', async () => {
  const result = await requestJson(server.baseUrl, 'GET', '/api/health');
  assert.equal(result.status, 200);
  assert.deepEqual(result.body, { status: 'ok' });
});

test('login gives a token and an HttpOnly cookie; the token and the cookie both work', async () => {
  const response = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { token: string; user: Record<string, unknown> };
  assert.equal(body.user.username, 'admin');
  assert.equal(body.user.role, 'secretariat');
  assert.equal('passwordHash' in body.user, false, 'no credentials leak');
  const cookie = response.headers.get('set-cookie') ?? '';
  assert.match(cookie, /draftroom_session=/);
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);

  const viaBearer = await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token: body.token });
  assert.equal(viaBearer.status, 200);
  const viaCookie = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
  assert.equal(viaCookie.status, 200);

  const logout = await fetch(`${server.baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
  assert.equal(logout.status, 204);
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/auth/me', { token: body.token })).status, 401, 'logout revokes the token');
});

test('wrong credentials get 401, and many wrong attempts get 429', async () => {
  const wrong = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'not-it' } });
  assert.equal(wrong.status, 401);
  assert.equal((wrong.body as { error: { code: string } }).error.code, 'ERR_INVALID_CREDENTIALS');
  const unknown = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'x' } });
  assert.equal(unknown.status, 401);
  let last = 0;
  for (let i = 0; i < 12; i++) {
    last = (await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: 'victim', password: `guess-${i}` } })).status;
  }
  assert.equal(last, 429);
});

test('the secretariat creates accounts; a Vietnamese display name is stored as NFC', async () => {
  const token = await server.login('admin', server.adminPassword);
  const nfd = 'Nguyễn Văn Bình'.normalize('NFD');
  const id = await server.createUser(token, { username: 'binh', password: 'mat-khau-dai', displayName: nfd, role: 'editor' });
  const users = await requestJson(server.baseUrl, 'GET', '/api/users', { token });
  const binh = (users.body as Array<{ id: string; displayName: string }>).find((u) => u.id === id);
  assert.equal(binh?.displayName, 'Nguyễn Văn Bình'.normalize('NFC'));
  const editorToken = await server.login('binh', 'mat-khau-dai');
  const forbidden = await requestJson(server.baseUrl, 'POST', '/api/users', {
    token: editorToken,
    body: { username: 'x1', password: 'password1', displayName: 'X', role: 'secretariat' },
  });
  assert.equal(forbidden.status, 403);
  const duplicate = await requestJson(server.baseUrl, 'POST', '/api/users', {
    token,
    body: { username: 'binh', password: 'password1', displayName: 'X', role: 'editor' },
  });
  assert.equal(duplicate.status, 409);
});

test('organisations are seeded from templates/ and sorted the Vietnamese way', async () => {
  const result = await requestJson(server.baseUrl, 'GET', '/api/organizations');
  assert.equal(result.status, 200);
  const names = (result.body as Array<{ name: string }>).map((org) => org.name);
  assert.ok(names.includes('Bộ Công an'));
  assert.ok(names.length >= 17);
  assert.deepEqual(names, [...names].sort(new Intl.Collator('vi').compare));
});

test('a WebSocket upgrade without a valid session is refused with 401 and no upgrade', async () => {
  for (const query of ['', '?token=forged-token']) {
    const status = await upgradeStatus(`${server.wsUrl}/some-document${query}`);
    assert.equal(status, 401, `query ${JSON.stringify(query)}`);
  }
});

test('a WebSocket upgrade to an unknown document is refused with 404', async () => {
  const token = await server.login('admin', server.adminPassword);
  assert.equal(await upgradeStatus(`${server.wsUrl}/no-such-document?token=${token}`), 404);
});

test('every error code and close code is documented in the README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const code of ERROR_CODES) assert.ok(readme.includes(code), `${code} is in the README`);
  for (const { code } of Object.values(CloseCodes)) assert.ok(readme.includes(String(code)), `close code ${code} is in the README`);
});
