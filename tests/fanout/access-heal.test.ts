import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { busNamespaceOf, RedisProcessBus } from '../../server/fanout/redis-bus.ts';
import { RecordsFanout } from '../../server/fanout/records-fanout.ts';
import { SessionsFanout } from '../../server/fanout/sessions-fanout.ts';
import { openPostgresStore, type PostgresStore } from '../../server/storage/postgres/postgres-store.ts';
import type { RecordRefresh } from '../../server/storage/postgres/record-store.ts';
import { createTestSchema, sharedModeSkip, TEST_REDIS_URL, type TestSchema } from '../helpers/postgres.ts';
import { waitFor } from '../helpers/clients.ts';

const quiet = { warn: () => undefined, info: () => undefined };
/** Long enough that only messages and reconnects refresh during a test. */
const NO_TICK_MS = 600_000;

/** Closes the bus's subscriber connection from the Redis side, as a restart of Redis would. */
async function dropSubscriber(bus: RedisProcessBus): Promise<void> {
  const admin = new Redis(TEST_REDIS_URL);
  try {
    const killed = await admin.call('CLIENT', 'KILL', 'ID', String(await subscriberId(admin, bus)));
    assert.equal(killed, 1);
  } finally {
    admin.disconnect();
  }
}

async function subscriberId(admin: Redis, bus: RedisProcessBus): Promise<number> {
  const list = String(await admin.client('LIST'));
  const line = list.split('\n').find((entry) => entry.includes(`name=draftroom-${bus.processId}-sub`));
  const id = line?.match(/\bid=(\d+)/)?.[1];
  assert.ok(id, 'the subscriber connection is listed');
  return Number(id);
}

/**
 * Two "processes" in this test process: each its own PostgreSQL store, bus and fan-out, as the
 * server wires them. A third store writes without announcing, as a lost message would leave it.
 */
describe('records and sessions heal after a lost message', { skip: await sharedModeSkip() }, () => {
  let schema: TestSchema;
  const stores: PostgresStore[] = [];
  const buses: RedisProcessBus[] = [];
  const stops: Array<() => void> = [];

  const open = async (): Promise<{ store: PostgresStore; bus: RedisProcessBus }> => {
    const store = await openPostgresStore(schema.url, quiet);
    const bus = new RedisProcessBus(TEST_REDIS_URL, busNamespaceOf(schema.url), quiet);
    await bus.connect();
    stores.push(store);
    buses.push(bus);
    return { store, bus };
  };

  before(async () => {
    schema = await createTestSchema();
  });

  after(async () => {
    for (const stop of stops) stop();
    await Promise.all(buses.map((bus) => bus.close()));
    for (const store of stores) await store.close();
    await schema.drop();
  });

  test('a write is heard at once; a write nobody announced is read after the next reconnect, with what changed', async () => {
    const writer = await open();
    const follower = await open();
    const silent = await open();
    const writerFanout = new RecordsFanout(writer.bus, writer.store.records, quiet);
    const followerFanout = new RecordsFanout(follower.bus, follower.store.records, quiet);
    stops.push(() => writerFanout.stop(), () => followerFanout.stop());
    await writerFanout.start(NO_TICK_MS);
    await followerFanout.start(NO_TICK_MS);
    const refreshes: RecordRefresh[] = [];
    stops.push(follower.store.records.onRefresh((refresh) => refreshes.push(refresh)));

    await writer.store.records.write((data) => {
      data.organizations.push({ id: 'bo-thu', name: 'Bộ Thử', shortName: 'BT', kind: 'ministry' });
    });
    await waitFor(() => follower.store.records.read((data) => data.organizations.some((org) => org.id === 'bo-thu')), 'the follower read the announced write');
    assert.equal(refreshes.length, 1);
    // (The first write also stored the default settings row of this empty database.)
    assert.deepEqual(refreshes[0]?.changed.organizations, ['bo-thu']);

    await silent.store.records.write((data) => {
      const org = data.organizations.find((candidate) => candidate.id === 'bo-thu');
      if (org) org.name = 'Bộ Thử Đổi Tên';
    });
    assert.equal(follower.store.records.read((data) => data.organizations.find((org) => org.id === 'bo-thu')?.name), 'Bộ Thử');
    await dropSubscriber(follower.bus);
    await waitFor(() => follower.store.records.read((data) => data.organizations.find((org) => org.id === 'bo-thu')?.name) === 'Bộ Thử Đổi Tên', 'the follower healed after reconnecting');
    const healed = refreshes[1];
    assert.ok(healed);
    assert.deepEqual(healed.changed, { organizations: ['bo-thu'] });
    assert.equal(healed.previous.organizations.find((org) => org.id === 'bo-thu')?.name, 'Bộ Thử');
    assert.equal(healed.version, silent.store.records.currentVersion);
  });

  test('a session removed elsewhere is forgotten at once when announced, and after a reconnect when not', async () => {
    const remover = await open();
    const follower = await open();
    const silent = await open();
    const ended: string[] = [];
    const revoked: string[] = [];
    const inUse = ['hash-dang-xuat', 'hash-mat-thong-bao', 'hash-doi-mat-khau', 'hash-giu-lai'];
    const consequences = { sessionEnded: (userId: string) => ended.push(userId), userRevoked: (userId: string) => revoked.push(userId), sessionsInUse: () => inUse };
    const removerFanout = new SessionsFanout(remover.bus, remover.store.sessions, { ...consequences, sessionEnded: () => assert.fail('the remover hears itself') }, quiet);
    const followerFanout = new SessionsFanout(follower.bus, follower.store.sessions, consequences, quiet);
    stops.push(() => removerFanout.stop(), () => followerFanout.stop());
    await removerFanout.start(NO_TICK_MS);
    await followerFanout.start(NO_TICK_MS);
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    for (const [tokenHash, userId] of [['hash-dang-xuat', 'u1'], ['hash-mat-thong-bao', 'u2'], ['hash-doi-mat-khau', 'u3'], ['hash-giu-lai', 'u3']] as const) {
      await remover.store.sessions.put({ tokenHash, userId, createdAt: new Date().toISOString(), expiresAt });
      assert.ok(await follower.store.sessions.get(tokenHash));
    }

    await remover.store.sessions.remove('hash-dang-xuat');
    await waitFor(() => follower.store.sessions.peek('hash-dang-xuat') === undefined, 'the sign-out was heard');
    assert.deepEqual(ended, ['u1']);
    await remover.store.sessions.removeUser('u3', 'hash-giu-lai');
    await waitFor(() => revoked.length === 1, 'the revocation was heard');
    assert.deepEqual(revoked, ['u3']);
    assert.equal(follower.store.sessions.peek('hash-doi-mat-khau'), undefined);
    assert.ok(follower.store.sessions.peek('hash-giu-lai'));

    await silent.store.sessions.remove('hash-mat-thong-bao');
    assert.ok(follower.store.sessions.peek('hash-mat-thong-bao'), 'nobody told the follower yet');
    await dropSubscriber(follower.bus);
    await waitFor(() => follower.store.sessions.peek('hash-mat-thong-bao') === undefined, 'the follower healed after reconnecting');
    assert.deepEqual(ended, ['u1', 'u2']);
    assert.ok(follower.store.sessions.peek('hash-giu-lai'));
  });
});
