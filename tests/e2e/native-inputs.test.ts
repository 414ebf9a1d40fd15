import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { openEditor, TIMEOUT, useServerAndBrowser } from './browser.ts';

/**
 * In an English-language Chromium, a ministry officer files a written response: the date box
 * reads and writes day/month/year and the file chooser speaks Vietnamese (the browser's own
 * controls would say "Choose File" and put the month first). Needs `npm run build:client` first.
 */

const MINISTRY = { username: 'canbo.ngaythang', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Ngày', role: 'ministry', organizationId: 'bo-y-te' };

const world = useServerAndBrowser();

test('the submission form\'s date and file fields follow the Vietnamese UI, not the browser\'s English', { timeout: 90_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, MINISTRY);
  const documentId = await server.createDocument(admin, 'Đề cương lấy ý kiến', 'nts-2030-2045');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } });

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="username"]').fill(MINISTRY.username);
  await page.locator('input[name="password"]').fill(MINISTRY.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(`${server.baseUrl}/`);
  await openEditor(page, server.baseUrl, documentId);

  await page.locator('.submission-panel__summary').click();
  const form = page.locator('form.submission-form');
  const date = form.locator('input[name="date"]');
  assert.match(await date.inputValue(), /^\d{2}\/\d{2}\/\d{4}$/, 'today, day first');
  assert.equal(await date.getAttribute('type'), 'text');
  assert.equal((await form.locator('.file-input__button').textContent())?.trim(), 'Chọn tệp…');
  assert.equal((await form.locator('.file-input__name').textContent())?.trim(), 'Chưa chọn tệp');
  await form.locator('input[name="attachment"]').setInputFiles({ name: 'cong-van-123.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  assert.equal((await form.locator('.file-input__name').textContent())?.trim(), 'cong-van-123.pdf');

  await form.locator('input[name="documentNumber"]').fill('123/BYT-KHTC');
  await form.locator('input[name="signer"]').fill('Nguyễn Văn Ký');
  await form.locator('input[name="noComments"]').check();
  await date.fill('31/02/2026');
  assert.equal(await date.evaluate((input) => (input as HTMLInputElement).validity.valid), false, 'a date that does not exist is refused');
  await date.fill('05/11/2026');
  await form.locator('button[type="submit"]').click();
  await form.locator('.form-success', { hasText: 'Đã gửi công văn số 123/BYT-KHTC.' }).waitFor();
  const submissions = await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/submissions`, { token: admin });
  const filed = (submissions.body as Array<{ documentNumber: string; date: string }>).find((item) => item.documentNumber === '123/BYT-KHTC');
  assert.equal(filed?.date, '2026-11-05', '5 November, not 11 May');
  assert.equal((await form.locator('.file-input__name').textContent())?.trim(), 'Chưa chọn tệp', 'the chooser is emptied with the form');
  assert.deepEqual(errors, []);
  await context.close();
});
