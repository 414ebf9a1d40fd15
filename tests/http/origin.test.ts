import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadConfig, ConfigError } from '../../server/config.ts';

// Issue 9, item 7: cookie-authenticated writes are refused from other sites' pages; the
// allowed origins are configurable; CSP connect-src is the server's own origin only.

const PARTNER = 'https://portal.partner.example';

let server: TestServer;
let cookie: string;
let csrf: string;
let token: string;

before(async () => {
  server = await startTestServer({ allowedOrigins: [PARTNER] });
  const response = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  token = ((await response.json()) as { token: string }).token;
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  cookie = cookies.join('; ');
  csrf = decodeURIComponent(cookies.find((entry) => entry.startsWith('draftroom_csrf='))?.slice('draftroom_csrf='.length) ?? '');
});
after(() => server.close());

/** Creates a document with the session cookie (and the right CSRF token), from `origin`. */
async function createWithCookie(origin: string | null): Promise<{ status: number; code: string | undefined }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf };
  if (origin !== null) headers.origin = origin;
  const response = await fetch(`${server.baseUrl}/api/documents`, { method: 'POST', headers, body: JSON.stringify({ title: 'Từ trang nào?' }) });
  const body = (await response.json()) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code };
}

test('a cookie-authenticated write from another site is refused with 403 ERR_ORIGIN, even with the CSRF token', async () => {
  for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example:${server.port}`]) {
    assert.deepEqual(await createWithCookie(origin), { status: 403, code: 'ERR_ORIGIN' }, origin);
  }
});

test('the server\'s own origin, a configured origin and requests without Origin pass', async () => {
  assert.equal((await createWithCookie(server.baseUrl)).status, 201, 'same origin');
  assert.equal((await createWithCookie(`https://127.0.0.1:${server.port}`)).status, 201, 'same host behind a TLS proxy');
  assert.equal((await createWithCookie(PARTNER)).status, 201, 'ALLOWED_ORIGINS');
  assert.equal((await createWithCookie(null)).status, 201, 'no Origin: not a browser on another site');
});

test('bearer-token clients are exempt: they carry no ambient credential', async () => {
  const response = await fetch(`${server.baseUrl}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    body: JSON.stringify({ title: 'Công cụ' }),
  });
  assert.equal(response.status, 201);
});

test('sign-in from another site\'s page is refused too', async () => {
  const response = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  assert.equal(response.status, 403);
  assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'ERR_ORIGIN');
});

test('CSP connect-src allows only the server itself', async () => {
  const response = await fetch(`${server.baseUrl}/api/health`);
  const csp = response.headers.get('content-security-policy') ?? '';
  const connect = csp.split(';').map((part) => part.trim()).find((part) => part.startsWith('connect-src'));
  assert.equal(connect, "connect-src 'self'");
});

test('ALLOWED_ORIGINS and TRUST_PROXY are parsed and checked at start', () => {
  const config = loadConfig({ ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080', TRUST_PROXY: '10.0.0.1,192.168.0.0/16' });
  assert.deepEqual(config.allowedOrigins, ['https://a.example', 'http://b.example:8080']);
  assert.deepEqual(config.trustProxy, ['10.0.0.1', '192.168.0.0/16']);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
  assert.equal(loadConfig({}).trustProxy, false);
  assert.deepEqual(loadConfig({}).allowedOrigins, []);
  assert.throws(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/path' }), ConfigError);
  assert.throws(() => loadConfig({ ALLOWED_ORIGINS: 'a.example' }), ConfigError);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'proxy.local' }), ConfigError);
});
