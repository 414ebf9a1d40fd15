import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { createDocument, login, ProcessCluster, stateVectorOf, storedContent } from '../helpers/cluster.ts';
import { createTestSchema, sharedModeSkip, type TestSchema } from '../helpers/postgres.ts';
import { freePort, type ServerProcess } from '../helpers/process.ts';
import { prng } from '../helpers/prng.ts';
import { randomEdit } from '../helpers/random-edits.ts';
import { requestJson } from '../helpers/server.ts';

const REDIS_SERVER = '/usr/bin/redis-server';

/** A throwaway Redis of this file on `port` (no persistence): killed and started again by the test. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
    });
    if (open) return child;
    assert.ok(Date.now() < deadline && child.exitCode === null, 'redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGKILLs a Redis and waits until it has exited. */
async function killRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('a Redis restart during editing heals by itself', { skip: (await sharedModeSkip()) || (existsSync(REDIS_SERVER) ? false : `${REDIS_SERVER} is not installed`) }, () => {
  let schema: TestSchema;
  let cluster: ProcessCluster;
  let servers: ServerProcess[] = [];
  let redis: ChildProcess;
  let redisPort: number;
  let admin: string;
  let documentId: string;
  /** A document nobody opens before the outage. */
  let quietId: string;
  const clients: TestClient[] = [];

  before(async () => {
    schema = await createTestSchema();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    // No periodic resync during the test: the healing must come from the reconnect itself.
    cluster = new ProcessCluster({ DATABASE_URL: schema.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, UNLOAD_DELAY_MS: '1000', COLLAB_RESYNC_INTERVAL_MS: '3600000' });
    // The document exists before the second process reads the records (see processes-documents.test.ts).
    servers = await cluster.start(1);
    const first = servers[0] as ServerProcess;
    admin = await login(first);
    documentId = await createDocument(first, admin, 'Redis khởi động lại');
    quietId = await createDocument(first, admin, 'Mở khi Redis ngừng');
    servers = [...servers, ...(await cluster.start(1))];
  });

  after(async () => {
    for (const client of clients) client.destroy();
    await cluster.killAll();
    await killRedis(redis);
    await schema.drop();
  });

  test('clients on two processes keep editing through a Redis kill and restart on the same port, and converge within 35 s of its return', async () => {
    const editors = servers.flatMap((server) => [connectClient(server.wsUrl, documentId, admin), connectClient(server.wsUrl, documentId, admin)]);
    clients.push(...editors);
    await Promise.all(editors.map((client) => waitSynced(client, 30_000)));
    const random = prng(6379);
    const editRounds = async (rounds: number): Promise<void> => {
      for (let round = 0; round < rounds; round++) {
        for (const client of editors) randomEdit(client, random);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(random() * 10)));
      }
    };
    await editRounds(60);
    await killRedis(redis);
    // Edits made while Redis is down reach the clients of the same process only.
    await editRounds(60);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.notEqual(contentOf(editors[0] as TestClient), contentOf(editors[2] as TestClient), 'the processes drifted apart during the outage');
    const ready = await requestJson((servers[0] as ServerProcess).baseUrl, 'GET', '/api/health/ready');
    assert.equal(ready.status, 503, 'a process without Redis reports itself unready');
    // Loading a document does not wait for Redis: a client opening one now is served at once.
    const late = connectClient((servers[1] as ServerProcess).wsUrl, quietId, admin);
    clients.push(late);
    await waitSynced(late, 15_000);
    late.fragment.insert(0, [new Y.XmlElement('paragraph')]);
    redis = await startRedis(redisPort);
    const restarted = Date.now();
    await editRounds(30);
    await waitFor(() => new Set(editors.map(contentOf)).size === 1, 'the four clients converge after Redis came back', 35_000 - (Date.now() - restarted));
    await waitFor(() => new Set(editors.map((client) => JSON.stringify(stateVectorOf(client)))).size === 1, 'their state vectors agree', 5_000);
    // The document opened during the outage joined its channel once Redis was back.
    const other = connectClient((servers[0] as ServerProcess).wsUrl, quietId, admin);
    clients.push(other);
    await waitSynced(other, 15_000);
    other.fragment.insert(0, [new Y.XmlElement('heading')]);
    await waitFor(() => contentOf(late) === contentOf(other) && late.fragment.length === 2, 'an edit on the other process reaches the document opened during the outage', 15_000);
    const converged = contentOf(editors[0] as TestClient);
    assert.equal((await storedContent(schema.pool, documentId)).xml, converged, 'PostgreSQL holds the converged content');
  });
});
