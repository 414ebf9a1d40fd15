import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { DatabaseHealth } from '../../../server/storage/postgres/database-health.ts';
import { openPool } from '../../../server/storage/postgres/pool.ts';
import { openPostgresStore } from '../../../server/storage/postgres/postgres-store.ts';
import { StorageStartError } from '../../../server/storage/storage-errors.ts';
import { freePort } from '../../helpers/process.ts';
import { createTestSchema, sharedModeSkip } from '../../helpers/postgres.ts';
import { requestJson, startTestServer } from '../../helpers/server.ts';

const DATABASE_URL = 'postgres://draftroom@db.internal:5432/draftroom';
const REDIS_URL = 'redis://cache.internal:6379';

test('DATABASE_URL and REDIS_URL switch to the shared mode together; without them the embedded mode runs', () => {
  assert.deepEqual([loadConfig({}).databaseUrl, loadConfig({}).redisUrl], [null, null]);
  const shared = loadConfig({ DATABASE_URL, REDIS_URL });
  assert.deepEqual([shared.databaseUrl, shared.redisUrl], [DATABASE_URL, REDIS_URL]);
  assert.throws(() => loadConfig({ DATABASE_URL }), (error: unknown) => error instanceof ConfigError && /REDIS_URL must be set together with DATABASE_URL/.test(error.message));
  assert.throws(() => loadConfig({ REDIS_URL }), (error: unknown) => error instanceof ConfigError && /set DATABASE_URL too/.test(error.message));
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://db/x', REDIS_URL }), /DATABASE_URL must be a URL like postgres:/);
  assert.throws(() => loadConfig({ DATABASE_URL, REDIS_URL: 'cache.internal:6379' }), /REDIS_URL must be a URL like redis:/);
});

test('the readiness check of the embedded mode reports the data folder and no Redis', async () => {
  const server = await startTestServer();
  try {
    assert.deepEqual(await requestJson(server.baseUrl, 'GET', '/api/health/ready'), { status: 200, body: { status: 'ready', mode: 'embedded', storage: { ok: true }, redis: null } });
  } finally {
    await server.close();
  }
});

describe('readiness in the shared mode', { skip: await sharedModeSkip() }, () => {
  test('Redis unreachable: /api/health/ready answers 503 naming it, /api/health stays ok (the database answers)', async () => {
    const schema = await createTestSchema();
    // A port nobody listens on: Redis "down".
    const server = await startTestServer({ databaseUrl: schema.url, redisUrl: `redis://127.0.0.1:${await freePort()}` });
    try {
      const ready = await requestJson(server.baseUrl, 'GET', '/api/health/ready');
      assert.equal(ready.status, 503);
      const body = ready.body as { status: string; mode: string; storage: { ok: boolean }; redis: { ok: boolean; reason: string } };
      assert.deepEqual([body.status, body.mode, body.storage, body.redis.ok], ['unavailable', 'shared', { ok: true }, false]);
      assert.match(body.redis.reason, /redis unreachable/);
      assert.deepEqual(await requestJson(server.baseUrl, 'GET', '/api/health'), { status: 200, body: { status: 'ok' } });
    } finally {
      await server.close();
    }
    await schema.drop();
  });

  test('a database that cannot be reached stops the start with a message naming it, and health reports it', async () => {
    const url = `postgres://postgres:secret@127.0.0.1:${await freePort()}/test`;
    await assert.rejects(openPostgresStore(url, { warn() {}, info() {} }), (error: unknown) => {
      assert.ok(error instanceof StorageStartError);
      assert.match(error.message, /PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/test cannot be used: ECONNREFUSED/);
      return true;
    });
    const pool = openPool(url, () => undefined);
    try {
      const status = await new DatabaseHealth(pool).check();
      assert.equal(status.ok, false);
      assert.match(status.ok ? '' : status.reason, /database unreachable: ECONNREFUSED/);
    } finally {
      await pool.end();
    }
  });
});
