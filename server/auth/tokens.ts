import { createHash, randomBytes } from 'node:crypto';

/** A new random session token (256 bits, base64url). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The form a token is stored in: SHA-256, hex. A stolen records file grants no session. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
