import { Errors } from '../../errors.ts';
import type { StorageStatus } from '../health.ts';
import type { Pool } from './pool.ts';

/**
 * What `/api/health` reports of the database, and the one place where a failed statement
 * becomes `ERR_STORAGE_UNAVAILABLE`. `check()` always asks the server (`SELECT 1`, bounded by
 * `timeoutMs`), so a database that comes back is noticed without waiting for a write.
 */
export class DatabaseHealth {
  constructor(private readonly pool: Pool, private readonly timeoutMs = 2_000) {}

  /** Runs `statement`; a database error rejects with `ERR_STORAGE_UNAVAILABLE` naming `what`. */
  async guard<T>(what: string, statement: () => Promise<T>): Promise<T> {
    try {
      return await statement();
    } catch (error) {
      throw unavailable(what, error);
    }
  }

  /** Pings the database. */
  async check(): Promise<StorageStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: `database unreachable: ${describe(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The short reason of a database or network error (its code when it has one). */
export function describe(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} ${message}` : message;
}

/** `ERR_STORAGE_UNAVAILABLE` for a failed statement; an error that already is one passes through. */
export function unavailable(what: string, error: unknown): Error {
  if (error instanceof Errors.StorageUnavailable) return error;
  return new Errors.StorageUnavailable(`${what} failed in PostgreSQL: ${describe(error)}`);
}
