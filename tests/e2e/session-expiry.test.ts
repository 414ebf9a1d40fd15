import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, openEditor, signIn, TIMEOUT, useServerAndBrowser } from './browser.ts';

/**
 * End to end, in a real Chromium: a committee member is typing a comment when their session
 * ends (here the secretariat resets their password, which revokes it at once, like an expiry).
 * The page goes to the login page; after signing in again they are back on the document, and
 * the new comment form gives back what they had typed. Needs `npm run build:client` first.
 */

const EDITOR = { username: 'bientap.hethan', password: 'mat-khau-bien-tap', displayName: 'Lê Văn Hết', role: 'editor' };
const NEW_PASSWORD = 'mat-khau-moi-1234';
const TYPED = 'Đề nghị bổ sung nội dung về an ninh nguồn nước — chưa gửi.';

const world = useServerAndBrowser();

test('a comment typed when the session ends survives the trip through the login page, which returns to the document', { timeout: 120_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  const editorId = await server.createUser(admin, EDITOR);
  const documentId = await server.createDocument(admin, 'Đề cương hết phiên', 'nts-2030-2045');
  const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [editorId], organizations: [] } });
  assert.equal(access.status, 200);

  const errors: string[] = [];
  const { page } = await newPage(browser, 'biên tập', errors);
  await signIn(page, server.baseUrl, EDITOR.username, EDITOR.password);
  await openEditor(page, server.baseUrl, documentId);
  await page.locator('.comments-panel__new').click();
  const form = page.locator('form.new-thread-form');
  await form.locator('textarea[name="body"]').fill(TYPED);

  const reset = await requestJson(server.baseUrl, 'POST', `/api/users/${editorId}/password`, { token: admin, body: { password: NEW_PASSWORD } });
  assert.equal(reset.status, 204);
  // The page may notice at once (its socket is closed) or when the comment is sent.
  if (!page.url().includes('/login')) await form.locator('button[type="submit"]').click({ timeout: 2_000 }).catch(() => undefined);
  await page.waitForURL(/\/login\?next=/, { timeout: TIMEOUT });
  assert.equal(new URL(page.url()).searchParams.get('next'), `/documents/${documentId}`);

  await page.locator('input[name="username"]').fill(EDITOR.username);
  await page.locator('input[name="password"]').fill(NEW_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(`${server.baseUrl}/documents/${documentId}`, { timeout: TIMEOUT });
  await page.locator('.comments-panel__new').click();
  assert.equal(await page.locator('form.new-thread-form textarea[name="body"]').inputValue(), TYPED, 'the typed comment is back');
});

test('the login page only returns to pages of this site', { timeout: 60_000 }, async () => {
  const { server, browser } = world();
  const { page } = await newPage(browser, 'khách', []);
  for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
    await page.goto(`${server.baseUrl}/login?next=${encodeURIComponent(next)}`);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(server.adminPassword);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(`${server.baseUrl}/`, { timeout: TIMEOUT });
    await page.context().clearCookies();
  }
});
