import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage as openPage, openEditor, signIn } from './browser.ts';

/**
 * End to end, in a real Chromium, the roles the server enforces as the browser shows them:
 * a ministry officer invited through their organisation reads a committee member's typing
 * live but cannot change the text by any means; the secretariat manages accounts and
 * access in /admin and the access dialog, which a ministry officer is not shown; withdrawn
 * access is announced on the open page at once.
 */

const EDITOR = { username: 'bientap.vien', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Biên', role: 'editor' };
const MINISTRY = { username: 'canbo.byt', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Y', role: 'ministry', organizationId: 'bo-y-te' };
const INTRUSION = 'CHÈN TRÁI PHÉP';

let server: TestServer | undefined;
let browser: Browser | undefined;
let adminToken = '';
let editorId = '';
let documentId = '';
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  adminToken = await server.login('admin', server.adminPassword);
  editorId = await server.createUser(adminToken, EDITOR);
  await server.createUser(adminToken, MINISTRY);
  documentId = await server.createDocument(adminToken, 'Chiến lược y tế 2026–2030');
  await putAccess([editorId], ['bo-y-te']);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function newPage(label: string): ReturnType<typeof openPage> {
  if (!browser) throw new Error('browser not started');
  return openPage(browser, label, pageErrors);
}

/** Replaces the document's access as the secretariat, through the API. */
async function putAccess(members: string[], organizations: string[]): Promise<void> {
  if (!server) throw new Error('server not started');
  const result = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: adminToken, body: { members, organizations } });
  assert.equal(result.status, 200, `PUT access: ${JSON.stringify(result.body)}`);
}

/** The editor's text, collaborators' carets left out. */
function editorText(page: Page): Promise<string> {
  return page.locator('.ProseMirror').evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.ProseMirror-yjs-cursor')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** Tries every way a page script or a person could push text into a read-only editor. */
async function tryToWrite(page: Page): Promise<void> {
  await page.locator('.ProseMirror').click();
  await page.keyboard.type(INTRUSION);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Backspace');
  await page.evaluate((text) => {
    const editor = document.querySelector<HTMLElement>('.ProseMirror');
    if (!editor) throw new Error('no editor');
    editor.focus();
    const paragraph = editor.querySelector('p') ?? editor;
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    range.collapse(false);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    editor.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: text, bubbles: true, cancelable: true }));
    document.execCommand('insertText', false, text);
    editor.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: text, bubbles: true }));
    const data = new DataTransfer();
    data.setData('text/plain', text);
    data.setData('text/html', `<p>${text}</p>`);
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    editor.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
  }, INTRUSION);
}

