import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, openEditor, signIn, useServerAndBrowser } from './browser.ts';
import { assertInsideAndClickable, assertNoHorizontalScroll, keepScreenshot, PHONE_SIZE } from './layout.ts';

/**
 * A ministry officer on a phone (390×844): the list of drafts and a draft read without
 * sideways scrolling, the outline a short box above the text, the comments below it; a passage
 * selected in the text is commented on through the floating "Góp ý mới" button and the form it
 * opens, which fits the screen. Screenshots go to test-artifacts/screenshots/.
 */

const world = useServerAndBrowser();
const OFFICER = { username: 'canbo.dienthoai', password: 'mat-khau-dien-thoai', displayName: 'Lê Thị Thoại', role: 'ministry', organizationId: 'bo-y-te' };

test('a ministry officer reads a draft and comments on a passage at 390 px wide', { timeout: 90_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, OFFICER);
  const documentId = await server.createDocument(admin, 'Đề cương Chiến lược an ninh phi truyền thống đến năm 2030, tầm nhìn 2045', 'nts-2030-2045');
  const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });
  assert.equal(access.status, 200);

  const errors: string[] = [];
  const { page } = await newPage(browser, 'điện thoại', errors);
  await page.setViewportSize(PHONE_SIZE);
  await signIn(page, server.baseUrl, OFFICER.username, OFFICER.password);
  await keepScreenshot(page, 'documents-phone');
  await assertNoHorizontalScroll(page);
  await assertInsideAndClickable(page, '.documents-section', '.documents-table__actions a');

  await openEditor(page, server.baseUrl, documentId);
  await assertNoHorizontalScroll(page);
  const outline = await page.locator('.outline-panel').boundingBox();
  assert.ok(outline && outline.height <= PHONE_SIZE.height * 0.35, `the outline is a short box above the text (${outline?.height ?? 0} px)`);
  const paragraph = page.locator('.ProseMirror p').first();
  await paragraph.scrollIntoViewIfNeeded();
  const text = await paragraph.boundingBox();
  assert.ok(text && text.x >= 0 && text.x + text.width <= PHONE_SIZE.width, 'the text fits the screen');
  await keepScreenshot(page, 'editor-phone');

  // Select a passage as a finger would, then the floating button, in view wherever the reader is.
  await paragraph.evaluate((element) => {
    const node = element.firstChild ?? element;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, 'Đề cương'.length);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  });
  const button = page.locator('.comments-panel__new');
  const box = await button.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE_SIZE.height && box.x + box.width <= PHONE_SIZE.width, '"Góp ý mới" in view next to the text');
  await button.click();
  const form = page.locator('.new-thread-form');
  await form.locator('textarea[name="body"]').waitFor();
  assert.equal(await form.locator('.new-thread-form__quote').textContent(), 'Đề cương', 'the selected passage is quoted');
  await assertInsideAndClickable(page, '.comments-panel', '.new-thread-form textarea, .new-thread-form button');
  await assertNoHorizontalScroll(page);
  await form.locator('textarea[name="body"]').fill('Đề nghị làm rõ phạm vi của đề cương.');
  await keepScreenshot(page, 'comment-form-phone');
  await form.locator('button[type="submit"]').click();
  await page.locator('.thread-card', { hasText: 'Đề nghị làm rõ phạm vi' }).waitFor();
  await assertInsideAndClickable(page, '.comments-panel', '.thread-card');
  await assertNoHorizontalScroll(page);
  await keepScreenshot(page, 'thread-phone');
  assert.deepEqual(errors, []);
});
