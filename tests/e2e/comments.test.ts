import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage as openPage, openEditor, signIn } from './browser.ts';
import { selectPassage } from './select-passage.ts';

/**
 * End to end, in a real Chromium with three people on one document: a ministry officer
 * selects a passage in their read-only editor and comments on it; a committee member sees
 * the highlight and the thread arrive live, the body shown as text (no markup runs); the
 * secretariat accepts it with an explanation, which the officer sees live; the officer
 * files a "Không có ý kiến" submission through the form.
 */

const EDITOR = { username: 'bientap.gopy', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Biên', role: 'editor' };
const MINISTRY = { username: 'canbo.gopy', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Y', role: 'ministry', organizationId: 'bo-y-te' };
const PASSAGE = 'lan nhanh qua biên giới';
const SECTION_TITLE = 'Bối cảnh quốc tế và khu vực';
const BODY = '<img src=x onerror="window.__xss=1">Đề nghị bổ sung số liệu';
const EXPLANATION = 'Đã bổ sung số liệu năm 2024';

let server: TestServer | undefined;
let browser: Browser | undefined;
let adminToken = '';
let documentId = '';
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  adminToken = await server.login('admin', server.adminPassword);
  const editorId = await server.createUser(adminToken, EDITOR);
  await server.createUser(adminToken, MINISTRY);
  documentId = await server.createDocument(adminToken, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, {
    token: adminToken,
    body: { members: [editorId], organizations: ['bo-y-te'] },
  });
  assert.equal(access.status, 200, `PUT access: ${JSON.stringify(access.body)}`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function running(): { server: TestServer; browser: Browser } {
  if (!server || !browser) throw new Error('not started');
  return { server, browser };
}

test('a ministry comment reaches the committee live, is decided, and the decision reaches the ministry', { timeout: 120_000 }, async () => {
  const { server: app, browser: chromium } = running();
  const ministry = await openPage(chromium, 'ministry', pageErrors);
  const editor = await openPage(chromium, 'editor', pageErrors);
  const secretariat = await openPage(chromium, 'secretariat', pageErrors);
  await signIn(ministry.page, app.baseUrl, MINISTRY.username, MINISTRY.password);
  await signIn(editor.page, app.baseUrl, EDITOR.username, EDITOR.password);
  await signIn(secretariat.page, app.baseUrl, 'admin', app.adminPassword);
  for (const { page } of [ministry, editor, secretariat]) {
    await openEditor(page, app.baseUrl, documentId);
    await page.locator('.comments-panel .comments-panel__empty', { hasText: 'Chưa có góp ý nào.' }).waitFor();
  }
  // Read-only, yet with a caret so that a passage can be selected from the keyboard too.
  assert.equal(await ministry.page.locator('.ProseMirror').getAttribute('aria-readonly'), 'true');

  // The officer selects a passage in the read-only editor and comments on it.
  await ministry.page.locator('.ProseMirror p', { hasText: PASSAGE }).waitFor();
  await selectPassage(ministry.page, PASSAGE);
  await ministry.page.locator('.comments-panel__new').click();
  const form = ministry.page.locator('form.new-thread-form');
  await form.locator('.new-thread-form__quote', { hasText: PASSAGE }).waitFor();
  assert.equal((await form.locator('.new-thread-form__quote').textContent())?.trim(), PASSAGE);
  await form.locator('textarea[name="body"]').fill(BODY);
  await form.locator('button[type="submit"]').click();
  const ownCard = ministry.page.locator('.thread-card').first();
  await ownCard.waitFor();
  await form.waitFor({ state: 'detached' });
  const threadId = await ownCard.getAttribute('data-thread-id');
  assert.ok(threadId, 'the new thread has an id');
  assert.equal((await ownCard.locator('.status-badge').textContent())?.trim(), 'Mới');
  await ministry.page.locator(`.ProseMirror .comment-highlight[data-thread-id="${threadId}"]`).waitFor();

  // The committee member sees the highlight and the thread without reloading; the body is text.
  const highlight = editor.page.locator(`.ProseMirror .comment-highlight[data-thread-id="${threadId}"]`);
  await highlight.waitFor();
  assert.equal((await highlight.allTextContents()).join(''), PASSAGE);
  const card = editor.page.locator(`.thread-card[data-thread-id="${threadId}"]`);
  await card.waitFor();
  assert.equal((await card.locator('.thread-card__organization').textContent())?.trim(), 'Bộ Y tế');
  // Screen readers are told through a polite live region; the author's own page announces nothing.
  assert.equal(await editor.page.locator('.comments-panel__announcer[aria-live="polite"]').textContent(), 'Góp ý mới của Bộ Y tế.');
  assert.equal(await ministry.page.locator('.comments-panel__announcer').textContent(), '');
  assert.equal((await card.locator('.thread-card__author').textContent())?.trim(), MINISTRY.displayName);
  assert.ok((await card.locator('.thread-card__section').textContent())?.includes(SECTION_TITLE), 'the section line names the section');
  assert.equal((await card.locator('.thread-card__quote').textContent())?.trim(), PASSAGE);
  const body = card.locator('.thread-comment__body');
  await card.locator('.thread-comment__body', { hasText: '<img src=x' }).waitFor({ state: 'visible' });
  assert.equal(await body.textContent(), BODY);
  assert.equal(await editor.page.locator('.comments-panel img').count(), 0);
  assert.equal(await editor.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
  assert.equal(await ministry.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
  assert.equal(await editor.page.locator('.filter-bar__organization option[value="bo-y-te"]').textContent(), 'Bộ Y tế (1)');

  // Clicking the highlight opens the thread in the sidebar.
  await highlight.first().click();
  await editor.page.locator(`.thread-card--active[data-thread-id="${threadId}"]`).waitFor();

  // The secretariat accepts it with an explanation; the officer sees both live.
  const decided = secretariat.page.locator(`.thread-card[data-thread-id="${threadId}"]`);
  await decided.waitFor();
  assert.equal(await decided.locator('button[data-decision="open"]').isVisible(), false, 'nothing to reopen on a new comment');
  await decided.locator('textarea[name="explanation"]').fill(EXPLANATION);
  await decided.locator('button[data-decision="accepted"]').click();
  await decided.locator('.status-badge', { hasText: 'Tiếp thu' }).waitFor();
  await decided.locator('button[data-decision="open"]').waitFor({ state: 'visible' });
  assert.equal(await decided.locator('button[data-decision="open"]').getAttribute('aria-pressed'), null, '"Mở lại" is an action, never shown pressed');
  await ownCard.locator('.status-badge', { hasText: 'Tiếp thu' }).waitFor();
  assert.equal((await ownCard.locator('.status-badge').textContent())?.trim(), 'Tiếp thu');
  await ownCard.locator('.thread-card__explanation-text', { hasText: EXPLANATION }).waitFor();
  assert.equal(await ownCard.locator('.thread-card__withdraw').count(), 0, 'a decided thread can no longer be withdrawn');
  await card.locator('.status-badge', { hasText: 'Tiếp thu' }).waitFor();

  // The officer files "Không có ý kiến" through the written submission form.
  await ministry.page.locator('.submission-panel__summary').click();
  const submission = ministry.page.locator('form.submission-form');
  await submission.locator('input[name="documentNumber"]').fill('123/BYT-KHTC');
  await submission.locator('input[name="signer"]').fill('Thứ trưởng Nguyễn Văn A');
  await submission.locator('input[name="noComments"]').check();
  await submission.locator('button[type="submit"]').click();
  await ministry.page.locator('.submission-list__item', { hasText: '123/BYT-KHTC' }).waitFor();
  assert.ok((await ministry.page.locator('.submission-list__item').first().textContent())?.includes('Không có ý kiến'));
  const filed = await requestJson(app.baseUrl, 'GET', `/api/documents/${documentId}/submissions`, { token: adminToken });
  assert.equal(filed.status, 200);
  assert.deepEqual(
    (filed.body as Array<{ documentNumber: string; noComments: boolean; threadIds: string[] }>).map(({ documentNumber, noComments, threadIds }) => ({ documentNumber, noComments, threadIds })),
    [{ documentNumber: '123/BYT-KHTC', noComments: true, threadIds: [] }],
  );

  for (const { context } of [ministry, editor, secretariat]) await context.close();
  assert.deepEqual(pageErrors.filter((error) => !error.includes('WebSocket')), []);
});
