import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, type ServerProcess } from './helpers/process.ts';

/**
 * `npm start` on an empty data directory: the banner is plain text lines (not JSON) with the
 * address, the data folder and the generated admin password, which works for signing in; the
 * next start on the same directory shows the banner without any password.
 */

/** Waits until the process has printed its banner's closing rule. */
async function bannerOf(server: ServerProcess): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const match = /\n(=+)\nDraftroom đang chạy[\s\S]*?\n\1\n/.exec(server.output());
    if (match) return match[0];
    if (Date.now() > deadline) throw new Error(`no banner in:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

test('the first start prints a readable banner with a working admin password; the second start prints none', { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'draftroom-banner-'));
  try {
    const first = await spawnServer(dataDir, { ADMIN_PASSWORD: '', LOG_LEVEL: 'info' });
    let password: string;
    try {
      const banner = await bannerOf(first);
      for (const line of banner.split('\n').filter((l) => l.trim() !== '')) {
        assert.ok(!line.trimStart().startsWith('{'), `a banner line is plain text: ${line}`);
      }
      assert.match(banner, new RegExp(`Address:\\s+http://127\\.0\\.0\\.1:${first.port}`));
      assert.ok(banner.includes(dataDir), 'the data folder is named');
      const found = /Password:\s+(\S+)/.exec(banner);
      assert.ok(found, 'the generated password is shown');
      password = found[1] ?? '';
      const login = await fetch(`${first.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      assert.equal(login.status, 200, 'the printed password signs admin in');
      assert.equal(first.output().split(password).length - 1, 1, 'the password is printed exactly once');
    } finally {
      await stop(first);
    }
    const second = await spawnServer(dataDir, { ADMIN_PASSWORD: '' });
    try {
      const banner = await bannerOf(second);
      assert.doesNotMatch(banner, /Password|Mật khẩu/);
      assert.ok(!second.output().includes(password), 'the password is never shown again');
    } finally {
      await stop(second);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
