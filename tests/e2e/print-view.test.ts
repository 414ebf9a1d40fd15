import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { download, SAMPLE_DRAFT, writeDraft } from '../exports/helpers.ts';
import { newPage, openEditor, signIn, TIMEOUT, useServerAndBrowser } from './browser.ts';

/**
 * End to end, in a real Chromium: the editor's "In" opens the print view — A4 with the
 * decree's margins in `@page`, the page number in the top margin from the second page, the
 * header block and DỰ THẢO mark, headings numbered as in the editor — whose "In / Lưu PDF"
 * button prints; a signed-out visitor is sent to sign in first. The server here has no
 * Chromium of its own (`chromiumPath` points nowhere), so "Tải PDF" says so in Vietnamese.
 * Needs `npm run build:client` first and Chromium (see browser.ts).
 */

const world = useServerAndBrowser({ chromiumPath: '/nonexistent/chromium' });

interface PageRule {
  selector: string;
  size: string;
  margin: string;
  topCenter: string;
}

test('the print view: @page A4 and margins, numbered headings, a print button; Tải PDF explains when the server cannot make PDFs', { timeout: 120_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(admin, 'Chiến lược in thử');
  await writeDraft(server, admin, documentId, SAMPLE_DRAFT);

  const signedOut = await download(server, `/documents/${documentId}/print`);
  assert.equal(signedOut.status, 200, 'fetch follows the redirect to the sign-in page');
  const redirect = await fetch(`${server.baseUrl}/documents/${documentId}/print`, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get('location'), `/login?next=${encodeURIComponent(`/documents/${documentId}/print`)}`);

  const errors: string[] = [];
  const { context, page } = await newPage(browser, 'thư ký', errors);
  await signIn(page, server.baseUrl, 'admin', server.adminPassword);
  await openEditor(page, server.baseUrl, documentId);
  const links = page.locator('.export-links');
  assert.equal(await links.locator('[data-action="export-docx"]').innerText(), 'Tải Word');
  assert.equal(await links.locator('[data-action="export-docx"]').getAttribute('href'), `/api/documents/${documentId}/export.docx`);

  await links.locator('[data-action="export-pdf"]').click();
  await links.locator('.export-links__message', { hasText: 'chưa cài trình tạo PDF' }).waitFor({ timeout: TIMEOUT });

  const [print] = await Promise.all([context.waitForEvent('page'), links.locator('[data-action="print-view"]', { hasText: 'In' }).click()]);
  await print.waitForLoadState('load');
  assert.equal(new URL(print.url()).pathname, `/documents/${documentId}/print`);

  const rules = await print.evaluate(() =>
    [...document.styleSheets].flatMap((sheet) =>
      [...sheet.cssRules]
        .filter((rule): rule is CSSPageRule => rule instanceof CSSPageRule)
        .map((rule) => ({
          selector: rule.selectorText,
          size: rule.style.getPropertyValue('size'),
          margin: rule.style.getPropertyValue('margin'),
          topCenter: rule.cssText.includes('@top-center') ? (/@top-center\s*\{([^}]*)\}/u.exec(rule.cssText)?.[1] ?? '') : '',
        })),
    ),
  );
  const base = rules.find((rule: PageRule) => rule.selector === '');
  assert.equal(base?.size.toUpperCase(), 'A4');
  assert.equal(base?.margin, '20mm 15mm 20mm 30mm');
  assert.match(base?.topCenter ?? '', /counter\(page\)/u, 'the page number in the top margin');
  const first = rules.find((rule: PageRule) => rule.selector === ':first');
  assert.match(first?.topCenter ?? '', /content:\s*none/u, 'no number on the first page');
  assert.equal(await print.evaluate(() => getComputedStyle(document.body).fontFamily.split(',')[0]?.replace(/"/gu, '')), 'Times New Roman');
  assert.ok(Math.abs(parseFloat(await print.evaluate(() => getComputedStyle(document.body).fontSize)) - (14 * 96) / 72) < 0.01, '14 pt');

  const headings = await print.locator('main h2, main h3, main h4, main h5').evaluateAll((elements) => elements.map((element) => `${element.tagName} ${element.querySelector('.number')?.textContent ?? ''}`));
  assert.deepEqual(headings, ['H2 Phần I', 'H3 1.', 'H4 1.1.', 'H5 a)', 'H3 2.']);
  assert.equal(await print.locator('main ul > li > ol > li').count(), 2, 'a numbered list nested in a bulleted one');
  assert.equal(await print.locator('main ol[start="3"] > li').count(), 1);
  assert.deepEqual(await print.locator('main table.draft-table thead th').allInnerTexts(), ['Chỉ tiêu', 'Năm 2025', 'Năm 2030']);
  assert.equal(await print.locator('main table.draft-table td[rowspan="2"]').innerText(), 'Tỷ lệ');
  assert.equal(await print.locator('main table.draft-table td[colspan="2"]').innerText(), 'Giữ nguyên');
  for (const text of ['DỰ THẢO', 'TỔ BIÊN SOẠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'CHIẾN LƯỢC IN THỬ']) {
    assert.ok((await print.locator('main').innerText()).includes(text), text);
  }

  await print.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await print.getByRole('button', { name: 'In / Lưu PDF' }).click();
  await print.locator('body[data-printed="yes"]').waitFor({ timeout: TIMEOUT });
  await print.emulateMedia({ media: 'print' });
  assert.equal(await print.locator('.print-toolbar').isVisible(), false, 'the toolbar is not printed');
  // The browser logs the refused PDF's 503; nothing else may fail (a CSP refusal of the print script would show here).
  assert.deepEqual(errors.filter((error) => !error.includes('status of 503')), []);

  // A named revision's Word file is one click away on the revisions page.
  const revision = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name: 'Dự thảo lần 1' } });
  const revisionId = (revision.body as { id: string }).id;
  await page.goto(`${server.baseUrl}/documents/${documentId}/revisions`);
  const word = page.locator(`tr[data-revision-id="${revisionId}"] a[data-action="export-docx"]`);
  assert.equal(await word.innerText(), 'Tải Word');
  const file = await page.request.get(new URL((await word.getAttribute('href')) ?? '', server.baseUrl).href);
  assert.equal(file.status(), 200);
  assert.match(file.headers()['content-disposition'] ?? '', /D%E1%BB%B1%20th%E1%BA%A3o%20l%E1%BA%A7n%201\.docx/u);
  await context.close();
});
