import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';
import { faultyIo } from '../helpers/faulty-io.ts';

const newUser = { username: 'minh', password: 'mat-khau-dai', displayName: 'Minh', role: 'editor' };

test('a write the disk refuses answers 503 ERR_STORAGE_UNAVAILABLE, changes nothing, and health recovers with the disk', async () => {
  const dataDir = tempDataDir();
  const io = faultyIo();
  const server = await startTestServer({ dataDir, storageIo: io });
  const token = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(token, 'Đề cương');
  const threadsPath = `/api/documents/${documentId}/threads`;
  assert.equal((await requestJson(server.baseUrl, 'GET', threadsPath, { token })).status, 200);

  io.failing = true;
  const refused = await requestJson(server.baseUrl, 'POST', threadsPath, { token, body: { body: 'Góp ý một', sectionBlockId: 'sec-1' } });
  assert.equal(refused.status, 503);
  assert.equal((refused.body as { error: { code: string } }).error.code, 'ERR_STORAGE_UNAVAILABLE');
  const refusedUser = await requestJson(server.baseUrl, 'POST', '/api/users', { token, body: newUser });
  assert.equal(refusedUser.status, 503);
  assert.equal((refusedUser.body as { error: { code: string } }).error.code, 'ERR_STORAGE_UNAVAILABLE');
  const unhealthy = await requestJson(server.baseUrl, 'GET', '/api/health');
  assert.equal(unhealthy.status, 503);
  assert.equal((unhealthy.body as { status: string }).status, 'unavailable');
  assert.match((unhealthy.body as { reason: string }).reason, /ENOSPC/);
  // Reads keep working, and show nothing of the refused writes.
  const during = await requestJson(server.baseUrl, 'GET', threadsPath, { token });
  assert.equal(during.status, 200);
  assert.equal((during.body as { threads: unknown[] }).threads.length, 0);

  io.failing = false;
  const healthy = await fetch(`${server.baseUrl}/api/health`);
  assert.equal(healthy.status, 200);
  assert.equal(await healthy.text(), '{"status":"ok"}');
  assert.equal((await requestJson(server.baseUrl, 'POST', '/api/users', { token, body: newUser })).status, 201, 'the retry is not a 409');
  assert.equal((await requestJson(server.baseUrl, 'POST', threadsPath, { token, body: { body: 'Góp ý một', sectionBlockId: 'sec-1' } })).status, 201);
  await server.close({ keepData: true });

  const restarted = await startTestServer({ dataDir });
  const again = await restarted.login('admin', restarted.adminPassword);
  const threads = (await requestJson(restarted.baseUrl, 'GET', threadsPath, { token: again })).body as { threads: Array<{ comments: Array<{ body: string }> }> };
  assert.deepEqual(threads.threads.map((thread) => thread.comments[0]?.body), ['Góp ý một'], 'nothing invented, nothing lost');
  const users = (await requestJson(restarted.baseUrl, 'GET', '/api/users', { token: again })).body as Array<{ username: string }>;
  assert.equal(users.filter((user) => user.username === 'minh').length, 1);
  await restarted.close({ keepData: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** Mounts a small tmpfs, or returns null when this machine does not allow it (not root). */
function smallFilesystem(): { path: string; unmount(): void } | null {
  const path = join(tempDataDir(), 'mnt');
  mkdirSync(path);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', path], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return { path, unmount: () => execFileSync('umount', ['-l', path], { stdio: 'ignore' }) };
}

test('on a really full filesystem (tmpfs) a comment is refused with 503 and accepted once space returns', async (t) => {
  const mount = smallFilesystem();
  if (mount === null) {
    t.skip('mounting a tmpfs needs root; the injected-failure test above covers the same contract');
    return;
  }
  try {
    const dataDir = join(mount.path, 'data');
    const server = await startTestServer({ dataDir });
    const token = await server.login('admin', server.adminPassword);
    const documentId = await server.createDocument(token, 'Đề cương');
    const threadsPath = `/api/documents/${documentId}/threads`;
    assert.equal((await requestJson(server.baseUrl, 'GET', threadsPath, { token })).status, 200);
    const filler = join(mount.path, 'filler');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (let i = 0; i < 1000; i++) writeFileSync(filler, chunk, { flag: 'a' });
    } catch {
      // ENOSPC: the filesystem is full now.
    }
    const refused = await requestJson(server.baseUrl, 'POST', threadsPath, { token, body: { body: 'Khi đầy đĩa', sectionBlockId: 'sec-1' } });
    assert.equal(refused.status, 503);
    assert.equal((refused.body as { error: { code: string } }).error.code, 'ERR_STORAGE_UNAVAILABLE');
    assert.equal((await requestJson(server.baseUrl, 'GET', '/api/health')).status, 503);
    rmSync(filler);
    assert.equal((await requestJson(server.baseUrl, 'GET', '/api/health')).status, 200);
    assert.equal((await requestJson(server.baseUrl, 'POST', threadsPath, { token, body: { body: 'Khi đầy đĩa', sectionBlockId: 'sec-1' } })).status, 201);
    await server.close({ keepData: true });
    const restarted = await startTestServer({ dataDir });
    const again = await restarted.login('admin', restarted.adminPassword);
    const threads = (await requestJson(restarted.baseUrl, 'GET', threadsPath, { token: again })).body as { threads: unknown[] };
    assert.equal(threads.threads.length, 1);
    await restarted.close({ keepData: true });
  } finally {
    mount.unmount();
  }
});
