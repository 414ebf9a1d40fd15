import { randomBytes } from 'node:crypto';

/** A new random record id: 16 URL-safe characters (96 bits), valid for `Id` schemas and file names. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