test('a ministry officer reads live edits but cannot change the text', { timeout: 120_000 }, async () => {
  if (!server) throw new Error('server not started');
  const { baseUrl, wsUrl } = server;
  const editor = await newPage('editor');
  const ministry = await newPage('ministry');
  await signIn(editor.page, baseUrl, EDITOR.username, EDITOR.password);
  await signIn(ministry.page, baseUrl, MINISTRY.username, MINISTRY.password);

  // The header says who the officer is; the list offers opening, nothing else.
  const header = ministry.page.locator('.app-header');
  await header.locator('.app-header__user', { hasText: MINISTRY.displayName }).waitFor();
  assert.equal((await header.locator('.app-header__role').textContent())?.trim(), 'Cán bộ bộ, ngành');
  assert.equal((await header.locator('.app-header__organization').textContent())?.trim(), 'Bộ Y tế');
  assert.equal(await header.locator('a[href="/admin"]').count(), 0);
  const row = ministry.page.locator(`tr[data-document-id="${documentId}"]`);
  await row.waitFor();
  assert.equal(await row.locator('button').count(), 0, 'no rename, archive or access buttons');
  assert.equal(await ministry.page.locator('form.create-form').count(), 0);

  await openEditor(editor.page, baseUrl, documentId);
  await openEditor(ministry.page, baseUrl, documentId);
  const readOnly = ministry.page.locator('.ProseMirror');
  // Announced read-only; it keeps a caret (contenteditable) for selecting with the keyboard.
  assert.equal(await readOnly.getAttribute('aria-readonly'), 'true');
  assert.equal(await readOnly.getAttribute('inputmode'), 'none');
  assert.equal((await ministry.page.locator('.read-only-notice').textContent())?.trim(), 'Chỉ xem — bạn có thể đọc, không thể sửa');
  assert.equal(await ministry.page.locator('.toolbar').count(), 0);
  assert.equal(await editor.page.locator('.toolbar').count(), 1);

  // The committee member's typing appears live for the officer, who is listed by name.
  await editor.page.locator('.ProseMirror').click();
  await editor.page.keyboard.type('Nâng cao chất lượng khám chữa bệnh');
  await ministry.page.locator('.ProseMirror p', { hasText: 'Nâng cao chất lượng khám chữa bệnh' }).waitFor();
  await editor.page.locator('.presence__name', { hasText: MINISTRY.displayName }).waitFor();

  // Nothing the officer does changes the text, locally, for the member, or on the server.
  await tryToWrite(ministry.page);
  await editor.page.keyboard.type(' — mốc sau thử');
  const watcher = connectClient(wsUrl, documentId, adminToken);
  try {
    await waitSynced(watcher);
    await waitFor(() => contentOf(watcher).includes('mốc sau thử'), 'the marker typed after the attempts reaches the server');
    await ministry.page.locator('.ProseMirror p', { hasText: 'mốc sau thử' }).waitFor();
    assert.doesNotMatch(contentOf(watcher), new RegExp(INTRUSION));
    assert.doesNotMatch(await editorText(editor.page), new RegExp(INTRUSION));
    assert.doesNotMatch(await editorText(ministry.page), new RegExp(INTRUSION));
    assert.equal(await readOnly.getAttribute('aria-readonly'), 'true');
  } finally {
    watcher.destroy();
  }

  // Withdrawing the organisation's access closes the officer's connection and says so.
  await putAccess([editorId], []);
  await ministry.page.locator('.connection-notice', { hasText: 'Quyền truy cập dự thảo đã bị thu hồi' }).waitFor();
  // The member keeps working.
  await editor.page.keyboard.type(' tiếp tục');
  await editor.page.locator('.status[data-status="online"]').waitFor();

  await editor.context.close();
  await ministry.context.close();
  // Closing a socket the server refused is reported by Chromium as a console error.
  assert.deepEqual(pageErrors.filter((error) => !error.includes('WebSocket')), []);
  await putAccess([editorId], ['bo-y-te']);
});

