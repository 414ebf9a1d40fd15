import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, signIn, TIMEOUT, useServerAndBrowser } from './browser.ts';

/**
 * End to end, in a real Chromium: an unknown address and a document one may not open show a
 * page with the usual header and a way back, in Vietnamese; API clients still get JSON errors.
 * Needs `npm run build:client` first and Chromium (see browser.ts).
 */

const MINISTRY = { username: 'canbo.loi', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Lỗi', role: 'ministry', organizationId: 'bo-y-te' };

const world = useServerAndBrowser();

test('an unknown address shows the not-found page with the header; the API answers JSON', { timeout: 90_000 }, async () => {
  const { server, browser } = world();
  const errors: string[] = [];
  const { page } = await newPage(browser, 'thư ký', errors);
  await signIn(page, server.baseUrl, 'admin', server.adminPassword);
  const response = await page.goto(`${server.baseUrl}/khong-co-trang-nay`);
  assert.equal(response?.status(), 404);
  await page.locator('.error-page__title', { hasText: 'Không tìm thấy trang này.' }).waitFor({ timeout: TIMEOUT });
  assert.equal(await page.locator('header a[href="/"]').count() > 0, true, 'the header with the way home');
  assert.ok(!((await page.content()).includes('ERR_NOT_FOUND')), 'no raw JSON');

  const api = await fetch(`${server.baseUrl}/api/khong-co`, { headers: { accept: 'text/html,application/json' } });
  assert.equal(api.status, 404);
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'ERR_NOT_FOUND');
  const plain = await fetch(`${server.baseUrl}/khong-co-trang-nay`);
  assert.equal(plain.status, 404);
  assert.match(plain.headers.get('content-type') ?? '', /json/, 'a client that does not ask for HTML gets JSON');
  // The browser logs the page's own 404 status; nothing else may fail.
  assert.deepEqual(errors.filter((error) => !error.includes('status of 404')), []);
});

test('a document one may not open says so under the usual header', { timeout: 90_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, MINISTRY);
  const documentId = await server.createDocument(admin, 'Đề cương nội bộ');
  const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: [] } });
  assert.equal(access.status, 200);
  const { page } = await newPage(browser, 'bộ', []);
  await signIn(page, server.baseUrl, MINISTRY.username, MINISTRY.password);
  await page.goto(`${server.baseUrl}/documents/${documentId}`);
  await page.locator('.error-page__title', { hasText: 'Bạn không có quyền mở dự thảo này.' }).waitFor({ timeout: TIMEOUT });
  assert.equal(await page.locator('header a[href="/"]').count() > 0, true);
});
