import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage as openPage, signIn } from './browser.ts';

/**
 * End to end, in a real Chromium: an account locked after too many failed sign-ins is told
 * when to retry on the login page; the secretariat sees the lock on the account's row in
 * /admin and lifts it with one button, after which the account signs in.
 */

const OFFICER = { username: 'khoa.le', password: 'mat-khau-cua-khoa', displayName: 'Lê Khoa', role: 'editor' };

let server: TestServer | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, OFFICER);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a locked account is told when to retry; the secretariat unlocks it from /admin', async () => {
  if (!server || !browser) throw new Error('not started');
  const baseUrl = server.baseUrl;
  for (let index = 0; index < 10; index++) {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: OFFICER.username, password: `doan-sai-${index}` }),
    });
    assert.equal(response.status, 401);
  }

  const officer = await openPage(browser, 'officer', pageErrors);
  await officer.page.goto(`${baseUrl}/login`);
  await officer.page.locator('input[name="username"]').fill(OFFICER.username);
  await officer.page.locator('input[name="password"]').fill(OFFICER.password);
  await officer.page.locator('form button[type="submit"]').click();
  const alert = officer.page.locator('[role="alert"]', { hasText: 'thử lại sau' });
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /\d+ phút \(sau \d{2}:\d{2}\)/);

  const admin = await openPage(browser, 'admin', pageErrors);
  await signIn(admin.page, baseUrl, 'admin', server.adminPassword);
  await admin.page.goto(`${baseUrl}/admin`);
  const row = admin.page.locator(`table.users-table tr[data-username="${OFFICER.username}"]`);
  await row.locator('[data-locked-until]', { hasText: 'Tạm khóa đăng nhập' }).waitFor();
  await row.locator('button', { hasText: 'Mở khóa đăng nhập' }).click();
  await row.locator('td', { hasText: 'Đang hoạt động' }).waitFor();
  assert.equal(await row.locator('[data-locked-until]').count(), 0);

  await signIn(officer.page, baseUrl, OFFICER.username, OFFICER.password);
  // The refused sign-in's 429 is logged by Chromium as a failed resource; nothing else may fail.
  assert.deepEqual(pageErrors.filter((error) => !error.includes('Failed to load resource')), []);
});
