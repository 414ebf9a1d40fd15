import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRefusal, LoginThrottle, type LoginAttempt, type LoginThrottleRules } from '../../server/auth/login-throttle.ts';

const RULES: LoginThrottleRules = { account: { maxFailures: 3, windowMs: 60_000 }, address: { maxFailures: 5, windowMs: 60_000 } };

function admitted(result: ReturnType<LoginThrottle['begin']>): LoginAttempt {
  if (isRefusal(result)) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
}

test('attempts in flight count before their outcome is known', () => {
  const throttle = new LoginThrottle(RULES);
  for (let index = 0; index < 3; index++) admitted(throttle.begin('Lan', '10.0.0.1', 1000));
  const refused = throttle.begin('lan', '10.0.0.2', 1000);
  assert.ok(isRefusal(refused));
  assert.deepEqual(refused, { scope: 'account', retryAt: 61_000 });
  assert.equal(throttle.lockedUntil('LAN', 2000), 61_000, 'usernames are compared normalised');
  assert.ok(!isRefusal(throttle.begin('lan', '10.0.0.1', 61_000)), 'the window slides');
});

test('the address has its own, higher threshold across accounts', () => {
  const throttle = new LoginThrottle(RULES);
  for (let index = 0; index < 5; index++) admitted(throttle.begin(`user-${index}`, '10.0.0.9', 1000));
  const refused = throttle.begin('someone-else', '10.0.0.9', 1000);
  assert.ok(isRefusal(refused) && refused.scope === 'address');
  assert.ok(!isRefusal(throttle.begin('someone-else', '10.0.0.10', 1000)), 'another address is not affected');
  assert.equal(throttle.lockedUntil('someone-else', 1000), null, 'the account itself is not locked');
});

test('success clears the account and gives back the address slot; an abandoned check gives back both', () => {
  const throttle = new LoginThrottle(RULES);
  admitted(throttle.begin('hoa', '10.0.0.1', 1000));
  admitted(throttle.begin('hoa', '10.0.0.1', 1000));
  throttle.succeeded(admitted(throttle.begin('hoa', '10.0.0.1', 1000)));
  for (let index = 0; index < 3; index++) throttle.abandoned(admitted(throttle.begin('hoa', '10.0.0.1', 1000)));
  for (let index = 0; index < 3; index++) admitted(throttle.begin('hoa', '10.0.0.1', 1000));
  assert.ok(isRefusal(throttle.begin('hoa', '10.0.0.1', 1000)));
  throttle.unlock('hoa');
  assert.equal(throttle.lockedUntil('hoa', 1000), null);
});

test('memory stays bounded when every guess uses a new username', () => {
  const throttle = new LoginThrottle(RULES, 1000);
  for (let index = 0; index < 20_000; index++) throttle.begin(`guess-${index}`, `10.1.${index % 250}.${index % 7}`, 1000 + index);
  assert.ok(throttle.trackedKeys <= 1000, `${throttle.trackedKeys} keys kept`);
});
