import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisProcessBus } from '../../server/fanout/redis-bus.ts';
import { StreamRelay } from '../../server/fanout/streams-relay.ts';
import { freePort } from '../helpers/process.ts';

const quiet = { warn: () => undefined, info: () => undefined };

/** A private Redis the test may stop and start (the machine's is shared with other work). */
const redisSkip = spawnSync('redis-server', ['--version']).error ? 'redis-server is not installed: skipping the stream relay tests' : false;

/** Polls `predicate` every 20 ms until it holds, for at most `timeoutMs`. */
async function eventually(predicate: () => boolean | Promise<boolean>, message: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Note {
  text: string;
}
const isNote = (value: unknown): value is Note => typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string';

describe('the stream relay between processes', { skip: redisSkip }, () => {
  let port = 0;
  let server: ChildProcess | undefined;
  let probe: Redis;
  const buses: RedisProcessBus[] = [];

  const startRedis = async (): Promise<void> => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(async () => (await probe.ping().catch(() => null)) === 'PONG', 'the private Redis answers');
  };
  const stopRedis = async (): Promise<void> => {
    const running = server;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  /** One process's side: its bus, a relay on it, and what it delivered (key → texts). */
  const side = async (namespace: string) => {
    const bus = new RedisProcessBus(`redis://127.0.0.1:${port}`, namespace, quiet);
    await bus.connect();
    buses.push(bus);
    const delivered: Array<[string, string]> = [];
    let missed = 0;
    const relay = new StreamRelay(bus, 'notes:', isNote, (key, note) => delivered.push([key, note.text]), quiet, () => (missed += 1));
    return { bus, relay, delivered, missed: () => missed };
  };
  const listeners = async (namespace: string, key: string): Promise<number> => Number(((await probe.pubsub('NUMSUB', `draftroom:${namespace}:notes:${key}`)) as [string, number])[1]);

  before(async () => {
    port = await freePort();
    probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    await startRedis();
  });

  after(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    probe?.disconnect();
    await stopRedis();
  });

  test("a key's events reach the processes with a stream open for it, only while one is open", async () => {
    const namespace = randomBytes(6).toString('hex');
    const [a, b] = await Promise.all([side(namespace), side(namespace)]);
    b.relay.open('doc-1');
    b.relay.open('doc-1');
    await b.relay.settled();
    assert.equal(await listeners(namespace, 'doc-1'), 1, 'one subscription for two streams of the key');
    a.relay.send('doc-1', { text: 'luồng mở' });
    a.relay.send('doc-2', { text: 'không ai nghe' });
    await eventually(() => b.delivered.length === 1, 'the event reached B');
    assert.deepEqual(b.delivered, [['doc-1', 'luồng mở']]);
    // The sender never hears itself, and B does not send what it heard on.
    assert.deepEqual(a.delivered, []);

    b.relay.close('doc-1');
    assert.equal(await listeners(namespace, 'doc-1'), 1, 'still one stream open');
    b.relay.close('doc-1');
    await eventually(async () => (await listeners(namespace, 'doc-1')) === 0, 'B unsubscribed with its last stream');
    a.relay.send('doc-1', { text: 'sau khi đóng' });
    // A later event on a key B listens to proves the one before it was not delivered.
    b.relay.open('doc-3');
    await b.relay.settled();
    a.relay.send('doc-3', { text: 'mốc' });
    await eventually(() => b.delivered.length === 2, 'the marker reached B');
    assert.deepEqual(b.delivered, [['doc-1', 'luồng mở'], ['doc-3', 'mốc']]);
  });

  test('after Redis restarts, each relay tells its owner (who ends its streams to heal) and events flow again', async () => {
    const namespace = randomBytes(6).toString('hex');
    const [a, b] = await Promise.all([side(namespace), side(namespace)]);
    b.relay.open('doc-1');
    await b.relay.settled();
    await stopRedis();
    a.relay.send('doc-1', { text: 'mất khi Redis tắt' });
    await startRedis();
    await eventually(() => a.missed() === 1 && b.missed() === 1, 'both relays were told that events may have been missed');
    let sent = 0;
    // Publishing resumes once A's publishing connection is back; the subscription is restored by itself.
    await eventually(() => {
      a.relay.send('doc-1', { text: `sau khi Redis chạy lại ${++sent}` });
      return b.delivered.length > 0;
    }, 'events flow again after the restart');
    assert.ok(b.delivered.every(([key, text]) => key === 'doc-1' && text.startsWith('sau khi Redis chạy lại')), JSON.stringify(b.delivered));
  });
});
