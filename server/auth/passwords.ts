import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Errors, withRetryAfter } from '../errors.ts';
import { ConcurrencyLimiter } from './concurrency-limiter.ts';

/** scrypt cost parameters (N=2^15, r=8, p=1: ~32 MiB, tens of milliseconds). */
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

/** Shortest password accepted for an account. */
export const MIN_PASSWORD_LENGTH = 8;

/** scrypt computations at once; libuv's pool has 4 threads (UV_THREADPOOL_SIZE) and file I/O needs the rest. */
export const SCRYPT_CONCURRENCY = 2;
/** scrypt computations that may wait for a turn (a second or two of work); more are refused with 503 `ERR_BUSY`. */
export const SCRYPT_QUEUE = 64;

// One limiter for the process, on purpose: the thread pool it protects is process-wide, so
// every app built in this process (tests build several) must share the same two turns.
const scryptTurns = new ConcurrencyLimiter(SCRYPT_CONCURRENCY, SCRYPT_QUEUE, () => withRetryAfter(new Errors.Busy(), 2));

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return scryptTurns.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

/** How many scrypt computations run and wait now (for tests and health views). */
export function scryptLoad(): { running: number; waiting: number } {
  return { running: scryptTurns.running, waiting: scryptTurns.waiting };
}

/**
 * Hashes a password with scrypt and a random salt. The result is self-describing:
 * `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later.
 * Passwords are NFC-normalised first, so the same Vietnamese password typed on any
 * keyboard verifies.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
