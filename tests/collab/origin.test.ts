import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 9, item 7: a cookie-authenticated WebSocket upgrade from another site's page was
// accepted. The Origin is now checked before the upgrade; token upgrades stay allowed.

let server: TestServer;
let token: string;
let cookie: string;
let documentId: string;

before(async () => {
  server = await startTestServer({ allowedOrigins: ['https://portal.partner.example'] });
  const response = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  token = ((await response.json()) as { token: string }).token;
  cookie = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '').join('; ');
  documentId = await server.createDocument(token, 'Đề cương qua WebSocket');
});
after(() => server.close());

/** The HTTP status of an upgrade (101 when it upgrades) and the error code of a refusal. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ status: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, code: (JSON.parse(body) as { error?: { code?: string } }).error?.code });
        socket.terminate();
      });
    });
    socket.on('open', () => {
      resolve({ status: 101 });
      socket.close();
    });
    socket.on('error', (error) => reject(error));
  });
}

test('a cookie-authenticated upgrade from another site is refused with 403 ERR_ORIGIN before the upgrade', async () => {
  for (const origin of ['https://evil.example', 'null']) {
    assert.deepEqual(await upgrade(`${server.wsUrl}/${documentId}`, { cookie, origin }), { status: 403, code: 'ERR_ORIGIN' }, origin);
  }
  // A cookie wins over ?token=, so adding a token does not get around the check.
  assert.equal((await upgrade(`${server.wsUrl}/${documentId}?token=junk`, { cookie, origin: 'https://evil.example' })).status, 403);
});

test('same-origin and configured-origin cookie upgrades, and token upgrades from anywhere, are accepted', async () => {
  assert.equal((await upgrade(`${server.wsUrl}/${documentId}`, { cookie, origin: server.baseUrl })).status, 101, 'same origin');
  assert.equal((await upgrade(`${server.wsUrl}/${documentId}`, { cookie, origin: 'https://portal.partner.example' })).status, 101, 'ALLOWED_ORIGINS');
  assert.equal((await upgrade(`${server.wsUrl}/${documentId}`, { cookie })).status, 101, 'no Origin: not a browser');
  assert.equal((await upgrade(`${server.wsUrl}/${documentId}?token=${token}`, { origin: 'https://evil.example' })).status, 101, '?token=');
  assert.equal((await upgrade(`${server.wsUrl}/${documentId}`, { authorization: `Bearer ${token}`, origin: 'https://evil.example' })).status, 101, 'bearer');
});
