import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 9, item 7: behind a TLS proxy the session cookie never got `Secure` and every client
// had the proxy's address. TRUST_PROXY makes both right.

// Lowered for speed (each judged attempt costs a real scrypt); the defaults are unit-tested.
const ADDRESS_THRESHOLD = 12;
const RULES = { account: { maxFailures: 10, windowMs: 60_000 }, address: { maxFailures: ADDRESS_THRESHOLD, windowMs: 60_000 } };

let proxied: TestServer;
let direct: TestServer;

before(async () => {
  proxied = await startTestServer({ trustProxy: ['127.0.0.1'], loginRules: RULES });
  direct = await startTestServer();
});
after(async () => {
  await proxied.close();
  await direct.close();
});

async function login(server: TestServer, username: string, password: string, headers: Record<string, string>): Promise<Response> {
  const response = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  await response.arrayBuffer();
  return response;
}

test('with TRUST_PROXY, a sign-in forwarded as https gets Secure cookies', async () => {
  const response = await login(proxied, 'admin', proxied.adminPassword, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5' });
  assert.equal(response.status, 200);
  const cookies = response.headers.getSetCookie();
  assert.equal(cookies.length, 2);
  for (const cookie of cookies) assert.match(cookie, /;\s*Secure/i, cookie);
  const plain = await login(proxied, 'admin', proxied.adminPassword, {});
  for (const cookie of plain.headers.getSetCookie()) assert.doesNotMatch(cookie, /;\s*Secure/i, 'plain http stays usable on a LAN');
});

test('without TRUST_PROXY, forwarded headers are ignored', async () => {
  const response = await login(direct, 'admin', direct.adminPassword, { 'x-forwarded-proto': 'https' });
  for (const cookie of response.headers.getSetCookie()) assert.doesNotMatch(cookie, /;\s*Secure/i, cookie);
});

test('with TRUST_PROXY, failed sign-ins are counted per forwarded client address', async () => {
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const statuses = await Promise.all(
    Array.from({ length: ADDRESS_THRESHOLD }, (_, index) => login(proxied, `khach-${index}`, 'sai', from('198.51.100.7')).then((r) => r.status)),
  );
  assert.deepEqual(new Set(statuses), new Set([401]), 'each account is below its own threshold');
  const blocked = await login(proxied, 'mot-nguoi-khac', 'sai', from('198.51.100.7'));
  assert.equal(blocked.status, 429, 'the address has used up its failures');
  assert.match(blocked.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
  assert.equal((await login(proxied, 'mot-nguoi-khac', 'sai', from('198.51.100.8'))).status, 401, 'another client behind the same proxy is not blocked');
  assert.equal((await login(proxied, 'admin', proxied.adminPassword, from('198.51.100.8'))).status, 200);
});
