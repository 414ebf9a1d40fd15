import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, SCRYPT_CONCURRENCY, SCRYPT_QUEUE } from '../../server/auth/passwords.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 9, item 1: password hashing has its own bounded queue; past it a sign-in is refused
// at once (503 ERR_BUSY with Retry-After) instead of waiting behind every other hash.

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.close());

async function tryLogin(username: string): Promise<{ status: number; code: string | undefined; retryAfter: string | null }> {
  const response = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'khong-dung' }),
  });
  const body = (await response.json()) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after') };
}

test('with every hashing turn taken and the queue full, a sign-in gets 503 ERR_BUSY at once; afterwards it is judged again', async () => {
  const backlog = Array.from({ length: SCRYPT_CONCURRENCY + SCRYPT_QUEUE }, (_, index) => hashPassword(`mat-khau-${index}`));
  const backlogDone = Promise.all(backlog).then(() => Date.now());
  const busy = await tryLogin('chua-ai-biet');
  const answeredAt = Date.now();
  assert.deepEqual(busy, { status: 503, code: 'ERR_BUSY', retryAfter: '2' });
  assert.ok(answeredAt < (await backlogDone), `refused before the ${backlog.length} queued hashes were done, not after them`);
  // The refused attempt was not counted, and an unknown username is judged (401), not stuck at 503.
  assert.equal((await tryLogin('chua-ai-biet')).status, 401);
});
