import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { openEmbeddedStore } from '../../../server/storage/embedded-store.ts';
import { verifyMigration } from '../../../server/storage/postgres/import-embedded.ts';
import { openPostgresStore } from '../../../server/storage/postgres/postgres-store.ts';
import { anchorFor } from '../../comments/helpers.ts';
import { connectClient, contentOf, waitFor, waitSynced } from '../../helpers/clients.ts';
import { createTestSchema, sharedModeSkip, TEST_REDIS_URL, type TestSchema } from '../../helpers/postgres.ts';
import { requestJson, startTestServer, tempDataDir } from '../../helpers/server.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..', '..');
const silent = { warn() {}, info() {} };

/** Runs the migration command as an operator would; resolves with its exit code and output. */
function migrate(dataDir: string, databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/storage/postgres/migrate-cli.ts', '--data-dir', dataDir, '--database-url', databaseUrl], { cwd: projectRoot });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolveRun({ code, output }));
  });
}

describe('migrating an embedded data folder into PostgreSQL', { skip: await sharedModeSkip() }, () => {
  let schema: TestSchema;
  const dataDir = tempDataDir();
  let documentId = '';
  let content = '';
  let threads: unknown;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Công văn số 12', 'utf8')]);
  let submissionId = '';

  before(async () => {
    schema = await createTestSchema();
    // An embedded folder in real use: a document edited over WebSocket, a thread, a submission
    // with its attachment, a named revision.
    const server = await startTestServer({ dataDir });
    const admin = await server.login('admin', server.adminPassword);
    documentId = await server.createDocument(admin, 'Chiến lược', 'nts-2030-2045');
    await server.createUser(admin, { username: 'byt', password: 'pw-byt-long', displayName: 'Cán bộ Bộ Y tế', role: 'ministry', organizationId: 'bo-y-te' });
    await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
    const ministry = await server.login('byt', 'pw-byt-long');
    const client = connectClient(server.wsUrl, documentId, admin);
    await waitSynced(client);
    client.doc.transact(() => {
      const paragraph = client.fragment.toArray().find((node) => node.toString().startsWith('<paragraph'));
      (paragraph as unknown as { get(index: number): { insert(at: number, text: string): void } }).get(0).insert(0, 'Mở đầu đã sửa. ');
    });
    const documentPath = `/api/documents/${documentId}`;
    const thread = await requestJson(server.baseUrl, 'POST', `${documentPath}/threads`, { token: admin, body: { body: 'Đề nghị làm rõ.', anchor: anchorFor(client, 'thiên tai cực đoan') } });
    assert.equal(thread.status, 201, JSON.stringify(thread.body));
    const filed = await requestJson(server.baseUrl, 'POST', `${documentPath}/submissions`, {
      token: ministry,
      body: {
        documentNumber: '12/BYT-PC',
        date: '2026-11-18',
        signer: 'Thứ trưởng',
        noComments: false,
        attachment: { fileName: 'cong-van.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') },
        items: [{ body: 'Bổ sung dịch bệnh.', anchor: anchorFor(client, 'thiên tai cực đoan') }],
      },
    });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    submissionId = (filed.body as { id: string }).id;
    assert.equal((await requestJson(server.baseUrl, 'POST', `${documentPath}/revisions`, { token: admin, body: { name: 'Dự thảo lần 1' } })).status, 201);
    threads = (await requestJson(server.baseUrl, 'GET', `${documentPath}/threads`, { token: admin })).body;
    // Renamed bodies (the settings, one record) through the API.
    const renamed = await requestJson(server.baseUrl, 'PUT', '/api/settings/terminology', { token: admin, body: { draftingBody: 'Ban soạn thảo' } });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    content = contentOf(client);
    client.destroy();
    await server.close({ keepData: true });
    // Notifications, preferences, a reminder claim and an edit record, stored as the server stores them.
    const store = await openEmbeddedStore(dataDir, silent, { fsyncIntervalMs: 0 });
    try {
      const adminId = store.records.read((data) => data.users.find((user) => user.username === 'admin')?.id);
      assert.ok(adminId);
      const notification = { id: 'n-migrated', userId: adminId, kind: 'response_received' as const, documentId, roundId: null, threadId: null, title: 'Có văn bản góp ý mới', body: 'Bộ Y tế đã gửi văn bản.', link: `/documents/${documentId}`, createdAt: new Date().toISOString(), readAt: null };
      await store.notifications.add([notification, { ...notification, id: 'n-read', readAt: new Date().toISOString() }]);
      await store.notifications.setPreferences({ userId: adminId, inApp: {}, email: { response_received: false }, updatedAt: new Date().toISOString() });
      assert.equal(await store.notifications.claimReminder({ key: 'round:org:overdue:2026-12-01', owner: 'p1', claimedAt: new Date().toISOString(), completedAt: null }, ''), true);
      await store.notifications.completeReminder('round:org:overdue:2026-12-01', new Date().toISOString());
      await store.edits.append(documentId, [{ userId: adminId, at: Date.now(), inserted: [[7, 0, 4]], deleted: [[7, 4, 2]] }]);
    } finally {
      await store.close();
    }
  });

  after(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await schema.drop();
  });

  test('the command copies and verifies everything; a server on the database then serves it unchanged', async () => {
    const run = await migrate(dataDir, schema.url);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Verified: the database holds everything the data folder holds/);
    assert.match(run.output, /threads +2 +2 +yes/);
    assert.match(run.output, /documents with identical encoded state +1 +1 +yes/);
    assert.match(run.output, /revision states, byte for byte +2 +2 +yes/);
    assert.match(run.output, /attachments +1 +1 +yes/);
    assert.match(run.output, /records: settings +1 +1 +yes/);
    assert.match(run.output, /notifications +2 +2 +yes/);
    assert.match(run.output, /notification preferences +1 +1 +yes/);
    assert.match(run.output, /reminder claims +1 +1 +yes/);
    const edits = /edit attribution records +(\d+) +(\d+) +yes/.exec(run.output);
    assert.ok(edits && Number(edits[1]) >= 1 && edits[1] === edits[2], run.output);
    assert.doesNotMatch(run.output, /\bNO\b/);

    const again = await migrate(dataDir, schema.url);
    assert.equal(again.code, 1, 'a database in use is refused');
    assert.match(again.output, /already holds accounts or documents/);

    // The whole application on the migrated database: sign in, read, edit over WebSocket, comment.
    const server = await startTestServer({ dataDir: tempDataDir(), databaseUrl: schema.url, redisUrl: TEST_REDIS_URL });
    try {
      const admin = await server.login('admin', server.adminPassword);
      const documentPath = `/api/documents/${documentId}`;
      assert.deepEqual((await requestJson(server.baseUrl, 'GET', `${documentPath}/threads`, { token: admin })).body, threads);
      assert.equal(((await requestJson(server.baseUrl, 'GET', '/api/settings/terminology')).body as { draftingBody: string }).draftingBody, 'Ban soạn thảo');
      const notifications = (await requestJson(server.baseUrl, 'GET', '/api/notifications', { token: admin })).body as { notifications: Array<{ id: string }>; unread: number };
      assert.deepEqual(notifications.notifications.map((row) => row.id).filter((id) => id.startsWith('n-')), ['n-read', 'n-migrated']);
      assert.equal(notifications.unread, notifications.notifications.filter((row) => (row as { readAt?: string | null }).readAt === null).length);
      const reader = connectClient(server.wsUrl, documentId, admin);
      const writer = connectClient(server.wsUrl, documentId, admin);
      try {
        await Promise.all([waitSynced(reader), waitSynced(writer)]);
        assert.equal(contentOf(reader), content);
        writer.doc.transact(() => {
          const paragraph = writer.fragment.toArray().find((node) => node.toString().startsWith('<paragraph'));
          (paragraph as unknown as { get(index: number): { insert(at: number, text: string): void } }).get(0).insert(0, 'Sau chuyển đổi. ');
        });
        await waitFor(() => contentOf(reader) === contentOf(writer), 'the edit reached the other client');
        const comment = await requestJson(server.baseUrl, 'POST', `${documentPath}/threads`, { token: admin, body: { body: 'Góp ý mới.', anchor: anchorFor(reader, 'Sau chuyển đổi') } });
        assert.equal(comment.status, 201, JSON.stringify(comment.body));
        const download = await fetch(`${server.baseUrl}${documentPath}/submissions/${submissionId}/attachment`, { headers: { authorization: `Bearer ${admin}` } });
        assert.deepEqual(Buffer.from(await download.arrayBuffer()), pdf);
      } finally {
        reader.destroy();
        writer.destroy();
      }
    } finally {
      await server.close();
    }
  });

  test('the verification notices a missing row', async () => {
    await schema.pool.query("DELETE FROM comment_rows WHERE kind = 'submission'");
    const source = await openEmbeddedStore(dataDir, silent, { fsyncIntervalMs: 0 });
    const target = await openPostgresStore(schema.url, silent);
    try {
      const verification = await verifyMigration(source, target);
      assert.equal(verification.ok, false);
      assert.deepEqual(verification.rows.find((row) => row.what === 'submissions'), { what: 'submissions', embedded: 1, postgres: 0, ok: false });
    } finally {
      await target.close();
      await source.close();
    }
  });
});
