import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TableSessionStore } from '../../server/storage/table-session-store.ts';
import { StorageHealth } from '../../server/storage/health.ts';
import { nodeIo } from '../../server/storage/io.ts';
import { tempDataDir } from '../helpers/server.ts';

const session = (tokenHash: string, userId: string, expiresInMs: number) => ({
  tokenHash,
  userId,
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
});

test('expired sessions are pruned, and dropped from the file when it is reopened', async () => {
  const dir = tempDataDir();
  const path = join(dir, 'sessions.table');
  const options = { io: nodeIo, health: new StorageHealth(dir, nodeIo), logger: { warn() {} } };
  const store = await TableSessionStore.open(path, options);
  await store.put(session('old', 'lan', -1000));
  await store.put(session('stale', 'lan', 60_000));
  await store.put(session('live', 'minh', 3600_000));
  await store.pruneExpired(Date.now());
  assert.equal(await store.get('old'), undefined);
  await store.removeUser('lan');
  assert.equal(store.peek('stale'), undefined);
  assert.equal((await store.get('live'))?.userId, 'minh');
  await store.put(session('soon', 'hoa', -1));
  await store.close();
  const reopened = await TableSessionStore.open(path, options);
  assert.deepEqual(['old', 'stale', 'soon'].map((hash) => reopened.peek(hash)), [undefined, undefined, undefined]);
  assert.ok(reopened.peek('live'));
  const file = readFileSync(path, 'utf8');
  assert.ok(!file.includes('"soon"') && !file.includes('"old"'), 'the compacted file no longer holds expired sessions');
  await reopened.close();
});
