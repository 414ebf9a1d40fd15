import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage as openPage, openEditor, signIn, TIMEOUT, waitUntil } from './browser.ts';

/**
 * End to end, in a real Chromium: two people sign in through the /login form, open the
 * same outline and see each other's typing, named cursor and section numbering live.
 * Needs `npm run build:client` first (`npm test` does it) and Chromium at CHROMIUM_PATH
 * (default /usr/bin/chromium); a missing browser fails the test, it is never skipped.
 */

let server: TestServer | undefined;
let browser: Browser | undefined;
/** Id of the committee member `bientap`, created by the first test. */
let editorId: string | undefined;
const pageErrors: string[] = [];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A new browser context of this file's browser, its errors collected in `pageErrors`. */
function newPage(label: string): ReturnType<typeof openPage> {
  if (!browser) throw new Error('browser not started');
  return openPage(browser, label, pageErrors);
}

/** Lets the committee member `bientap` open `documentId` (admins can always). */
async function grantEditorAccess(adminToken: string, documentId: string): Promise<void> {
  if (!server || editorId === undefined) throw new Error('server or editor account missing');
  const result = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, {
    token: adminToken,
    body: { members: [editorId], organizations: [] },
  });
  assert.equal(result.status, 200, `PUT access: ${JSON.stringify(result.body)}`);
}

/** Number of Yjs updates y-indexeddb has stored for `documentId` in this page's origin. */
function storedUpdateCount(page: Page, documentId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('updates', 'readonly').objectStore('updates').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
    `draftroom-${documentId}`,
  );
}

test('two people co-edit an outline live: text, named cursor, numbered heading', { timeout: 90_000 }, async () => {
  if (!server) throw new Error('server not started');
  const { baseUrl } = server;
  const adminToken = await server.login('admin', server.adminPassword);
  const me = await requestJson(baseUrl, 'GET', '/api/auth/me', { token: adminToken });
  const adminName = (me.body as { user?: { displayName?: unknown } } | null)?.user?.displayName;
  assert.equal(typeof adminName, 'string', `GET /api/auth/me: ${JSON.stringify(me.body)}`);
  editorId = await server.createUser(adminToken, { username: 'bientap', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Biên', role: 'editor' });
  const documentId = await server.createDocument(adminToken, 'Chiến lược phát triển 2026–2030');
  await grantEditorAccess(adminToken, documentId);

  const a = await newPage('admin');
  const b = await newPage('bientap');
  await signIn(a.page, baseUrl, 'admin', server.adminPassword);
  await signIn(b.page, baseUrl, 'bientap', 'mat-khau-bien-tap');

  await openEditor(a.page, baseUrl, documentId);
  await openEditor(b.page, baseUrl, documentId);
  // Vietnamese is the default language.
  assert.equal((await a.page.locator('.status__label').textContent())?.trim(), 'Trực tuyến');

  // Both people appear in each other's presence list.
  await b.page.locator('.presence__name', { hasText: String(adminName) }).waitFor();
  await a.page.locator('.presence__name', { hasText: 'Nguyễn Thị Biên' }).waitFor();

  // Typing in one editor appears in the other.
  const line = 'Xin chào Việt Nam';
  await a.page.locator('.ProseMirror').click();
  await a.page.keyboard.type(line);
  await b.page.locator('.ProseMirror p', { hasText: line }).waitFor();

  // The other person's caret carries the first person's name.
  const label = b.page.locator('.ProseMirror-yjs-cursor__label', { hasText: String(adminName) });
  await label.waitFor({ state: 'visible' });

  // Ctrl+Alt+2 turns a new line into a level-2 heading, numbered "1." for everyone.
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.type('Bối cảnh');
  await a.page.keyboard.press('Control+Alt+2');
  await a.page.locator('.ProseMirror h2[data-section-number="1."]', { hasText: 'Bối cảnh' }).waitFor();
  const entry = b.page.locator('.outline-panel__link', { hasText: 'Bối cảnh' });
  await entry.waitFor();
  assert.equal((await entry.locator('.outline-panel__number').textContent())?.trim(), '1.');
  await b.page.locator('.ProseMirror h2[data-section-number="1."]', { hasText: 'Bối cảnh' }).waitFor();

  // Clicking an outline entry puts the other person's cursor in that heading.
  await b.page.locator('.outline-panel__link', { hasText: 'Bối cảnh' }).click();
  await b.page.locator('.toolbar__button[data-command="heading-2"][aria-pressed="true"]').waitFor();

  // Turning the paragraph above into a heading renumbers "Bối cảnh" for the first person.
  // (Waiting for the toolbar state makes sure the editor has read the click's selection.)
  await b.page.locator('.ProseMirror p', { hasText: line }).click();
  await b.page.locator('.toolbar__button[data-command="paragraph"][aria-pressed="true"]').waitFor();
  await b.page.keyboard.press('Control+Alt+2');
  await a.page.locator('.outline-panel__link', { hasText: 'Bối cảnh' }).locator('.outline-panel__number', { hasText: '2.' }).waitFor();
  await a.page.locator('.outline-panel__link', { hasText: line }).locator('.outline-panel__number', { hasText: '1.' }).waitFor();

  // Every block got a unique id; the text is the same on both sides.
  const idsOf = (page: Page) =>
    page.locator('.ProseMirror [data-block-id]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-block-id')));
  await a.page.waitForFunction(
    () => document.querySelectorAll('.ProseMirror h2').length === 2,
    undefined,
    { timeout: TIMEOUT },
  );
  const idsA = await idsOf(a.page);
  assert.equal(new Set(idsA).size, idsA.length, `duplicate block ids: ${JSON.stringify(idsA)}`);
  // Both sides hold the same blocks and text (collaborators' carets left out).
  const contentOf = (page: Page) =>
    page.locator('.ProseMirror').evaluate((editor) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.ProseMirror-yjs-cursor')) caret.remove();
      return [...copy.children].map((block) => `${block.tagName}:${block.getAttribute('data-block-id')}:${block.textContent}`).join('\n');
    });
  const expected = await contentOf(a.page);
  await b.page.waitForFunction(
    (want) => {
      const editor = document.querySelector('.ProseMirror');
      if (!editor) return false;
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.ProseMirror-yjs-cursor')) caret.remove();
      return [...copy.children].map((block) => `${block.tagName}:${block.getAttribute('data-block-id')}:${block.textContent}`).join('\n') === want;
    },
    expected,
    { timeout: TIMEOUT },
  );
  assert.equal(await contentOf(b.page), expected);

  await a.context.close();
  await b.context.close();
  assert.deepEqual(pageErrors, []);
});

