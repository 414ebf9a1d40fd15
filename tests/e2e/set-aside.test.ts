import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor } from '../comments/helpers.ts';
import { launchBrowser, newPage, openEditor, signIn, waitUntil } from './browser.ts';

/**
 * In Chromium: the secretariat leaves a ministry's comment out of the synthesis table as a
 * duplicate from its card, sees the mark, finds it in the audit log filtered to that action,
 * and takes it back; the ministry officer sees the mark live.
 */

const MINISTRY = { username: 'canbo.trung', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Y', role: 'ministry', organizationId: 'bo-y-te' };

let server: TestServer | undefined;
let browser: Browser | undefined;
let documentId = '';
const threadIds: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, MINISTRY);
  documentId = await server.createDocument(admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
  const officer = await server.login(MINISTRY.username, MINISTRY.password);
  const reader = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(reader);
  for (const body of ['Bổ sung số liệu dịch bệnh.', 'Bổ sung số liệu dịch bệnh (nhắc lại).']) {
    const created = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, { token: officer, body: { body, anchor: anchorFor(reader, 'thiên tai cực đoan') } });
    assert.equal(created.status, 201);
    threadIds.push((created.body as { id: string }).id);
  }
  reader.destroy();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the secretariat sets a comment aside as a duplicate from its card, finds it in the filtered audit log, and takes it back', { timeout: 120_000 }, async () => {
  if (!server || !browser) throw new Error('not started');
  const [first, second] = threadIds as [string, string];
  const secretariat = await newPage(browser, 'secretariat', pageErrors);
  const ministry = await newPage(browser, 'ministry', pageErrors);
  await signIn(secretariat.page, server.baseUrl, 'admin', server.adminPassword);
  await signIn(ministry.page, server.baseUrl, MINISTRY.username, MINISTRY.password);
  await openEditor(secretariat.page, server.baseUrl, documentId);
  await openEditor(ministry.page, server.baseUrl, documentId);

  const card = secretariat.page.locator(`.thread-card[data-thread-id="${second}"]`);
  await card.waitFor();
  assert.equal((await card.locator('.thread-card__ref').textContent())?.trim(), `Ý kiến #${second.slice(0, 6)}`);
  assert.equal(await ministry.page.locator('.set-aside__open').count(), 0, 'only the secretariat sets aside');
  await card.locator('.set-aside__open').click();
  const form = card.locator('form.set-aside__form');
  await form.locator('select[name="reason"]').selectOption('duplicate');
  await form.locator('select[name="duplicateOf"]').selectOption(first);
  await form.locator('textarea[name="note"]').fill('Trùng ý kiến trước của Bộ.');
  await form.locator('button[type="submit"]').click();
  const mark = `Không đưa vào bảng tổng hợp — trùng với ý kiến #${first.slice(0, 6)}`;
  await card.locator('.thread-card__set-aside-mark', { hasText: mark }).waitFor();
  await ministry.page.locator(`.thread-card[data-thread-id="${second}"] .thread-card__set-aside-mark`, { hasText: mark }).waitFor();

  await secretariat.page.goto(`${server.baseUrl}/documents/${documentId}/audit`);
  await secretariat.page.locator('.audit-table tbody tr').first().waitFor();
  await secretariat.page.locator('.audit-filter select').selectOption('thread.set_aside');
  await waitUntil(async () => {
    const actions = await secretariat.page.locator('.audit-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    return actions.length === 1 && actions[0] === 'thread.set_aside';
  }, 'the log filtered to the set-aside');
  assert.match((await secretariat.page.locator('.audit-table tbody tr').textContent()) ?? '', /Trùng với ý kiến khác/);

  await openEditor(secretariat.page, server.baseUrl, documentId);
  await card.locator('.set-aside__undo').click();
  await card.locator('.set-aside__open').waitFor();
  assert.equal(await card.locator('.thread-card__set-aside-mark').count(), 0);
  await waitUntil(async () => (await ministry.page.locator('.thread-card__set-aside-mark').count()) === 0, 'the mark gone for the ministry');
  assert.deepEqual(pageErrors, []);
});
