import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, openEditor, signIn, useServerAndBrowser, waitUntil } from './browser.ts';

/**
 * End to end, in a real Chromium: one person inserts a table through the toolbar's
 * "Chèn bảng" form and types into its cells (Tab moves to the next cell); the other person
 * sees it live, adds a row from the table group of the toolbar, and the first sees the row.
 * An observer sees the table but gets no toolbar to change it.
 */

const world = useServerAndBrowser();

test('a table inserted in one page appears in the other; a row added there comes back', { timeout: 120_000 }, async () => {
  const { server, browser } = world();
  const { baseUrl } = server;
  const errors: string[] = [];
  const adminToken = await server.login('admin', server.adminPassword);
  const editorId = await server.createUser(adminToken, { username: 'bientap', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Biên', role: 'editor' });
  const observerId = await server.createUser(adminToken, { username: 'quansat', password: 'mat-khau-quan-sat', displayName: 'Trần Văn Sát', role: 'observer' });
  const documentId = await server.createDocument(adminToken, 'Chiến lược có bảng chỉ tiêu');
  const access = await requestJson(baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: adminToken, body: { members: [editorId, observerId], organizations: [] } });
  assert.equal(access.status, 200, JSON.stringify(access.body));

  const a = await newPage(browser, 'admin', errors);
  const b = await newPage(browser, 'bientap', errors);
  await signIn(a.page, baseUrl, 'admin', server.adminPassword);
  await signIn(b.page, baseUrl, 'bientap', 'mat-khau-bien-tap');
  await openEditor(a.page, baseUrl, documentId);
  await openEditor(b.page, baseUrl, documentId);

  await a.page.locator('.ProseMirror').click();
  await a.page.keyboard.type('Các chỉ tiêu chủ yếu');
  // The table group offers only "Chèn bảng" outside a table.
  assert.equal(await a.page.locator('.toolbar__table-edits').isHidden(), true);
  await a.page.locator('.toolbar__button[data-command="insert-table"]').click();
  const form = a.page.locator('form.table-insert');
  await form.locator('input[name="rows"]').fill('2');
  await form.locator('input[name="columns"]').fill('3');
  await form.locator('button[type="submit"]').click();

  // The cursor is in the first (header) cell; Tab walks the cells.
  await a.page.keyboard.type('Chỉ tiêu');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('Năm 2025');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('Năm 2030');
  await a.page.keyboard.press('Tab');
  await a.page.keyboard.type('Tỷ lệ đô thị hoá');
  await a.page.locator('.ProseMirror table th', { hasText: 'Năm 2030' }).waitFor();
  assert.equal(await a.page.locator('.ProseMirror table tr').count(), 2);

  // The other person sees the same table: header row, three columns, the typed cells.
  const otherTable = b.page.locator('.ProseMirror table');
  await otherTable.locator('th', { hasText: 'Năm 2030' }).waitFor();
  await otherTable.locator('td', { hasText: 'Tỷ lệ đô thị hoá' }).waitFor();
  assert.equal(await otherTable.locator('th').count(), 3);
  assert.equal(await otherTable.locator('tr').count(), 2);

  // They add a row below the body row from the toolbar and type in it.
  await otherTable.locator('td', { hasText: 'Tỷ lệ đô thị hoá' }).click();
  await b.page.locator('.toolbar__table-edits').waitFor({ state: 'visible' });
  await b.page.locator('.toolbar__button[data-command="table-row-after"]').click();
  await b.page.keyboard.press('ArrowDown');
  await b.page.keyboard.type('Tăng trưởng GDP');
  await a.page.locator('.ProseMirror table td', { hasText: 'Tăng trưởng GDP' }).waitFor();
  await waitUntil(async () => (await a.page.locator('.ProseMirror table tr').count()) === 3, 'the added row in the first page');
  // Every block of the table got its own id (table, rows, cells, cell paragraphs).
  const ids = await a.page.locator('.ProseMirror table, .ProseMirror table [data-block-id]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-block-id')));
  assert.ok(ids.every((id) => typeof id === 'string' && id !== ''), JSON.stringify(ids));
  assert.equal(new Set(ids).size, ids.length, 'block ids in the table are unique');

  // An observer sees the table, and no toolbar offers to change it.
  const c = await newPage(browser, 'quansat', errors);
  await signIn(c.page, baseUrl, 'quansat', 'mat-khau-quan-sat');
  await openEditor(c.page, baseUrl, documentId);
  await c.page.locator('.ProseMirror table td', { hasText: 'Tăng trưởng GDP' }).waitFor();
  assert.equal(await c.page.locator('.toolbar__button[data-command="insert-table"]').count(), 0);

  await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
  assert.deepEqual(errors, []);
});
