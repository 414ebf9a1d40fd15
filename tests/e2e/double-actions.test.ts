import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Route } from 'playwright-core';
import { requestJson } from '../helpers/server.ts';
import { newPage, signIn, TIMEOUT, useServerAndBrowser, type BrowserWorld } from './browser.ts';

/**
 * End to end, in a real Chromium: a double click (or Enter pressed twice) creates one thing,
 * never two; archiving a document asks first. The server's answer to the creating request is
 * held back 400 ms so that the second click surely lands while the first is in flight.
 * Needs `npm run build:client` first and Chromium (see browser.ts).
 */

const world = useServerAndBrowser();
const pageErrors: string[] = [];
let adminToken: Promise<string> | null = null;

/** The secretariat's API token, signed in once. */
function admin(): Promise<string> {
  adminToken ??= world().server.login('admin', world().server.adminPassword);
  return adminToken;
}

function started(): BrowserWorld {
  return world();
}

/** Delays the answers to `POST <path>` by 400 ms. */
async function slowPost(page: Page, path: string): Promise<void> {
  await page.route(`**${path}`, async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await new Promise((r) => setTimeout(r, 400));
    return route.continue();
  });
}

async function signedInSecretariat(): Promise<Page> {
  const { server, browser } = started();
  const { page } = await newPage(browser, 'thư ký', pageErrors);
  await signIn(page, server.baseUrl, 'admin', server.adminPassword);
  return page;
}

test('double-clicking "Tạo dự thảo" creates one document and opens it', { timeout: 90_000 }, async () => {
  const { server } = started();
  const page = await signedInSecretariat();
  await slowPost(page, '/api/documents');
  const title = 'Đề cương bấm hai lần';
  await page.locator('#create-title').fill(title);
  await page.getByRole('button', { name: 'Tạo dự thảo' }).dblclick();
  await page.waitForURL(/\/documents\/[^/]+$/, { timeout: TIMEOUT });
  const list = await requestJson(server.baseUrl, 'GET', '/api/documents', { token: await admin() });
  const documents = list.body as Array<{ title: string }>;
  assert.equal(documents.filter((document) => document.title === title).length, 1);
  assert.deepEqual(pageErrors, []);
});

test('double-clicking "Tạo tài khoản" creates a ministry account once, with no "already used" error; the emptied form no longer requires an organisation', { timeout: 90_000 }, async () => {
  const { server } = started();
  const page = await signedInSecretariat();
  await page.goto(`${server.baseUrl}/admin`);
  await slowPost(page, '/api/users');
  const form = page.locator('form.user-create-form');
  await form.locator('input[name="username"]').fill('hai.lan');
  await form.locator('input[name="displayName"]').fill('Trần Hai Lần');
  await form.locator('input[name="password"]').fill('mat-khau-hai-lan');
  await form.locator('select[name="role"]').selectOption('ministry');
  await form.locator('select[name="organizationId"]').selectOption('bo-y-te');
  assert.equal(await form.locator('.organization-field .field--required').count(), 1, 'required for a ministry officer');
  await form.getByRole('button', { name: 'Tạo tài khoản' }).dblclick();
  await page.getByText('Đã tạo tài khoản hai.lan.').waitFor({ timeout: TIMEOUT });
  assert.equal(await page.getByText('Tên đăng nhập này đã được sử dụng.').count(), 0);
  assert.equal(await form.locator('select[name="role"]').inputValue(), 'editor', 'the form is emptied');
  assert.equal(await form.locator('.organization-field .field--required').count(), 0, 'no longer marked required');
  assert.equal(await form.locator('select[name="organizationId"]').evaluate((select) => (select as HTMLSelectElement).required), false);
  const users = await requestJson(server.baseUrl, 'GET', '/api/users', { token: await admin() });
  assert.equal((users.body as Array<{ username: string }>).filter((user) => user.username === 'hai.lan').length, 1);
  // The status reads as plain text in its cell, not as the comments' grey status pill.
  const status = page.locator('tr', { hasText: 'hai.lan' }).locator('.account-status');
  await status.waitFor({ timeout: TIMEOUT });
  assert.equal(await status.evaluate((cell) => getComputedStyle(cell).backgroundColor), 'rgba(0, 0, 0, 0)');
  assert.equal(await status.evaluate((cell) => getComputedStyle(cell).borderTopLeftRadius), '0px');
  assert.deepEqual(pageErrors, []);
});

test('archiving asks first: "Hủy" keeps the document, "Xác nhận lưu trữ" archives it', { timeout: 90_000 }, async () => {
  const { server } = started();
  const id = await server.createDocument(await admin(), 'Đề cương sắp lưu trữ');
  const page = await signedInSecretariat();
  const row = page.locator(`tr[data-document-id="${id}"]`);
  await row.getByRole('button', { name: 'Lưu trữ' }).click();
  const question = row.getByRole('alertdialog');
  assert.match((await question.textContent()) ?? '', /Lưu trữ “Đề cương sắp lưu trữ”\?/);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'archive-cancel', 'focus on "Hủy"');
  await row.locator('[data-action="archive-cancel"]').click();
  await row.getByRole('button', { name: 'Lưu trữ' }).waitFor({ timeout: TIMEOUT });
  let record = await requestJson(server.baseUrl, 'GET', `/api/documents/${id}`, { token: await admin() });
  assert.equal((record.body as { archived: boolean }).archived, false, 'cancel archives nothing');
  await row.getByRole('button', { name: 'Lưu trữ' }).click();
  await row.locator('[data-action="archive-confirm"]').click();
  await row.waitFor({ state: 'detached', timeout: TIMEOUT });
  record = await requestJson(server.baseUrl, 'GET', `/api/documents/${id}`, { token: await admin() });
  assert.equal((record.body as { archived: boolean }).archived, true);
  assert.deepEqual(pageErrors, []);
});
