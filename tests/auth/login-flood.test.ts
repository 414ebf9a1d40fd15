import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { SCRYPT_CONCURRENCY, scryptLoad } from '../../server/auth/passwords.ts';

// Issue 9, item 1: parallel wrong passwords were never throttled (the failure was recorded
// after the awaited scrypt), and unlimited scrypt calls filled libuv's thread pool.

const FLOOD = 1000;
const ACCOUNT_THRESHOLD = 10;

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, { username: 'nan', password: 'mat-khau-cua-nan', displayName: 'Đỗ Thị Nan', role: 'editor' });
  await server.createUser(admin, { username: 'quang', password: 'mat-khau-cua-quang', displayName: 'Vũ Quang', role: 'editor' });
});
after(() => server.close());

interface LoginOutcome {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  message: string | undefined;
}

/**
 * One sign-in through the whole Fastify pipeline, injected rather than sent over a socket: a
 * thousand simultaneous TCP connects overflow the listen backlog on a busy machine, and the
 * flood is about what reaches scrypt, not about sockets.
 */
async function tryLogin(username: string, password: string): Promise<LoginOutcome> {
  const response = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const body = response.json<{ error?: { code?: string; message?: string } }>();
  const retryAfter = response.headers['retry-after'];
  return { status: response.statusCode, code: body.error?.code, retryAfter: retryAfter === undefined ? null : String(retryAfter), message: body.error?.message };
}

function countBy(outcomes: readonly LoginOutcome[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { status } of outcomes) counts.set(status, (counts.get(status) ?? 0) + 1);
  return counts;
}

test('1,000 parallel wrong passwords: at most the threshold reach the password check, the rest get 429 at once', async () => {
  let peakRunning = 0;
  let peakWaiting = 0;
  const gauge = setInterval(() => {
    peakRunning = Math.max(peakRunning, scryptLoad().running);
    peakWaiting = Math.max(peakWaiting, scryptLoad().waiting);
  }, 2);
  const started = Date.now();
  const flood = Array.from({ length: FLOOD }, (_, index) => tryLogin('nan', `sai-${index}`));
  // A valid sign-in of another account, sent while the flood is in flight.
  const validStarted = Date.now();
  const valid = tryLogin('quang', 'mat-khau-cua-quang').then((outcome) => ({ outcome, ms: Date.now() - validStarted }));
  const outcomes = await Promise.all(flood);
  const floodMs = Date.now() - started;
  const { outcome, ms } = await valid;
  clearInterval(gauge);

  const counts = countBy(outcomes);
  const checked = counts.get(401) ?? 0;
  const refused = counts.get(429) ?? 0;
  assert.deepEqual([...counts.keys()].sort(), [401, 429], `only 401 and 429: ${JSON.stringify([...counts])}`);
  assert.ok(checked <= ACCOUNT_THRESHOLD, `${checked} wrong passwords reached scrypt (at most ${ACCOUNT_THRESHOLD})`);
  assert.equal(refused, FLOOD - checked);
  const sample = outcomes.find((entry) => entry.status === 429);
  assert.equal(sample?.code, 'ERR_TOO_MANY_ATTEMPTS');
  assert.match(sample?.retryAfter ?? '', /^[1-9][0-9]*$/, 'Retry-After in seconds');
  assert.match(sample?.message ?? '', /try again in \d+ minutes? \(at \d{4}-/, 'the message says when to retry');

  assert.ok(peakRunning <= SCRYPT_CONCURRENCY, `${peakRunning} scrypt runs at once`);
  assert.ok(peakWaiting <= ACCOUNT_THRESHOLD + 1, `${peakWaiting} scrypt runs waiting`);
  assert.equal(outcome.status, 200, 'the other account signs in during the flood');
  // Relative, since the machine may be shared: the valid sign-in waits for the flood's own
  // request handling and the few checks admitted before it, so it ends about when the flood does.
  assert.ok(ms <= floodMs * 1.5 + 5000, `valid sign-in took ${ms} ms during a flood of ${floodMs} ms`);
  console.log(`# flood of ${FLOOD}: ${checked} × 401, ${refused} × 429 in ${floodMs} ms; valid sign-in ${ms} ms; scrypt peak ${peakRunning} running, ${peakWaiting} waiting`);
});

test('a locked account says when to retry; the secretariat sees the lock, unlocks it, and the audit trail records it', async () => {
  const locked = await tryLogin('nan', 'mat-khau-cua-nan');
  assert.equal(locked.status, 429, 'even the right password waits while the account is locked');
  const users = (await requestJson(server.baseUrl, 'GET', '/api/users', { token: admin })).body as Array<{ id: string; username: string; lockedUntil?: string }>;
  const nan = users.find((user) => user.username === 'nan');
  assert.ok(nan?.lockedUntil && Date.parse(nan.lockedUntil) > Date.now(), `lockedUntil is shown: ${JSON.stringify(nan)}`);
  assert.equal(users.find((user) => user.username === 'quang')?.lockedUntil, undefined, 'other accounts are not locked');

  const editor = await server.login('quang', 'mat-khau-cua-quang');
  assert.equal((await requestJson(server.baseUrl, 'POST', `/api/users/${nan.id}/unlock`, { token: editor })).status, 403, 'only the secretariat unlocks');
  assert.equal((await requestJson(server.baseUrl, 'POST', '/api/users/no-such-user/unlock', { token: admin })).status, 404);
  const unlock = await requestJson(server.baseUrl, 'POST', `/api/users/${nan.id}/unlock`, { token: admin });
  assert.equal(unlock.status, 204);

  assert.equal((await tryLogin('nan', 'mat-khau-cua-nan')).status, 200, 'signs in after the unlock');
  const after = (await requestJson(server.baseUrl, 'GET', '/api/users', { token: admin })).body as Array<{ username: string; lockedUntil?: string }>;
  assert.equal(after.find((user) => user.username === 'nan')?.lockedUntil, undefined);
  const audit = (await requestJson(server.baseUrl, 'GET', '/api/audit?limit=20', { token: admin })).body as Array<{ action: string; details: Record<string, unknown> }>;
  const entry = audit.find((candidate) => candidate.action === 'user.unlocked');
  assert.equal(entry?.details.username, 'nan');
  assert.equal(entry?.details.wasLocked, true);
});

test('a right password clears the account count; wrong ones below the threshold still answer 401', async () => {
  for (let index = 0; index < ACCOUNT_THRESHOLD - 1; index++) assert.equal((await tryLogin('quang', `sai-${index}`)).status, 401);
  assert.equal((await tryLogin('quang', 'mat-khau-cua-quang')).status, 200);
  for (let index = 0; index < ACCOUNT_THRESHOLD - 1; index++) assert.equal((await tryLogin('quang', `sai-lai-${index}`)).status, 401, 'counting starts again');
});
