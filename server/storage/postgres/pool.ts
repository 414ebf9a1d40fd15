import pg from 'pg';

/** A pool of connections to the shared mode's PostgreSQL database. */
export type Pool = pg.Pool;

/** One checked-out connection, for statements that must run on the same session (transactions, session locks). */
export type PoolClient = pg.PoolClient;

/**
 * Opens a pool on `databaseUrl` (a `postgres://` URL; `?options=-c search_path=…` selects a
 * schema). bigint columns come back as JS numbers: every one we use (sequence numbers,
 * versions, client ids) stays below 2^53. Errors of idle connections are reported to
 * `onIdleError` instead of crashing the process (the next query reconnects).
 */
export function openPool(databaseUrl: string, onIdleError: (error: Error) => void, max = 10): Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === 20) return (value: string) => Number(value);
        return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', onIdleError);
  return pool;
}

/**
 * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK (and
 * rethrow) when it throws. The connection goes back to the pool either way.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, isolation: 'read committed' | 'repeatable read' = 'read committed'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}`);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
}

/**
 * Namespaces of advisory locks (first argument of the two-key form), one per purpose; the
 * second key is `hashtext()` of the schema (and document), computed by PostgreSQL. Two names may
 * share a hash: their holders then only wait for each other, never go wrong.
 */
export const LOCK_NAMESPACE = {
  migrations: 0x4d494752, // "MIGR"
  compaction: 0x434f4d50, // "COMP"
} as const;
