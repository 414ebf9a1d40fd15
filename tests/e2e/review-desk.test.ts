import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { anchorFor } from '../comments/helpers.ts';
import { launchBrowser, newPage, openEditor, signIn } from './browser.ts';

/**
 * Issue 11, points 2 and 4 in a real Chromium: the secretariat works through a document's
 * comments at the review desk — three decisions from the keyboard (one without and two with
 * an explanation typed in place), one bulk decision on two selected rows — and applies an
 * accepted proposal with one click, which a committee member's open editor shows at once.
 */

const EDITOR = { username: 'bientap.desk', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Biên', role: 'editor' };
const MINISTRY = { username: 'canbo.desk', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Y', role: 'ministry', organizationId: 'bo-y-te' };
/** Passages in document order, one thread each; the first proposes new wording. */
const PASSAGES = ['lan nhanh qua biên giới', 'kèm số liệu do các bộ, ngành cung cấp', 'khoảng trống pháp lý', 'mức độ tác động', 'giảm thiểu thiệt hại'];
const PROPOSAL = 'lan nhanh xuyên biên giới';

let server: TestServer | undefined;
let browser: Browser | undefined;
let documentId = '';
const threadIds: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await server.login('admin', server.adminPassword);
  const editorId = await server.createUser(admin, EDITOR);
  await server.createUser(admin, MINISTRY);
  documentId = await server.createDocument(admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [editorId], organizations: ['bo-y-te'] } });
  const ministry = await server.login(MINISTRY.username, MINISTRY.password);
  const reader = connectClient(server.wsUrl, documentId, admin);
  try {
    await waitSynced(reader);
    for (const [index, passage] of PASSAGES.entries()) {
      const body = { body: `Góp ý số ${index + 1}`, anchor: anchorFor(reader, passage), ...(index === 0 ? { proposal: PROPOSAL } : {}) };
      const created = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, { token: ministry, body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      threadIds.push((created.body as { id: string }).id);
    }
  } finally {
    reader.destroy();
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The desk row of thread `index`. */
const row = (page: Page, index: number) => page.locator(`.desk-row[data-thread-id="${threadIds[index]}"]`);

/** Waits until row `index` shows `status`. */
const waitStatus = (page: Page, index: number, status: string) => page.locator(`.desk-row[data-thread-id="${threadIds[index]}"][data-status="${status}"]`).waitFor();

test('review desk: keyboard decisions, a bulk decision, and a proposal applied into an open editor', { timeout: 100_000 }, async () => {
  if (!server || !browser) throw new Error('not started');
  const secretariat = await newPage(browser, 'secretariat', pageErrors);
  const colleague = await newPage(browser, 'editor', pageErrors);
  await signIn(secretariat.page, server.baseUrl, 'admin', server.adminPassword);
  await signIn(colleague.page, server.baseUrl, EDITOR.username, EDITOR.password);
  await openEditor(colleague.page, server.baseUrl, documentId);

  // The documents list links to the desk.
  await secretariat.page.locator(`tr[data-document-id="${documentId}"] a[data-action="review"]`).click();
  await secretariat.page.waitForURL(`${server.baseUrl}/documents/${documentId}/review`);
  await row(secretariat.page, 4).waitFor();
  const page = secretariat.page;
  assert.equal((await page.locator('.desk-count').textContent())?.trim(), 'Hiển thị 5 / 5 góp ý');
  assert.match((await row(page, 0).locator('.desk-cell--section').textContent()) ?? '', /^Phần I › 1\. Bối cảnh quốc tế và khu vực$/);
  assert.equal(await row(page, 0).locator('.desk-diff ins').first().textContent(), 'xuyên');
  // The first row is active; the keyboard drives the desk.
  assert.equal(await row(page, 0).getAttribute('aria-selected'), 'true');

  // 1: Tiếp thu, no explanation needed.
  await page.keyboard.press('1');
  await waitStatus(page, 0, 'accepted');
  // j then 3: Không tiếp thu needs an explanation, typed in place, Ctrl+Enter saves.
  await page.keyboard.press('j');
  await page.keyboard.press('3');
  const editor2 = row(page, 1).locator('textarea.desk-editor');
  await editor2.waitFor();
  await page.keyboard.type('Ngoài phạm vi của Chiến lược.');
  await page.keyboard.press('Control+Enter');
  await waitStatus(page, 1, 'not_accepted');
  assert.equal((await row(page, 1).locator('.desk-explanation').textContent())?.trim(), 'Ngoài phạm vi của Chiến lược.');
  // ArrowDown then 2: Tiếp thu một phần, again with an explanation.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('2');
  await row(page, 2).locator('textarea.desk-editor').waitFor();
  await page.keyboard.type('Tiếp thu phần khung pháp lý.');
  await page.keyboard.press('Control+Enter');
  await waitStatus(page, 2, 'partially_accepted');

  // History, unfolded with h, shows who decided what.
  await page.keyboard.press('h');
  await row(page, 2).locator('.desk-history li', { hasText: 'Tiếp thu một phần' }).waitFor();
  await page.keyboard.press('h');

  // Bulk: select rows 4 and 5, one decision for both, each sent with its own version.
  await row(page, 3).locator('input[type="checkbox"]').check();
  await row(page, 4).locator('input[type="checkbox"]').check();
  assert.equal((await page.locator('.desk-bulk__count').textContent())?.trim(), 'Đã chọn 2 dòng');
  await page.locator('button[data-bulk="accepted"]').click();
  await waitStatus(page, 3, 'accepted');
  await waitStatus(page, 4, 'accepted');
  await page.locator('.desk-bulk__result', { hasText: 'Đã lưu 2 dòng' }).waitFor();

  // Filters: by status, then by text.
  await page.locator('select[name="status"]').selectOption('accepted');
  await page.locator('.desk-count', { hasText: 'Hiển thị 3 / 5 góp ý' }).waitFor();
  await page.locator('input[name="search"]').fill('số 4');
  await page.locator('.desk-count', { hasText: 'Hiển thị 1 / 5 góp ý' }).waitFor();
  await page.locator('input[name="search"]').fill('');
  await page.locator('select[name="status"]').selectOption('');

  // The proposal of the accepted first comment goes into the draft with one click…
  await row(page, 0).locator('button[data-action="apply"]').click();
  await row(page, 0).locator('.desk-proposal__applied').waitFor();
  // …and the committee member's open editor shows it, without a reload.
  await colleague.page.locator('.ProseMirror p', { hasText: PROPOSAL }).waitFor();
  assert.ok(!((await colleague.page.locator('.ProseMirror').textContent()) ?? '').includes(PASSAGES[0] ?? ''));

  const stored = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: await server.login('admin', server.adminPassword) })).body as {
    threads: Array<{ id: string; status: string; proposal: { appliedAt: string | null } | null }>;
  };
  const byId = new Map(stored.threads.map((thread) => [thread.id, thread]));
  assert.deepEqual(threadIds.map((id) => byId.get(id)?.status), ['accepted', 'not_accepted', 'partially_accepted', 'accepted', 'accepted']);
  assert.ok(byId.get(threadIds[0] ?? '')?.proposal?.appliedAt);
  assert.deepEqual(pageErrors, []);
  await secretariat.context.close();
  await colleague.context.close();
});
