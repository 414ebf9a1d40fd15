import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import type { Browser, Page } from 'playwright-core';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage, openEditor, signIn, TIMEOUT, waitUntil } from './browser.ts';
import { keepScreenshot, SCREEN_SIZES } from './layout.ts';

/**
 * The editor page at 1366×768 and 1920×1080 with a long draft and 14 comments: a ministry
 * officer finds "Gửi văn bản góp ý" at the top of the comments sidebar without scrolling, and the
 * sidebar stays in view while reading further down; offline, the indicator stays in view and
 * others' presence and cursors are hidden until the connection is back. Screenshots go to
 * test-artifacts/screenshots/. Needs `npm run build:client` first and Chromium.
 */

const MINISTRY = { username: 'canbo.bocuc', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Bố', role: 'ministry', organizationId: 'bo-y-te' };
const EDITOR = { username: 'bientap.bocuc', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Cục', role: 'editor' };

let server: TestServer | undefined;
let browser: Browser | undefined;
let documentId = '';

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, MINISTRY);
  const editorId = await server.createUser(admin, EDITOR);
  documentId = await server.createDocument(admin, 'Đề cương dài', 'nts-2030-2045');
  const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [editorId], organizations: ['bo-y-te'] } });
  assert.equal(access.status, 200);
  // A long draft: sixty more paragraphs at the end.
  const client = connectClient(server.wsUrl, documentId, admin);
  let headings: string[];
  try {
    await waitSynced(client);
    client.doc.transact(() => {
      for (let i = 1; i <= 60; i++) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`Đoạn bổ sung số ${i}: nội dung phân tích, đánh giá và đề xuất giải pháp cụ thể cho từng lĩnh vực.`)]);
        client.fragment.insert(client.fragment.length, [paragraph]);
      }
    });
    headings = client.fragment
      .toArray()
      .filter((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === 'heading')
      .map((heading) => String(heading.getAttribute('id')));
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    client.destroy();
  }
  const officer = await server.login(MINISTRY.username, MINISTRY.password);
  for (let i = 0; i < 14; i++) {
    const created = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
      token: officer,
      body: { body: `Góp ý số ${i + 1} của Bộ Y tế về mục này.`, sectionBlockId: headings[i % headings.length] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The element's box relative to the viewport. */
function boxOf(page: Page, selector: string): Promise<{ top: number; bottom: number; left: number; right: number; height: number }> {
  return page.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, height: box.height };
  });
}

for (const size of SCREEN_SIZES) {
  test(`a ministry officer at ${size.width}×${size.height}: the submission button on top, the sidebar in view while reading`, { timeout: 90_000 }, async () => {
    if (!server || !browser) throw new Error('not started');
    const errors: string[] = [];
    const { page } = await newPage(browser, 'bộ', errors);
    await page.setViewportSize(size);
    await signIn(page, server.baseUrl, MINISTRY.username, MINISTRY.password);
    await openEditor(page, server.baseUrl, documentId);
    await waitUntil(async () => (await page.locator('.thread-card').count()) === 14, '14 threads');
    await keepScreenshot(page, 'editor-ministry');
    const summary = await boxOf(page, '.submission-panel__summary');
    assert.ok(summary.bottom <= size.height && summary.top >= 0, `"Gửi văn bản góp ý" in view without scrolling (${summary.top}–${summary.bottom})`);
    const panel = await boxOf(page, '.comments-panel');
    assert.ok(summary.top >= panel.top && summary.bottom <= panel.bottom, 'inside the comments sidebar');

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 600);
    const scrolled = await boxOf(page, '.comments-panel');
    assert.ok(scrolled.top >= 0 && scrolled.top < size.height / 2 && scrolled.bottom > size.height / 2, `the sidebar stays in view (${scrolled.top}–${scrolled.bottom})`);
    assert.deepEqual(errors, []);
  });
}

test('offline: the indicator stays in view, others\' presence and cursors are hidden until the connection is back', { timeout: 90_000 }, async () => {
  if (!server || !browser) throw new Error('not started');
  const errors: string[] = [];
  const a = await newPage(browser, 'biên tập', errors);
  const b = await newPage(browser, 'thư ký', errors);
  await a.page.setViewportSize(SCREEN_SIZES[0]);
  await signIn(a.page, server.baseUrl, EDITOR.username, EDITOR.password);
  await signIn(b.page, server.baseUrl, 'admin', server.adminPassword);
  await openEditor(a.page, server.baseUrl, documentId);
  await openEditor(b.page, server.baseUrl, documentId);
  await b.page.locator('.ProseMirror p').first().click();
  await a.page.locator('.presence__item').nth(1).waitFor({ timeout: TIMEOUT });
  await a.page.locator('.ProseMirror-yjs-cursor').first().waitFor({ state: 'visible', timeout: TIMEOUT });

  await a.context.setOffline(true);
  await a.page.locator('.status[data-status="offline"]').waitFor();
  await a.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await a.page.waitForFunction(() => window.scrollY > 600);
  const indicator = await boxOf(a.page, '.status');
  assert.ok(indicator.top >= 0 && indicator.bottom <= SCREEN_SIZES[0].height, `the offline indicator in view (${indicator.top}–${indicator.bottom})`);
  await keepScreenshot(a.page, 'editor-offline');
  assert.equal(await a.page.locator('.presence__list').isVisible(), false, 'presence hidden');
  assert.equal(await a.page.locator('.presence__offline').isVisible(), true, 'and why');
  assert.equal(await a.page.locator('.ProseMirror-yjs-cursor').first().isVisible(), false, 'cursors hidden');

  await a.context.setOffline(false);
  await a.page.locator('.status[data-status="online"]').waitFor({ timeout: 30_000 });
  await a.page.locator('.presence__list').waitFor({ state: 'visible' });
  assert.equal(await a.page.locator('.presence__offline').isVisible(), false);
  assert.deepEqual(errors, []);
});