test('the secretariat manages accounts and access in the browser; a ministry officer is not shown them', { timeout: 120_000 }, async () => {
  if (!server) throw new Error('server not started');
  const { baseUrl } = server;
  const admin = await newPage('admin');
  const ministry = await newPage('ministry-admin');
  await signIn(admin.page, baseUrl, 'admin', server.adminPassword);
  await signIn(ministry.page, baseUrl, MINISTRY.username, MINISTRY.password);

  // /admin lists every account, with translated roles.
  await admin.page.goto(`${baseUrl}/admin`);
  const users = admin.page.locator('table.users-table');
  await users.locator(`tr[data-username="${EDITOR.username}"]`).waitFor();
  await users.locator(`tr[data-username="${MINISTRY.username}"]`, { hasText: 'Bộ Y tế' }).waitFor();
  assert.match((await users.locator('tr[data-username="admin"]').textContent()) ?? '', /Ban thư ký/);

  // Creating an observer through the form adds a row.
  const form = admin.page.locator('form.user-create-form');
  await form.locator('input[name="username"]').fill('quansat');
  await form.locator('input[name="displayName"]').fill('Lê Quan Sát');
  await form.locator('input[name="password"]').fill('mat-khau-quan-sat');
  await form.locator('select[name="role"]').selectOption('observer');
  await form.locator('button[type="submit"]').click();
  await users.locator('tr[data-username="quansat"]', { hasText: 'Quan sát viên' }).waitFor();

  // A ministry account without an organisation is refused before anything is sent.
  await form.locator('input[name="username"]').fill('thieucoquan');
  await form.locator('input[name="displayName"]').fill('Thiếu Cơ Quan');
  await form.locator('input[name="password"]').fill('mat-khau-thieu');
  await form.locator('select[name="role"]').selectOption('ministry');
  await form.locator('button[type="submit"]').click();
  await admin.page.locator('.form-error', { hasText: 'phải thuộc một cơ quan' }).waitFor();
  assert.equal(await users.locator('tr[data-username="thieucoquan"]').count(), 0);

  // The organisations tab lists the seeded ministries.
  await admin.page.locator('button[role="tab"][data-tab="organizations"]').click();
  await admin.page.locator('table.organizations-table tr[data-organization-id="bo-y-te"]', { hasText: 'Bộ Y tế' }).waitFor();

  // The access dialog shows the current access and saves a change.
  await admin.page.goto(`${baseUrl}/`);
  await admin.page.locator(`tr[data-document-id="${documentId}"] button[data-action="access.open"]`).click();
  const dialog = admin.page.locator('dialog.access-dialog');
  const editorBox = dialog.locator(`input[name="member"][value="${editorId}"]`);
  await editorBox.waitFor();
  assert.equal(await editorBox.isChecked(), true);
  assert.equal(await dialog.locator('input[name="organization"][value="bo-y-te"]').isChecked(), true);
  await dialog.locator('label', { hasText: 'Lê Quan Sát' }).locator('input').check();
  // Organisations come grouped by kind; a group's box ticks the whole group.
  assert.deepEqual(await dialog.locator('.checklist__group span').allTextContents(), ['Bộ', 'Cơ quan ngang bộ', 'Cơ quan thuộc Chính phủ', 'Cơ quan khác']);
  assert.equal(await dialog.locator('input[data-group="ministry"]').evaluate((box) => (box as HTMLInputElement).indeterminate), true);
  await dialog.locator('input[data-group="ministerial_agency"]').check();
  for (const id of ['ngan-hang-nha-nuoc', 'thanh-tra-chinh-phu', 'van-phong-chinh-phu']) {
    assert.equal(await dialog.locator(`input[name="organization"][value="${id}"]`).isChecked(), true, id);
  }
  await dialog.locator('button[data-action="save"]').click();
  await dialog.locator('.form-success', { hasText: 'Đã lưu quyền truy cập.' }).waitFor();
  const access = await requestJson(baseUrl, 'GET', `/api/documents/${documentId}/access`, { token: adminToken });
  const members = (access.body as { members?: unknown }).members;
  assert.ok(Array.isArray(members) && members.length === 2 && members.includes(editorId), JSON.stringify(access.body));
  assert.deepEqual((access.body as { organizations: string[] }).organizations.sort(), ['bo-y-te', 'ngan-hang-nha-nuoc', 'thanh-tra-chinh-phu', 'van-phong-chinh-phu']);

  // The document's audit log shows the change with a translated action.
  await admin.page.goto(`${baseUrl}/documents/${documentId}/audit`);
  await admin.page.locator('table.audit-table tr[data-action="document.access_changed"]', { hasText: 'Thay đổi quyền truy cập' }).first().waitFor();
  await admin.page.locator('table.audit-table tr[data-action="document.created"]', { hasText: 'Tạo dự thảo' }).waitFor();

  // A ministry officer visiting /admin is told so and shown no tables.
  await ministry.page.goto(`${baseUrl}/admin`);
  await ministry.page.locator('.admin-forbidden').waitFor();
  assert.equal(await ministry.page.locator('table').count(), 0);
  assert.equal(await ministry.page.locator('.users-table, .organizations-table').count(), 0);

  await admin.context.close();
  await ministry.context.close();
  assert.deepEqual(pageErrors.filter((error) => !error.includes('WebSocket')), []);
});

test('changing one’s own password checks the repetition and the current password', { timeout: 60_000 }, async () => {
  if (!server) throw new Error('server not started');
  const { baseUrl } = server;
  const person = await newPage('account');
  await signIn(person.page, baseUrl, EDITOR.username, EDITOR.password);
  await person.page.goto(`${baseUrl}/account`);
  const form = person.page.locator('form.account-password');
  const fill = async (current: string, next: string, repeat: string): Promise<void> => {
    await form.locator('input[name="currentPassword"]').fill(current);
    await form.locator('input[name="newPassword"]').fill(next);
    await form.locator('input[name="repeatPassword"]').fill(repeat);
    await form.locator('button[type="submit"]').click();
  };
  await fill(EDITOR.password, 'mat-khau-moi-1', 'mat-khau-moi-2');
  await form.locator('.form-error', { hasText: 'không khớp' }).waitFor();
  await fill('sai-mat-khau', 'mat-khau-moi-1', 'mat-khau-moi-1');
  await form.locator('.form-error', { hasText: 'Mật khẩu hiện tại không đúng.' }).waitFor();
  await fill(EDITOR.password, 'mat-khau-moi-1', 'mat-khau-moi-1');
  await form.locator('.form-success', { hasText: 'Đã đổi mật khẩu' }).waitFor();
  const relogin = await requestJson(baseUrl, 'POST', '/api/auth/login', { body: { username: EDITOR.username, password: 'mat-khau-moi-1' } });
  assert.equal(relogin.status, 200, 'the new password works');
  await person.context.close();
  // The wrong current password is answered 401, which Chromium logs as a failed resource.
  assert.deepEqual(pageErrors.filter((error) => !error.includes('WebSocket') && !error.includes('401')), []);
});
