import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCX_MEDIA_TYPE } from '../../server/import/schemas.ts';
import { handNumberedOutline, styledOutline } from '../import/docx-fixtures.ts';
import { newPage, signIn, useServerAndBrowser, waitUntil } from './browser.ts';

/**
 * In a real Chromium: the secretariat imports a hand-numbered Word outline from the documents
 * list, reads the report and the numbered outline, confirms, and finds the outline numbered
 * by the editor (numbers computed, not typed); then imports another file as a new version from
 * the revisions page and follows the link to the comparison.
 */
const world = useServerAndBrowser();

test('import a .docx through the page: report, preview outline, confirm, numbered outline in the editor', async () => {
  const { server, browser } = world();
  const errors: string[] = [];
  const { context, page } = await newPage(browser, 'secretariat', errors);
  try {
    await signIn(page, server.baseUrl, 'admin', server.adminPassword);
    const panel = page.locator('[data-section="import"]');
    await panel.locator('input[type="file"]').setInputFiles({ name: 'Đề cương Bộ KH.docx', mimeType: DOCX_MEDIA_TYPE, buffer: await handNumberedOutline() });
    const preview = panel.locator('.import-preview');
    await preview.waitFor();
    const converted = await preview.locator('.import-report--converted').innerText();
    assert.match(converted, /Đề mục cấp 1: 2/);
    assert.match(converted, /Số thứ tự gõ tay đã bỏ/);
    const numbers = await preview.locator('.import-outline__number').allInnerTexts();
    assert.deepEqual(numbers, ['Phần I', '1.', '1.1.', 'a)', '1.2.', 'Phần II']);
    await preview.locator('input[name="title"]').fill('Đề cương nhập từ Word');
    await preview.locator('[data-action="confirm-import"]').click();
    await page.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
    await page.locator('.ProseMirror').waitFor();
    const headings = page.locator('.ProseMirror [data-section-number]');
    await waitUntil(async () => (await headings.count()) === 6, 'the six imported headings in the editor');
    const shown = await headings.evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-section-number'), node.textContent]));
    assert.deepEqual(shown, [
      ['Phần I', 'ĐÁNH GIÁ TÌNH HÌNH'],
      ['1.', 'Kết quả đạt được'],
      ['1.1.', 'Về kinh tế'],
      ['a)', 'Tăng trưởng'],
      ['1.2.', 'Về xã hội'],
      ['Phần II', 'ĐỊNH HƯỚNG'],
    ]);
    assert.equal(await page.locator('.ProseMirror ul ul li').count(), 2, 'the "+" lines nested under the first "-" line');

    // A new version of the same document, from its revisions page.
    await page.goto(`${page.url()}/revisions`);
    const versionPanel = page.locator('[data-section="import"]');
    await versionPanel.locator('input[type="file"]').setInputFiles({ name: 'Dự thảo 2.docx', mimeType: DOCX_MEDIA_TYPE, buffer: await styledOutline() });
    await versionPanel.locator('.import-report--dropped').waitFor();
    assert.match(await versionPanel.locator('.import-report--dropped').innerText(), /Hình ảnh: 1/);
    await versionPanel.locator('[data-action="confirm-import"]').click();
    const compareLink = page.locator('[data-section="import-done"] a');
    await compareLink.waitFor();
    await page.locator('[data-section="named"]', { hasText: 'Trước khi nhập tệp Word “Dự thảo 2.docx”' }).waitFor();
    await compareLink.click();
    await page.waitForURL(/\/compare\?/);
    await page.getByText('BỐI CẢNH').first().waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
