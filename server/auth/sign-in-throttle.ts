import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { busNamespaceOf } from '../fanout/redis-bus.ts';
import { accountKeyOf, LoginThrottle, type LoginAttempt, type LoginThrottleRules, type Refusal } from './login-throttle.ts';

/** A reserved sign-in attempt: counted in this process's memory or in Redis (whichever took it). */
export type SignInAttempt =
  | { readonly counter: 'memory'; readonly attempt: LoginAttempt }
  | { readonly counter: 'redis'; readonly accountKey: string; readonly addressKey: string; readonly member: string };

/** How the throttle reports that it switched between Redis and its own memory. */
export interface ThrottleLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * Prunes a sorted set of failure times to the window and answers when it frees a slot (epoch
 * ms) if it is full, else false. Times come from Redis (`TIME`), so processes whose clocks
 * differ still count one window.
 */
const FULL_FUNCTION = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function full(key, max, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= max then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    return tonumber(oldest[2]) + window
  end
  return false
end
`;

/** KEYS: account, address. ARGV: account max, account window, address max, address window, member. */
const BEGIN_SCRIPT = `${FULL_FUNCTION}
local retry = full(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
if retry then return {'account', retry} end
retry = full(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
if retry then return {'address', retry} end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return {'ok', now}
`;

/** KEYS: account. ARGV: max, window. */
const LOCKED_SCRIPT = `${FULL_FUNCTION}
local retry = full(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
if retry then return retry end
return false
`;

/**
 * Failed sign-ins per account and per client address in a sliding window, with the semantics
 * of `LoginThrottle` (a slot reserved before the password check, given back on success or when
 * the password was never judged, the account's count cleared on success).
 *
 * With `redis` (the shared mode) the counts live in Redis sorted sets, changed by Lua scripts so
 * every check-and-reserve is atomic across processes: failures on any process count against
 * one limit. While Redis does not answer, each process counts in its own memory (logged once
 * per outage) rather than refusing every sign-in or letting every guess through; attempts keep
 * the counter that reserved them. Without `redis` (the embedded mode) it is `LoginThrottle`.
 */
export class SignInThrottle {
  private readonly memory: LoginThrottle;
  private readonly prefix: string;
  private degraded = false;

  constructor(
    private readonly rules: LoginThrottleRules,
    private readonly redis: Redis | null,
    private readonly logger: ThrottleLogger,
    namespace = '',
  ) {
    this.memory = new LoginThrottle(rules);
    this.prefix = `draftroom:${namespace}:signin:`;
  }

  /** Reserves a failure slot under the account and the address, or says why not (nothing reserved then). */
  async begin(username: string, address: string): Promise<SignInAttempt | Refusal> {
    if (this.redis) {
      const accountKey = this.prefix + accountKeyOf(username);
      const addressKey = `${this.prefix}address:${address}`;
      const member = randomBytes(8).toString('hex');
      const { account, address: addressRule } = this.rules;
      const answer = await this.ask((redis) =>
        redis.eval(BEGIN_SCRIPT, 2, accountKey, addressKey, account.maxFailures, account.windowMs, addressRule.maxFailures, addressRule.windowMs, member),
      );
      if (answer !== undefined) {
        if (!Array.isArray(answer) || answer.length !== 2) throw new Error('unexpected answer from the sign-in script');
        const [verdict, at] = answer as [unknown, unknown];
        if (verdict === 'account' || verdict === 'address') return { scope: verdict, retryAt: Number(at) };
        return { counter: 'redis', accountKey, addressKey, member };
      }
    }
    const result = this.memory.begin(username, address);
    return 'retryAt' in result ? result : { counter: 'memory', attempt: result };
  }

  /** The password was right: the account's failures are forgotten and the address slot given back. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    if (attempt.counter === 'memory') return this.memory.succeeded(attempt.attempt);
    await this.ask((redis) => redis.multi().del(attempt.accountKey).zrem(attempt.addressKey, attempt.member).exec());
  }

  /** The password was never judged (the server was busy or failed): both slots are given back. */
  async abandoned(attempt: SignInAttempt): Promise<void> {
    if (attempt.counter === 'memory') return this.memory.abandoned(attempt.attempt);
    await this.ask((redis) => redis.multi().zrem(attempt.accountKey, attempt.member).zrem(attempt.addressKey, attempt.member).exec());
  }

  /** When the account named `username` may try again (epoch ms), or null when it is not locked. */
  async lockedUntil(username: string): Promise<number | null> {
    if (this.redis) {
      const { maxFailures, windowMs } = this.rules.account;
      const answer = await this.ask((redis) => redis.eval(LOCKED_SCRIPT, 1, this.prefix + accountKeyOf(username), maxFailures, windowMs));
      if (answer !== undefined) return answer === null ? null : Number(answer);
    }
    return this.memory.lockedUntil(username);
  }

  /** Forgets the failures of the account named `username`, wherever they were counted. */
  async unlock(username: string): Promise<void> {
    this.memory.unlock(username);
    if (this.redis) await this.ask((redis) => redis.del(this.prefix + accountKeyOf(username)));
  }

  /** Closes the Redis connection, if any. */
  close(): void {
    this.redis?.disconnect();
  }

  /** Runs a Redis command; undefined when Redis cannot answer now (then this process counts alone). */
  private async ask<T>(command: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    if (!this.redis || this.redis.status !== 'ready') return this.fallBack(new Error(`Redis is ${this.redis?.status ?? 'absent'}`));
    try {
      const answer = await command(this.redis);
      if (this.degraded) {
        this.degraded = false;
        this.logger.info({}, 'sign-in failures are counted in Redis again');
      }
      return answer;
    } catch (error) {
      return this.fallBack(error);
    }
  }

  private fallBack(error: unknown): undefined {
    if (!this.degraded) {
      this.degraded = true;
      this.logger.warn({ err: error }, 'Redis does not answer: sign-in failures are counted by each process alone until it does');
    }
    return undefined;
  }
}

/**
 * The throttle of the app: in memory without `shared` (the embedded mode); else counting in the
 * deployment's Redis, on a connection of its own that never queues a command and gives up on
 * one after a second (a sign-in never waits for Redis). Resolves once connected, or at once
 * when Redis does not answer (the connection keeps retrying; meanwhile each process counts alone).
 */
export async function openSignInThrottle(rules: LoginThrottleRules, shared: { redisUrl: string; databaseUrl: string } | null, logger: ThrottleLogger): Promise<SignInThrottle> {
  if (!shared) return new SignInThrottle(rules, null, logger);
  const redis = new Redis(shared.redisUrl, {
    connectionName: 'draftroom-sign-in',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
  });
  // Errors surface as refused commands, which the throttle answers by counting in memory.
  redis.on('error', () => undefined);
  await redis.connect().catch(() => undefined);
  return new SignInThrottle(rules, redis, logger, busNamespaceOf(shared.databaseUrl));
}
