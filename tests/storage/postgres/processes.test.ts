import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { MIGRATIONS } from '../../../server/storage/postgres/migrations.ts';
import { readSeedOrganizations } from '../../../server/organizations/seed.ts';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../../helpers/clients.ts';
import { spawnServer, type ServerProcess } from '../../helpers/process.ts';
import { createTestSchema, sharedModeSkip, TEST_REDIS_URL, type TestSchema } from '../../helpers/postgres.ts';
import { requestJson, TEST_ADMIN_PASSWORD, tempDataDir } from '../../helpers/server.ts';
import { anchorFor } from '../../comments/helpers.ts';
import { prng } from '../../helpers/prng.ts';

const templatesDir = new URL('../../../templates', import.meta.url).pathname;

/** Stops a server process gracefully (SIGTERM: it stores every open document first). */
async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0, server.output());
}

describe('server processes on PostgreSQL', { skip: await sharedModeSkip() }, () => {
  let schema: TestSchema;
  const dataDirs: string[] = [];
  const running = new Set<ServerProcess>();
  const clients: TestClient[] = [];

  const start = async (): Promise<ServerProcess> => {
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    // Generous: three processes compiling TypeScript at once on a busy 2-core machine start slowly.
    const server = await spawnServer(dataDir, { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, UNLOAD_DELAY_MS: '200' }, 150_000);
    running.add(server);
    return server;
  };

  before(async () => {
    schema = await createTestSchema();
  });

  after(async () => {
    for (const client of clients) client.destroy();
    for (const server of running) server.child.kill('SIGKILL');
    await Promise.all([...running].map((server) => server.exited));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    await schema.drop();
  });

  // The first process of the cold-start test: one of the two started together.
  let survivor: ServerProcess | undefined;

  test('two processes starting at once on an empty database apply each migration once and seed once', async () => {
    const servers = await Promise.all([start(), start()]);
    const migrations = await schema.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(migrations.rows.map((row) => row.version), MIGRATIONS.map((migration) => migration.version));
    const counts = await schema.pool.query<{ collection: string; count: string }>('SELECT collection, count(*) AS count FROM record_rows GROUP BY collection ORDER BY collection');
    assert.deepEqual(counts.rows, [
      { collection: 'organizations', count: String(readSeedOrganizations(templatesDir).length) },
      // The settings are one object, stored as one row.
      { collection: 'settings', count: '1' },
      { collection: 'users', count: '1' },
    ]);
    for (const server of servers) {
      const ready = await requestJson(server.baseUrl, 'GET', '/api/health/ready');
      assert.deepEqual(ready, { status: 200, body: { status: 'ready', mode: 'shared', storage: { ok: true }, redis: { ok: true } } });
      assert.deepEqual(await requestJson(server.baseUrl, 'GET', '/api/health'), { status: 200, body: { status: 'ok' } });
    }
    const [kept, other] = servers;
    assert.ok(kept && other);
    assert.match(kept.output(), /Cơ sở dữ liệu \/ Database: +postgres:\/\/postgres@127\.0\.0\.1/);
    await stop(other);
    running.delete(other);
    survivor = kept;
  });

  test('cold start: edits, comments, a submission with its attachment and a revision reload unchanged in a new process', async () => {
    // Started with the other process above (starting processes is slow on a busy machine).
    const first = survivor ?? (await start());
    const login = async (server: ServerProcess, username: string, password: string): Promise<string> => {
      const answer = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (answer.body as { token: string }).token;
    };
    const admin = await login(first, 'admin', TEST_ADMIN_PASSWORD);
    const api = async (server: ServerProcess, token: string, method: string, path: string, body?: unknown, expected = 200): Promise<unknown> => {
      const answer = await requestJson(server.baseUrl, method, path, { token, body });
      assert.equal(answer.status, expected, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const documentId = ((await api(first, admin, 'POST', '/api/documents', { title: 'Chiến lược', templateId: 'nts-2030-2045' }, 201)) as { id: string }).id;
    await api(first, admin, 'POST', '/api/users', { username: 'byt', password: 'pw-byt-long', displayName: 'Cán bộ Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' }, 201);
    await api(first, admin, 'PUT', `/api/documents/${documentId}/access`, { members: [], organizations: ['bo-y-te'] });
    const ministry = await login(first, 'byt', 'pw-byt-long');

    const writer = connectClient(first.wsUrl, documentId, admin);
    const peer = connectClient(first.wsUrl, documentId, admin);
    clients.push(writer, peer);
    await Promise.all([waitSynced(writer), waitSynced(peer)]);
    const random = prng(1515);
    const paragraphs = writer.fragment.toArray().filter((node) => node.toString().startsWith('<paragraph'));
    for (let index = 0; index < 60; index++) {
      const paragraph = paragraphs[Math.floor(random() * paragraphs.length)];
      const text = (paragraph as { get(index: number): unknown } | undefined)?.get(0) as { length: number; insert(at: number, text: string): void } | undefined;
      // At the end of a paragraph, so the passages the comments quote stay whole.
      text?.insert(text.length, ` sửa ${index}`);
    }
    await waitFor(() => contentOf(peer) === contentOf(writer), 'the peer received every edit');

    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Công văn góp ý', 'utf8')]);
    await api(first, admin, 'POST', `/api/documents/${documentId}/threads`, { body: 'Đề nghị làm rõ.', anchor: anchorFor(peer, 'thiên tai cực đoan') }, 201);
    const submission = (await api(
      first,
      ministry,
      'POST',
      `/api/documents/${documentId}/submissions`,
      {
        documentNumber: '12/BYT-PC',
        date: '2026-11-18',
        signer: 'Thứ trưởng',
        noComments: false,
        attachment: { fileName: 'cong-van.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') },
        items: [{ body: 'Bổ sung dịch bệnh.', anchor: anchorFor(peer, 'thiên tai cực đoan') }],
      },
      201,
    )) as { id: string };
    await api(first, admin, 'POST', `/api/documents/${documentId}/revisions`, { name: 'Dự thảo lần 1' }, 201);
    const content = contentOf(writer);
    const threads = await api(first, admin, 'GET', `/api/documents/${documentId}/threads`);
    // Named revisions only: closing the process may add an automatic checkpoint (last editor left).
    const named = async (server: ServerProcess): Promise<unknown[]> =>
      ((await api(server, admin, 'GET', `/api/documents/${documentId}/revisions`)) as Array<{ kind: string }>).filter((revision) => revision.kind === 'named');
    const revisions = await named(first);
    assert.equal(revisions.length, 1);
    writer.destroy();
    peer.destroy();
    await stop(first);
    running.delete(first);

    const second = await start();
    // The session is in PostgreSQL too: the old token still works on the new process.
    assert.deepEqual(await api(second, admin, 'GET', `/api/documents/${documentId}/threads`), threads);
    assert.deepEqual(await named(second), revisions);
    const reader = connectClient(second.wsUrl, documentId, admin);
    clients.push(reader);
    await waitSynced(reader);
    assert.equal(contentOf(reader), content);
    const download = await fetch(`${second.baseUrl}/api/documents/${documentId}/submissions/${submission.id}/attachment`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), pdf);
  });
});
