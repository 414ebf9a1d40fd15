import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSessionToken } from '../../server/auth/tokens.ts';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';

test('threads, submissions, sessions and authorship kept in records.json by older versions move to their tables once', async () => {
  const dataDir = tempDataDir();
  const server = await startTestServer({ dataDir });
  const token = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(token, 'Cũ');
  await server.close({ keepData: true });

  const recordsPath = join(dataDir, 'records.json');
  const records = JSON.parse(readFileSync(recordsPath, 'utf8')) as { users: Array<{ id: string }> };
  const adminId = records.users[0]?.id ?? '';
  const now = new Date().toISOString();
  const oldToken = 'token-from-an-older-version';
  const legacy = {
    ...records,
    threads: [
      {
        id: 'thread-old',
        documentId,
        organizationId: null,
        authorId: adminId,
        source: 'inline',
        anchor: null,
        sectionBlockId: 'sec-1',
        revisionId: null,
        submissionId: null,
        meeting: null,
        status: 'open',
        explanation: null,
        decidedBy: null,
        decidedAt: null,
        history: [{ status: 'open', explanation: null, by: adminId, at: now }],
        comments: [{ id: 'c1', authorId: adminId, body: 'Ý kiến cũ', createdAt: now }],
        createdAt: now,
        updatedAt: now,
      },
    ],
    submissions: [],
    sessions: [{ tokenHash: hashSessionToken(oldToken), userId: adminId, createdAt: now, expiresAt: new Date(Date.now() + 3600_000).toISOString() }],
    clientAuthors: [{ documentId, clientId: 42, userId: adminId }],
  };
  writeFileSync(recordsPath, JSON.stringify(legacy));

  for (let start = 0; start < 2; start++) {
    const migrated = await startTestServer({ dataDir });
    const threads = await requestJson(migrated.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: oldToken });
    assert.equal(threads.status, 200, 'the old session still works');
    assert.deepEqual((threads.body as { threads: Array<{ id: string }> }).threads.map((thread) => thread.id), ['thread-old'], 'moved once, never duplicated');
    await migrated.close({ keepData: true });
  }
  const after = JSON.parse(readFileSync(recordsPath, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(after).sort(), ['documents', 'organizations', 'revisions', 'rounds', 'settings', 'users']);
  assert.ok(existsSync(join(dataDir, 'comments', `${documentId}.table`)));
  assert.ok(existsSync(join(dataDir, 'sessions.table')));
  assert.ok(readFileSync(join(dataDir, 'client-authors.table')).includes('"clientId":42'));
});