test('language switch is remembered; the indicator follows the browser going offline and back', { timeout: 90_000 }, async () => {
  if (!server) throw new Error('server not started');
  const { baseUrl } = server;
  const adminToken = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(adminToken, 'Đề cương ngoại tuyến');
  await grantEditorAccess(adminToken, documentId);
  const a = await newPage('admin-offline');
  const b = await newPage('bientap-offline');
  await signIn(a.page, baseUrl, 'admin', server.adminPassword);
  await signIn(b.page, baseUrl, 'bientap', 'mat-khau-bien-tap');
  await openEditor(a.page, baseUrl, documentId);
  await openEditor(b.page, baseUrl, documentId);

  // English is selectable and survives a reload.
  await a.page.locator('select[name="language"]').selectOption('en');
  await a.page.locator('.status__label', { hasText: 'Online' }).waitFor();
  await a.page.locator('.panel-title', { hasText: 'Outline' }).waitFor();
  await a.page.reload();
  await a.page.locator('.status[data-status="online"] .status__label', { hasText: 'Online' }).waitFor();

  // Offline: the indicator says so, and typing still works locally.
  await a.context.setOffline(true);
  await a.page.locator('.status[data-status="offline"]', { hasText: 'Offline' }).waitFor();
  await a.page.locator('.ProseMirror').click();
  await a.page.keyboard.type('Soạn khi mất mạng');
  await a.page.locator('.ProseMirror p', { hasText: 'Soạn khi mất mạng' }).waitFor();
  assert.doesNotMatch((await b.page.locator('.ProseMirror').textContent()) ?? '', /Soạn khi mất mạng/);

  // Back online: the edit reaches the other person and the indicator returns to online.
  // (Chromium's offline mode pauses the socket rather than closing it; the next test cuts it.)
  await a.context.setOffline(false);
  await b.page.locator('.ProseMirror p', { hasText: 'Soạn khi mất mạng' }).waitFor();
  await a.page.locator('.status[data-status="online"]').waitFor();

  await a.context.close();
  await b.context.close();
  assert.deepEqual(pageErrors, []);
});

test('edits made without a connection survive a reload and merge when it returns', { timeout: 90_000 }, async () => {
  if (!server) throw new Error('server not started');
  const { baseUrl } = server;
  const adminToken = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(adminToken, 'Đề cương lưu cục bộ');
  await grantEditorAccess(adminToken, documentId);
  const a = await newPage('admin-idb');
  const b = await newPage('bientap-idb');
  // Route the collaboration socket through the test so it can be cut; pages still load.
  let blocked = false;
  const routed: { socket: WebSocketRoute | null } = { socket: null };
  await a.context.routeWebSocket(/\/collab\//, (socket) => {
    if (blocked) {
      socket.close({ code: 4000, reason: 'blocked by the test' });
      return;
    }
    routed.socket = socket;
    socket.connectToServer();
  });
  await signIn(a.page, baseUrl, 'admin', server.adminPassword);
  await signIn(b.page, baseUrl, 'bientap', 'mat-khau-bien-tap');
  await openEditor(a.page, baseUrl, documentId);
  await openEditor(b.page, baseUrl, documentId);
  await a.page.locator('.ProseMirror').click();
  await a.page.keyboard.type('Bản chung');
  await b.page.locator('.ProseMirror p', { hasText: 'Bản chung' }).waitFor();

  blocked = true;
  await routed.socket?.close({ code: 4000, reason: 'cut by the test' });
  await a.page.locator('.status:not([data-status="online"])').waitFor();
  const stored = await storedUpdateCount(a.page, documentId);
  const offlineText = ' và bản nháp riêng';
  await a.page.keyboard.type(offlineText);
  await waitUntil(async () => (await storedUpdateCount(a.page, documentId)) >= stored + offlineText.length, 'offline edits stored in IndexedDB');

  // Reload while the socket is still blocked: the text comes back from IndexedDB.
  await a.page.reload();
  await a.page.locator('.ProseMirror p', { hasText: `Bản chung${offlineText}` }).waitFor();
  assert.notEqual(await a.page.locator('.status').getAttribute('data-status'), 'online');
  assert.doesNotMatch((await b.page.locator('.ProseMirror').textContent()) ?? '', /bản nháp riêng/);

  // The connection returns: the offline edit merges for the other person.
  blocked = false;
  await b.page.locator('.ProseMirror p', { hasText: `Bản chung${offlineText}` }).waitFor({ timeout: 30_000 });
  await a.page.locator('.status[data-status="online"]').waitFor({ timeout: 30_000 });

  await a.context.close();
  await b.context.close();
  assert.deepEqual(pageErrors.filter((error) => !error.includes('WebSocket')), []);
});
