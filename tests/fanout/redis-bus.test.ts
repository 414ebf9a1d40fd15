import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisProcessBus } from '../../server/fanout/redis-bus.ts';
import { publishJson, subscribeJson } from '../../server/fanout/process-bus.ts';
import { sharedModeSkip, TEST_REDIS_URL } from '../helpers/postgres.ts';
import { waitFor } from '../helpers/clients.ts';

const quiet = { warn: () => undefined, info: () => undefined };

describe('the process bus on Redis', { skip: await sharedModeSkip() }, () => {
  const buses: RedisProcessBus[] = [];
  const open = async (namespace: string): Promise<RedisProcessBus> => {
    const bus = new RedisProcessBus(TEST_REDIS_URL, namespace, quiet);
    await bus.connect();
    buses.push(bus);
    return bus;
  };
  after(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
  });

  test('a message reaches the other processes of the namespace, never the sender or another namespace', async () => {
    const namespace = randomBytes(6).toString('hex');
    const [a, b, c] = await Promise.all([open(namespace), open(namespace), open(`${namespace}-other`)]);
    assert.ok(a && b && c);
    const heard: Record<string, string[]> = { a: [], b: [], c: [] };
    await a.subscribe('doc:1', (payload) => heard.a?.push(payload.toString()));
    await b.subscribe('doc:1', (payload) => heard.b?.push(payload.toString()));
    await c.subscribe('doc:1', (payload) => heard.c?.push(payload.toString()));
    a.publish('doc:1', 'từ A');
    b.publish('doc:1', new Uint8Array(Buffer.from('từ B')));
    await waitFor(() => heard.a?.length === 1 && heard.b?.length === 1, 'both messages delivered');
    assert.deepEqual(heard, { a: ['từ B'], b: ['từ A'], c: [] });
  });

  test('JSON messages are parsed and checked; an unsubscribed handler hears nothing more', async () => {
    const namespace = randomBytes(6).toString('hex');
    const [a, b] = await Promise.all([open(namespace), open(namespace)]);
    assert.ok(a && b);
    const heard: number[] = [];
    const isVersion = (value: unknown): value is { version: number } => typeof (value as { version?: unknown })?.version === 'number';
    const stop = await subscribeJson(b, 'records', isVersion, (value) => heard.push(value.version));
    a.publish('records', 'not json');
    publishJson(a, 'records', { other: 1 });
    publishJson(a, 'records', { version: 7 });
    await waitFor(() => heard.length === 1, 'the valid message');
    stop();
    // A second subscriber on the same channel proves later messages are still published.
    const later: number[] = [];
    await subscribeJson(b, 'records', isVersion, (value) => later.push(value.version));
    publishJson(a, 'records', { version: 8 });
    await waitFor(() => later.length === 1, 'the later message');
    assert.deepEqual(heard, [7]);
    assert.deepEqual(later, [8]);
  });

  test('two handlers subscribing to one channel at once both hear from the moment each subscription resolves', async () => {
    const namespace = randomBytes(6).toString('hex');
    const [a, b] = await Promise.all([open(namespace), open(namespace)]);
    assert.ok(a && b);
    const first: string[] = [];
    const second: string[] = [];
    const [stopFirst] = await Promise.all([b.subscribe('doc:4', (payload) => first.push(payload.toString())), b.subscribe('doc:4', (payload) => second.push(payload.toString()))]);
    a.publish('doc:4', 'một');
    await waitFor(() => first.length === 1 && second.length === 1, 'both handlers hear the message');
    stopFirst?.();
    a.publish('doc:4', 'hai');
    await waitFor(() => second.length === 2, 'the remaining handler still hears');
    assert.deepEqual([first, second], [['một'], ['một', 'hai']]);
  });

  test('after its connection is cut the bus reconnects, tells its listeners and keeps its subscriptions', async () => {
    const namespace = randomBytes(6).toString('hex');
    const [a, b] = await Promise.all([open(namespace), open(namespace)]);
    assert.ok(a && b);
    let reconnects = 0;
    b.onReconnect(() => {
      reconnects += 1;
    });
    const heard: string[] = [];
    await b.subscribe('doc:2', (payload) => heard.push(payload.toString()));
    const admin = new Redis(TEST_REDIS_URL);
    try {
      const list = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
      const line = list.split('\n').find((entry) => entry.includes(`name=draftroom-${b.processId}-sub`));
      const id = line?.match(/\bid=(\d+)/)?.[1];
      assert.ok(id, 'the subscriber connection is listed by name');
      await admin.call('CLIENT', 'KILL', 'ID', id);
    } finally {
      admin.disconnect();
    }
    await waitFor(() => reconnects === 1 && b.connected, 'reconnected');
    a.publish('doc:2', 'sau khi nối lại');
    await waitFor(() => heard.length === 1, 'a message after the reconnect');
    assert.deepEqual(heard, ['sau khi nối lại']);
  });

  test('publishing while Redis is unreachable drops the message at once and counts it', async () => {
    const bus = new RedisProcessBus('redis://127.0.0.1:1', 'nowhere', quiet);
    assert.equal(await bus.connect(), false);
    bus.publish('doc:3', 'mất');
    assert.equal(bus.droppedCount, 1);
    assert.equal(bus.connected, false);
    await bus.close();
  });
});
