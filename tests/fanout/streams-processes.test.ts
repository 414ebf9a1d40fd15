import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { busNamespaceOf } from '../../server/fanout/redis-bus.ts';
import type { ConfirmImportResponse, ImportPreview } from '../../server/import/schemas.ts';
import { DOCX_MEDIA_TYPE } from '../../server/import/schemas.ts';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { openEventStream, type OpenEventStream } from '../helpers/event-stream.ts';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.ts';
import { createTestSchema, sharedModeSkip, TEST_REDIS_URL, type TestSchema } from '../helpers/postgres.ts';
import { requestJson, TEST_ADMIN_PASSWORD, tempDataDir } from '../helpers/server.ts';
import { styledOutline } from '../import/docx-fixtures.ts';

/** Polls an asynchronous `predicate` every 50 ms until it holds, for at most `timeoutMs`. */
async function eventually(predicate: () => Promise<boolean> | boolean, message: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Why nginx cannot be run here, or false. */
const nginxSkip = spawnSync('nginx', ['-v']).error ? 'nginx is not installed (apt-get install nginx-light): skipping the proxy test' : false;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

describe('live streams, reminders and import previews across processes', { skip: await sharedModeSkip() }, () => {
  let schema: TestSchema;
  let redis: Redis;
  let a: ServerProcess;
  let b: ServerProcess;
  const dataDirs: string[] = [];
  const streams: OpenEventStream[] = [];
  const tokens = new Map<string, string>();
  let documentId = '';
  /** A section of the document the threads are about. */
  let sectionBlockId = '';

  const api = async (server: ServerProcess, who: string, method: string, path: string, body?: unknown, expected = 200): Promise<unknown> => {
    const answer = await requestJson(server.baseUrl, method, path, { token: tokens.get(who), body });
    assert.equal(answer.status, expected, `${method} ${path} as ${who}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const login = async (server: ServerProcess, username: string, password: string): Promise<void> => {
    const answer = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    tokens.set(username, (answer.body as { token: string }).token);
  };
  const listen = (server: ServerProcess, who: string, path: string): OpenEventStream => {
    const stream = openEventStream(server.baseUrl, path, tokens.get(who) ?? '');
    streams.push(stream);
    return stream;
  };
  /** How many processes listen to a bus channel (Redis counts subscribed connections). */
  const subscribers = async (channel: string): Promise<number> => {
    const answer = (await redis.pubsub('NUMSUB', `draftroom:${busNamespaceOf(schema.url)}:${channel}`)) as [string, number];
    return Number(answer[1]);
  };
  /**
   * Makes `server` read the records another process wrote: a record write on it finds the
   * version moved and reads them again. (The records fan-out does this by itself once merged;
   * this keeps the test independent of it.)
   */
  const catchUp = async (server: ServerProcess): Promise<void> => {
    await api(server, 'admin', 'POST', '/api/documents', { title: 'Đồng bộ hồ sơ', templateId: 'nts-2030-2045' }, 201);
  };

  before(async () => {
    schema = await createTestSchema();
    redis = new Redis(TEST_REDIS_URL);
    const start = (): Promise<ServerProcess> => {
      const dataDir = tempDataDir();
      dataDirs.push(dataDir);
      // Reminders looked for every second, so the test sees both processes race for them.
      return spawnServer(dataDir, { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, REMINDER_INTERVAL_MS: '1000' }, 150_000);
    };
    [a, b] = await Promise.all([start(), start()]);
    await login(a, 'admin', TEST_ADMIN_PASSWORD);
    documentId = ((await api(a, 'admin', 'POST', '/api/documents', { title: 'Chiến lược phát triển', templateId: 'nts-2030-2045' }, 201)) as { id: string }).id;
    await api(a, 'admin', 'POST', '/api/users', { username: 'byt', password: 'pw-byt-long', displayName: 'Cán bộ Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' }, 201);
    await api(a, 'admin', 'POST', '/api/users', { username: 'btc', password: 'pw-btc-long', displayName: 'Cán bộ Bộ Tài chính', role: 'ministry', organizationId: 'bo-tai-chinh' }, 201);
    await api(a, 'admin', 'PUT', `/api/documents/${documentId}/access`, { members: [], organizations: ['bo-y-te', 'bo-tai-chinh'] });
    const reader = connectClient(a.wsUrl, documentId, tokens.get('admin') ?? '');
    await waitSynced(reader);
    const heading = reader.fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading');
    sectionBlockId = String(heading?.getAttribute('id'));
    reader.destroy();
    await catchUp(b);
    // Signed in on B: B knows the accounts made on A.
    await login(b, 'byt', 'pw-byt-long');
    await login(b, 'btc', 'pw-btc-long');
  });

  let nginx: ChildProcess | undefined;
  const clients: TestClient[] = [];

  after(async () => {
    for (const client of clients) client.destroy();
    if (nginx && nginx.exitCode === null) {
      // SIGTERM: nginx's master stops its workers (a killed master would leave them running).
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    for (const stream of streams) stream.close();
    for (const server of [a, b]) server?.child.kill('SIGKILL');
    await Promise.all([a, b].filter((server) => server !== undefined).map((server) => server.exited));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    redis?.disconnect();
    await schema.drop();
  });

  test('comment events made on A reach the pages open on B, each filtered by what its user sees there, never echoed back', async (t: TestContext) => {
    const path = `/api/documents/${documentId}/threads/events`;
    const onB = { admin: listen(b, 'admin', path), byt: listen(b, 'byt', path), btc: listen(b, 'btc', path) };
    await Promise.all(Object.values(onB).map((stream) => stream.opened));
    await eventually(async () => (await subscribers(`threads:${documentId}`)) === 1, 'B listens for the document');
    const adminOnA = listen(a, 'admin', path);
    await adminOnA.opened;
    await eventually(async () => (await subscribers(`threads:${documentId}`)) === 2, 'A listens for the document too');

    await login(a, 'byt', 'pw-byt-long');
    const threadIds = (stream: OpenEventStream): string[] => stream.named('thread').map((event) => (event.data as { id: string }).id);
    // Threads of Bộ Y tế (which Bộ Tài chính may not see while comments stay within each
    // organisation), timed from the request on A to the event on B.
    const latencies: number[] = [];
    for (let index = 0; index < 20; index++) {
      const started = performance.now();
      const thread = (await api(a, 'byt', 'POST', `/api/documents/${documentId}/threads`, { body: `Bộ Y tế góp ý số ${index + 1}.`, sectionBlockId }, 201)) as { id: string };
      await eventually(() => threadIds(onB.byt).includes(thread.id), `thread ${index + 1} reached B`);
      latencies.push((onB.byt.named('thread').find((event) => (event.data as { id: string }).id === thread.id)?.at ?? NaN) - started);
    }
    latencies.sort((x, y) => x - y);
    t.diagnostic(`A→B comment event, from the POST on A to the event on B (20 threads): p50 ${percentile(latencies, 50).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms`);

    // An event for everyone who may open the document, after the threads: on one channel, in order.
    await api(a, 'admin', 'PUT', `/api/documents/${documentId}/comment-settings`, { visibility: 'own_organization' });
    await eventually(() => onB.btc.named('settings').length === 1 && onB.admin.named('settings').length === 1, 'the settings event reached B');
    assert.deepEqual(onB.btc.named('settings')[0]?.data, { visibility: 'own_organization' });
    assert.deepEqual(threadIds(onB.btc), [], 'another ministry never receives a thread it may not see');
    assert.equal(threadIds(onB.admin).length, 20);
    // Each stream got each thread once: B delivered A's events and did not publish them again.
    await eventually(() => adminOnA.named('settings').length === 1, 'A delivered its own events');
    for (const stream of [adminOnA, onB.admin, onB.byt]) assert.deepEqual(threadIds(stream), threadIds(onB.admin));
    assert.equal(new Set(threadIds(onB.admin)).size, 20);
  });

  test('a round opened on A: its round event and its notifications reach B, only for the consulted organisation; each reminder is sent once by the two processes', async () => {
    const notificationsOnB = { byt: listen(b, 'byt', '/api/notifications/stream'), btc: listen(b, 'btc', '/api/notifications/stream') };
    const documentOnB = { byt: listen(b, 'byt', `/api/documents/${documentId}/threads/events`), btc: listen(b, 'btc', `/api/documents/${documentId}/threads/events`) };
    await Promise.all([...Object.values(notificationsOnB), ...Object.values(documentOnB)].map((stream) => stream.opened));
    const bytId = ((await api(b, 'byt', 'GET', '/api/auth/me')) as { user: { id: string } }).user.id;
    await eventually(async () => (await subscribers(`notifications:${bytId}`)) === 1, 'B listens for the ministry officer');

    const revisionId = ((await api(a, 'admin', 'POST', `/api/documents/${documentId}/revisions`, { name: 'Dự thảo lần 1' }, 201)) as { id: string }).id;
    // The 3-day reminder falls due 30 s from now: time for B to know the round, then both race for it.
    const dueAt = Date.now() + 30_000;
    const deadline = new Date(dueAt + 3 * 24 * 3600_000).toISOString();
    const round = (await api(a, 'admin', 'POST', `/api/documents/${documentId}/rounds`, {
      title: 'Lấy ý kiến lần 1',
      requestLetter: { number: '15/VP', date: '2026-12-01' },
      revisionId,
      deadline,
      organizations: ['bo-y-te'],
      ministriesSeeEachOther: false,
    }, 201)) as { id: string };
    await catchUp(b);
    const roundsOnB = (await api(b, 'admin', 'GET', `/api/documents/${documentId}/rounds`)) as Array<{ id: string }>;
    assert.ok(roundsOnB.some((listed) => listed.id === round.id), 'B knows the round');
    assert.ok(Date.now() < dueAt, 'B knew the round before its reminder fell due');

    await eventually(() => documentOnB.byt.named('round').some((event) => (event.data as { roundId: string }).roundId === round.id), 'the round event reached the consulted ministry on B');
    await eventually(
      () => notificationsOnB.byt.named('notification').some((event) => (event.data as { notification: { kind: string } }).notification.kind === 'round_opened'),
      'the round_opened notification reached the officer on B',
    );
    const reminders = async (): Promise<number> =>
      Number((await schema.pool.query<{ count: string }>("SELECT count(*) AS count FROM notifications WHERE data->>'roundId' = $1 AND data->>'kind' = 'deadline_in_3_days'", [round.id])).rows[0]?.count);
    await eventually(async () => (await reminders()) > 0, 'the 3-day reminder was sent', 60_000);
    // Both processes keep looking every second: give them a few more rounds to send it again.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    assert.equal(await reminders(), 1, 'one officer of the one consulted organisation, reminded once');
    const claims = await schema.pool.query<{ key: string }>('SELECT key FROM reminder_claims WHERE key LIKE $1', [`${round.id}:%`]);
    assert.deepEqual(claims.rows.map((row) => row.key), [`${round.id}:bo-y-te:deadline_in_3_days:${new Date(deadline).toISOString()}`]);
    await eventually(
      () => notificationsOnB.byt.named('notification').some((event) => (event.data as { notification: { kind: string } }).notification.kind === 'deadline_in_3_days'),
      'the reminder reached the officer on B, whichever process sent it',
    );
    // Bộ Tài chính is not consulted: no round event, no notification.
    assert.equal(documentOnB.btc.named('round').length, 0);
    assert.equal(notificationsOnB.btc.named('notification').length, 0);
  });

  test('a Word file uploaded on A is confirmed on B (the preview is in PostgreSQL), once, even when confirmed on both at once', async () => {
    const docx = new Uint8Array(await styledOutline());
    const uploadOnA = async (): Promise<ImportPreview> => {
      const upload = await fetch(`${a.baseUrl}/api/documents/import?fileName=${encodeURIComponent('Đề cương.docx')}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get('admin')}`, 'content-type': DOCX_MEDIA_TYPE },
        body: docx,
      });
      assert.equal(upload.status, 201);
      return (await upload.json()) as ImportPreview;
    };
    const preview = await uploadOnA();
    const confirmed = (await api(b, 'admin', 'POST', `/api/documents/import/${preview.previewId}/confirm`, { title: 'Đề cương nhập trên B' }, 201)) as ConfirmImportResponse;
    assert.equal(confirmed.document.title, 'Đề cương nhập trên B');
    // Confirmed once: the preview is gone on every process.
    await api(a, 'admin', 'POST', `/api/documents/import/${preview.previewId}/confirm`, { title: 'Lần hai' }, 404);
    const rows = await schema.pool.query('SELECT id FROM import_previews WHERE id = $1', [preview.previewId]);
    assert.equal(rows.rowCount, 0);

    // A double click answered by two processes imports once.
    const clicked = await uploadOnA();
    const answers = await Promise.all(
      [a, b].map((server) => requestJson(server.baseUrl, 'POST', `/api/documents/import/${clicked.previewId}/confirm`, { token: tokens.get('admin'), body: { title: 'Nhấn hai lần' } })),
    );
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 404]);
    const imported = await schema.pool.query("SELECT id FROM record_rows WHERE collection = 'documents' AND data->>'title' = $1", ['Nhấn hai lần']);
    assert.equal(imported.rowCount, 1);
  });

  test('through nginx (deploy/nginx.conf, with A, B and a stopped process as its three): streams, requests and WebSockets work without sticky sessions', { skip: nginxSkip }, async () => {
    const prefix = mkdtempSync(join(tmpdir(), 'draftroom-nginx-'));
    dataDirs.push(prefix);
    const port = await freePort();
    const config = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8')
      .replaceAll('app1:3000', `127.0.0.1:${a.port}`)
      .replaceAll('app2:3000', `127.0.0.1:${b.port}`)
      .replaceAll('app3:3000', `127.0.0.1:${await freePort()}`)
      .replace('listen 80;', `listen 127.0.0.1:${port};`);
    writeFileSync(join(prefix, 'nginx.conf'), config);
    const checked = spawnSync('nginx', ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', `pid ${join(prefix, 'nginx.pid')};`], { encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stderr);
    nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', `daemon off; pid ${join(prefix, 'nginx.pid')};`], { stdio: 'ignore' });
    const proxy = { port, baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/collab` } as ServerProcess;
    await eventually(async () => (await fetch(`${proxy.baseUrl}/api/health/ready`).catch(() => null))?.status === 200, 'nginx answers');

    const stream = listen(proxy, 'admin', `/api/documents/${documentId}/threads/events`);
    await stream.opened;
    await eventually(async () => (await subscribers(`threads:${documentId}`)) >= 1, 'the stream behind nginx listens');
    // Round-robin spreads the comments over A and B; the one stream hears every one of them.
    const posted: string[] = [];
    for (let index = 0; index < 6; index++) {
      posted.push(((await api(proxy, 'admin', 'POST', `/api/documents/${documentId}/threads`, { body: `Qua nginx ${index + 1}.`, sectionBlockId }, 201)) as { id: string }).id);
    }
    await eventually(() => posted.every((id) => stream.named('thread').some((event) => (event.data as { id: string }).id === id)), 'every comment reached the stream through nginx');

    // The editors of one document land on one process (hash of the path): they converge.
    const first = connectClient(proxy.wsUrl, documentId, tokens.get('admin') ?? '');
    const second = connectClient(proxy.wsUrl, documentId, tokens.get('admin') ?? '');
    clients.push(first, second);
    await Promise.all([waitSynced(first, 30_000), waitSynced(second, 30_000)]);
    const heading = first.fragment.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading');
    (heading?.get(0) as Y.XmlText | undefined)?.insert(0, 'Qua nginx: ');
    await waitFor(() => contentOf(second) === contentOf(first) && contentOf(second).includes('Qua nginx: '), 'the edit reached the other editor through nginx');
  });
});
