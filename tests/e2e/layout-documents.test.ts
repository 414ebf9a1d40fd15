import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage, signIn } from './browser.ts';
import { assertInsideAndClickable, keepScreenshot, SCREEN_SIZES } from './layout.ts';

/**
 * The documents list as the secretariat sees it (every row button) at 1366×768 and 1920×1080:
 * each button stays inside the list's card and can be clicked (the first row's "Nhật ký" used to
 * sit under the "Tạo dự thảo" card), and a very long title does not stretch its row. Screenshots
 * go to test-artifacts/screenshots/. Needs `npm run build:client` first and Chromium.
 */

const LONG_TITLE =
  'Chiến lược quốc gia phòng ngừa, ứng phó các mối đe dọa an ninh phi truyền thống đến năm 2030, tầm nhìn đến năm 2045 — bản tổng hợp ý kiến của các bộ, ngành, địa phương và các cơ quan, tổ chức có liên quan sau hội nghị lấy ý kiến lần thứ hai';

let server: TestServer | undefined;
let browser: Browser | undefined;

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await server.login('admin', server.adminPassword);
  await server.createDocument(admin, 'Đề cương chi tiết');
  await server.createDocument(admin, LONG_TITLE);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const size of SCREEN_SIZES) {
  test(`the documents list at ${size.width}×${size.height}: row buttons inside the card and clickable, long titles kept short`, { timeout: 90_000 }, async () => {
    if (!server || !browser) throw new Error('not started');
    const errors: string[] = [];
    const { page } = await newPage(browser, 'thư ký', errors);
    await page.setViewportSize(size);
    await signIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.locator('.documents-table tbody tr').nth(1).waitFor();
    await keepScreenshot(page, 'documents-secretariat');
    await assertInsideAndClickable(page, '.documents-section', '.documents-table .row-actions > *');
    const row = page.locator('tr', { hasText: 'bản tổng hợp ý kiến' });
    const height = await row.evaluate((element) => element.getBoundingClientRect().height);
    assert.ok(height < 140, `the long title's row is ${height} px high`);
    assert.equal(await row.locator('.documents-table__title a').getAttribute('title'), LONG_TITLE, 'the whole title in the tooltip');
    assert.deepEqual(errors, []);
  });
}
