import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { isRefusal, type LoginThrottleRules, type Refusal } from '../../server/auth/login-throttle.ts';
import { openSignInThrottle, type SignInThrottle, type SignInAttempt } from '../../server/auth/sign-in-throttle.ts';
import { busNamespaceOf } from '../../server/fanout/redis-bus.ts';
import { freePort } from '../helpers/process.ts';
import { sharedModeSkip, TEST_REDIS_URL } from '../helpers/postgres.ts';
import { waitFor } from '../helpers/clients.ts';

const RULES: LoginThrottleRules = { account: { maxFailures: 3, windowMs: 60_000 }, address: { maxFailures: 5, windowMs: 60_000 } };

/** Collects what the throttle logs. */
function recordingLogger(): { lines: string[]; warn(details: object, message: string): void; info(details: object, message: string): void } {
  const lines: string[] = [];
  return { lines, warn: (_details, message) => lines.push(`warn: ${message}`), info: (_details, message) => lines.push(`info: ${message}`) };
}

function admitted(result: SignInAttempt | Refusal): SignInAttempt {
  assert.ok(!isRefusal(result), 'refused');
  return result;
}

describe('sign-in throttle counted in Redis', { skip: await sharedModeSkip() }, () => {
  const throttles: SignInThrottle[] = [];
  const connections: Redis[] = [];
  // A database URL per run: its namespace keeps runs on one Redis from counting each other's failures.
  const databaseUrl = `postgres://127.0.0.1/throttle_${randomBytes(6).toString('hex')}`;
  const keyOf = (username: string): string => `draftroom:${busNamespaceOf(databaseUrl)}:signin:account:${username}`;

  const throttle = async (redisUrl = TEST_REDIS_URL, logger = recordingLogger()): Promise<SignInThrottle> => {
    const opened = await openSignInThrottle(RULES, { redisUrl, databaseUrl }, logger);
    throttles.push(opened);
    return opened;
  };

  after(() => {
    for (const opened of throttles) opened.close();
    for (const redis of connections) redis.disconnect();
  });

  test('two processes count one account together, and parallel guesses stop at the limit', async () => {
    const [first, second] = [await throttle(), await throttle()];
    const results = await Promise.all(Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? first : second).begin('Chị Hà', `10.0.0.${index}`)));
    assert.equal(results.filter((result) => !isRefusal(result)).length, RULES.account.maxFailures);
    const refusal = results.find(isRefusal);
    assert.equal(refusal?.scope, 'account');
    assert.ok(refusal && refusal.retryAt > Date.now() - 5_000 && refusal.retryAt <= Date.now() + RULES.account.windowMs + 5_000);
    // The same account in another normal form is the same account.
    assert.ok(isRefusal(await second.begin('chị hà'.normalize('NFD'), '10.0.1.1')));
    assert.ok((await first.lockedUntil('chị hà')) !== null);
    await second.unlock('CHỊ HÀ');
    assert.equal(await first.lockedUntil('chị hà'), null);
    admitted(await first.begin('chị hà', '10.0.1.2'));
  });

  test('a right password clears the account and gives the address slot back; an unjudged attempt gives both back', async () => {
    const [first, second] = [await throttle(), await throttle()];
    for (let index = 0; index < 2; index++) admitted(await first.begin('anh-minh', '10.1.0.1'));
    await second.succeeded(admitted(await second.begin('anh-minh', '10.1.0.1')));
    assert.equal(await first.lockedUntil('anh-minh'), null);
    for (let index = 0; index < 2; index++) admitted(await second.begin('anh-minh', '10.1.0.1'));
    await first.abandoned(admitted(await first.begin('anh-minh', '10.1.0.1')));
    // Four of the address's five slots are held (two given back): another account still gets one.
    admitted(await first.begin('chi-mai', '10.1.0.1'));
    const address = await second.begin('anh-minh', '10.1.0.1');
    assert.ok(isRefusal(address) && address.scope === 'address', JSON.stringify(address));
    // The account holds two failures: one more from another address fills it.
    admitted(await second.begin('anh-minh', '10.1.0.2'));
    const account = await first.begin('anh-minh', '10.1.0.3');
    assert.ok(isRefusal(account) && account.scope === 'account', JSON.stringify(account));
  });

  test('without Redis each process counts alone, says so once, and counts in Redis again once it is back', async () => {
    const logger = recordingLogger();
    const port = await freePort();
    // Nothing listens on this port yet.
    const lone = await throttle(`redis://127.0.0.1:${port}`, logger);
    for (let index = 0; index < RULES.account.maxFailures; index++) admitted(await lone.begin('chi-lan', '10.2.0.1'));
    const refused = await lone.begin('chi-lan', '10.2.0.1');
    assert.ok(isRefusal(refused) && refused.scope === 'account');
    assert.ok((await lone.lockedUntil('chi-lan')) !== null);
    await lone.unlock('chi-lan');
    assert.equal(await lone.lockedUntil('chi-lan'), null);
    assert.deepEqual(logger.lines, ['warn: Redis does not answer: sign-in failures are counted by each process alone until it does']);

    // A Redis of this test's own on that port: the throttle's connection finds it by itself.
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    server.once('error', (error) => assert.fail(`redis-server could not start: ${error.message}`));
    try {
      const direct = new Redis(`redis://127.0.0.1:${port}`, { retryStrategy: () => 100 });
      direct.on('error', () => undefined);
      connections.push(direct);
      await waitFor(() => direct.status === 'ready', 'the new Redis answers');
      let counted = false;
      for (let poll = 0; poll < 100 && !counted; poll++) {
        admitted(await lone.begin(`chi-lan-${poll}`, `10.2.1.${poll}`));
        counted = (await direct.zcard(keyOf(`chi-lan-${poll}`))) === 1;
        if (!counted) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(counted, 'the throttle counts in Redis again');
      assert.equal(logger.lines.at(-1), 'info: sign-in failures are counted in Redis again');
    } finally {
      server.kill();
    }
  });
});
