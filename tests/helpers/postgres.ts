import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';

/** The machine's PostgreSQL (trust auth, database `test`); `TEST_DATABASE_URL` overrides it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The machine's Redis; `TEST_REDIS_URL` overrides it. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Resolves true when a TCP connection to `url`'s host and port opens within 2 s. */
function reachable(url: string, defaultPort: number): Promise<boolean> {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(parsed.port || defaultPort), parsed.hostname);
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(2_000, () => done(false));
  });
}

/**
 * Why the shared-mode tests cannot run here (PostgreSQL or Redis unreachable), printed plainly
 * once, or false when they can. Pass the result as `{ skip }` to `describe`/`test`.
 */
export async function sharedModeSkip(): Promise<string | false> {
  const problems: string[] = [];
  if (!(await reachable(TEST_DATABASE_URL, 5432))) problems.push(`PostgreSQL not reachable at ${new URL(TEST_DATABASE_URL).host}`);
  if (!(await reachable(TEST_REDIS_URL, 6379))) problems.push(`Redis not reachable at ${new URL(TEST_REDIS_URL).host}`);
  if (problems.length === 0) return false;
  const message = `${problems.join('; ')}: skipping the shared-mode tests`;
  console.log(message);
  return message;
}

/** A throwaway schema of the test database, so parallel runs never see each other's rows. */
export interface TestSchema {
  name: string;
  /** `TEST_DATABASE_URL` with `search_path` set to this schema. */
  url: string;
  /** A pool on the schema, for direct checks. */
  pool: pg.Pool;
  /** Drops the schema and everything in it, and ends the pool. */
  drop(): Promise<void>;
}

/** Creates `dr_test_<random>` in the test database. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `dr_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    name,
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      const cleaner = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await cleaner.connect();
      await cleaner.query(`DROP SCHEMA ${name} CASCADE`);
      await cleaner.end();
    },
  };
}
