import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import type { Browser, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { outlineSchema } from '../../document-model/schema.ts';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage as openPage, openEditor, signIn } from './browser.ts';

/**
 * End to end, in a real Chromium: the editor moves section I.2 (with its subsection) below
 * I.3 by dragging it in the outline panel, by Alt+Shift+↓ and by cut and paste. Each time the
 * blocks keep their ids, the numbering follows, the secretariat in a second browser and a
 * plain Yjs client see the move (as one update for the drag and the shortcut), and Ctrl+Z
 * takes it back. Needs `npm run build:client` first and Chromium (see browser.ts).
 */

let server: TestServer | undefined;
let browser: Browser | undefined;
let adminToken = '';
let editorId = '';
const pageErrors: string[] = [];
const EDITOR = { username: 'bientap', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Biên', role: 'editor' };
const MINISTRY = { username: 'canbo.byt', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Y', role: 'ministry', organizationId: 'bo-y-te' };

/** The seeded outline: [element, level or 0, id, text]. */
const SEED: ReadonlyArray<readonly [string, number, string, string]> = [
  ['heading', 1, 'h-I', 'Bối cảnh'],
  ['heading', 2, 'h-I1', 'Mục I.1'],
  ['paragraph', 0, 'p-I1', 'Nội dung I.1'],
  ['heading', 2, 'h-I2', 'Mục I.2'],
  ['paragraph', 0, 'p-I2', 'Nội dung I.2'],
  ['heading', 3, 'h-I21', 'Tiểu mục I.2.1'],
  ['paragraph', 0, 'p-I21', 'Nội dung I.2.1'],
  ['heading', 2, 'h-I3', 'Mục I.3'],
  ['paragraph', 0, 'p-I3', 'Nội dung I.3'],
  ['heading', 1, 'h-II', 'Quan điểm'],
  ['paragraph', 0, 'p-II', 'Nội dung II'],
];
const ORIGINAL = SEED.map(([, , id]) => id);
const MOVED = ['h-I', 'h-I1', 'p-I1', 'h-I3', 'p-I3', 'h-I2', 'p-I2', 'h-I21', 'p-I21', 'h-II', 'p-II'];
const ORIGINAL_OUTLINE = ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.2', '2.1. Tiểu mục I.2.1', '3. Mục I.3', 'Phần II Quan điểm'];
const MOVED_OUTLINE = ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.3', '3. Mục I.2', '3.1. Tiểu mục I.2.1', 'Phần II Quan điểm'];

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  adminToken = await server.login('admin', server.adminPassword);
  editorId = await server.createUser(adminToken, EDITOR);
  await server.createUser(adminToken, MINISTRY);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The ids of the fragment's top-level blocks, in order, as a plain Yjs client sees them. */
function blockIds(client: TestClient): string[] {
  return client.fragment.toArray().map((child) => (child instanceof Y.XmlElement ? String(child.getAttribute('id')) : '#text'));
}

/** The outline panel's entries as "number text". */
function outlineEntries(page: Page): Promise<string[]> {
  return page.locator('.outline-panel__link').evaluateAll((links) =>
    links.map((link) => `${link.querySelector('.outline-panel__number')?.textContent ?? ''} ${link.querySelector('.outline-panel__text')?.textContent ?? ''}`),
  );
}

/** Waits until `page`'s outline panel shows `expected`. */
async function waitForOutline(page: Page, expected: readonly string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await outlineEntries(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(last, expected, 'outline panel');
}

/** A document seeded with SEED, opened by `person` (page A, the editor by default) and the secretariat (page B), watched by a Node Yjs client. */
async function setUp(title: string, person: { username: string; password: string } = EDITOR): Promise<{ a: Page; b: Page; observer: TestClient; updates: () => number; close: () => Promise<void> }> {
  if (!server || !browser) throw new Error('not started');
  const documentId = await server.createDocument(adminToken, title);
  const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: adminToken, body: { members: [editorId], organizations: ['bo-y-te'] } });
  assert.equal(access.status, 200, JSON.stringify(access.body));

  const observer = connectClient(server.wsUrl, documentId, adminToken);
  await waitSynced(observer);
  prosemirrorJSONToYXmlFragment(outlineSchema, {
    type: 'doc',
    content: SEED.map(([type, level, id, text]) => ({ type, attrs: level > 0 ? { level, id } : { id }, content: [{ type: 'text', text }] })),
  }, observer.fragment);
  let count = 0;
  observer.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== null) count++;
  });

  const a = await openPage(browser, 'editor', pageErrors);
  const b = await openPage(browser, 'secretariat', pageErrors);
  await signIn(a.page, server.baseUrl, person.username, person.password);
  await signIn(b.page, server.baseUrl, 'admin', server.adminPassword);
  await openEditor(a.page, server.baseUrl, documentId);
  await openEditor(b.page, server.baseUrl, documentId);
  await waitForOutline(a.page, ORIGINAL_OUTLINE);
  await waitForOutline(b.page, ORIGINAL_OUTLINE);
  return {
    a: a.page,
    b: b.page,
    observer,
    updates: () => count,
    close: async () => {
      observer.destroy();
      await a.context.close();
      await b.context.close();
    },
  };
}

type Session = Awaited<ReturnType<typeof setUp>>;

/** Runs `body` on a fresh session, closing its pages and client whatever happens. */
async function withSession(title: string, body: (session: Session) => Promise<void>, person = EDITOR): Promise<void> {
  const session = await setUp(title, person);
  try {
    await body(session);
  } finally {
    await session.close();
  }
}

/** Asserts the move of I.2 below I.3 everywhere: same ids in the new order, numbers on both pages. */
async function assertMoved(session: Session, expectedIds: readonly string[], expectedOutline: readonly string[]): Promise<void> {
  await waitFor(() => JSON.stringify(blockIds(session.observer)) === JSON.stringify(expectedIds), `block order ${JSON.stringify(expectedIds)}`, 15_000).catch(() => {
    assert.deepEqual(blockIds(session.observer), expectedIds);
  });
  await waitForOutline(session.a, expectedOutline);
  await waitForOutline(session.b, expectedOutline);
  const pageIds = await session.b.locator('.ProseMirror > [data-block-id]').evaluateAll((blocks) => blocks.map((block) => block.getAttribute('data-block-id')));
  assert.deepEqual(pageIds, expectedIds, 'the other browser shows the same blocks');
}

/** Presses Ctrl+Z in page A and checks the original order and numbering are back everywhere, in one update. */
async function assertUndoInOneStep(session: Session): Promise<void> {
  const before = session.updates();
  await session.a.keyboard.press('Control+z');
  await assertMoved(session, ORIGINAL, ORIGINAL_OUTLINE);
  assert.equal(session.updates() - before, 1, 'the undo reaches the others as one update');
}

test('dragging I.2 in the outline panel below I.3 moves the whole section as one change', { timeout: 120_000 }, async () => {
  await withSession('Đề cương kéo thả', async (session) => {
    const source = session.a.locator('.outline-panel__link', { hasText: 'Mục I.2' }).first();
    assert.equal(await source.getAttribute('draggable'), 'true');
    const before = session.updates();
    // The upper edge of "Quan điểm": the drop line goes above it, i.e. after I.3's section.
    await source.dragTo(session.a.locator('.outline-panel__link', { hasText: 'Quan điểm' }), { targetPosition: { x: 20, y: 3 } });
    await assertMoved(session, MOVED, MOVED_OUTLINE);
    assert.equal(session.updates() - before, 1, 'the move reaches the others as one update');
    await assertUndoInOneStep(session);
  });
  assert.deepEqual(pageErrors, []);
});

test('Alt+Shift+↓ on heading I.2 moves its section below I.3; the block handle menu moves it back', { timeout: 120_000 }, async () => {
  await withSession('Đề cương phím tắt', async (session) => {
    await session.a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    const before = session.updates();
    await session.a.keyboard.press('Alt+Shift+ArrowDown');
    await assertMoved(session, MOVED, MOVED_OUTLINE);
    assert.equal(session.updates() - before, 1, 'the move reaches the others as one update');
    await assertUndoInOneStep(session);

    // The handle beside the block under the cursor offers the same moves, in Vietnamese.
    await session.a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    const handle = session.a.locator('.block-handle');
    assert.equal(await handle.getAttribute('aria-label'), 'Thao tác với khối');
    await handle.click();
    const down = session.a.locator('.block-handle__item[data-command="move-down"]');
    assert.equal((await down.locator('span').first().textContent())?.trim(), 'Chuyển xuống');
    await down.click();
    await assertMoved(session, MOVED, MOVED_OUTLINE);
    await handle.click();
    await session.a.locator('.block-handle__menu').waitFor({ state: 'visible' });
    await session.a.keyboard.press('Escape');
    await session.a.locator('.block-handle__menu').waitFor({ state: 'hidden' });
  });
  assert.deepEqual(pageErrors, []);
});

test('cutting section I.2 leaves no empty heading; pasting it above "Quan điểm" keeps its ids', { timeout: 120_000 }, async () => {
  await withSession('Đề cương cắt dán', async (session) => {
    const { a } = session;
    // Select from the start of heading I.2 to the end of its last paragraph, as with the keyboard.
    await a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    await a.keyboard.press('Home');
    for (let line = 0; line < 3; line++) await a.keyboard.press('Shift+ArrowDown');
    await a.keyboard.press('Shift+End');
    await a.keyboard.press('Control+x');
    const withoutI2 = ORIGINAL.filter((id) => !['h-I2', 'p-I2', 'h-I21', 'p-I21'].includes(id));
    await assertMoved(session, withoutI2, ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.3', 'Phần II Quan điểm']);

    await a.locator('.ProseMirror h1', { hasText: 'Quan điểm' }).click();
    await a.keyboard.press('Home');
    await a.keyboard.press('Control+v');
    await assertMoved(session, MOVED, MOVED_OUTLINE);

    // Two steps (paste, then cut), each undone by one Ctrl+Z.
    await a.keyboard.press('Control+z');
    await assertMoved(session, withoutI2, ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.3', 'Phần II Quan điểm']);
    await assertUndoInOneStep(session);
  });
  assert.deepEqual(pageErrors, []);
});

test('a ministry officer (read-only) can neither drag outline entries nor move sections', { timeout: 120_000 }, async () => {
  await withSession('Đề cương chỉ xem', async (session) => {
    const { a } = session;
    const source = a.locator('.outline-panel__link', { hasText: 'Mục I.2' }).first();
    assert.equal(await source.getAttribute('draggable'), 'false');
    const before = session.updates();
    await source.dragTo(a.locator('.outline-panel__link', { hasText: 'Quan điểm' }), { targetPosition: { x: 20, y: 3 } });
    await a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    await a.keyboard.press('Alt+Shift+ArrowDown');
    assert.equal(await a.locator('.block-handle').isVisible(), false, 'no block handle for a read-only role');
    // Give a wrongly sent change time to arrive, then check nothing moved anywhere.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(session.updates(), before);
    assert.deepEqual(blockIds(session.observer), ORIGINAL);
    assert.deepEqual(await outlineEntries(a), ORIGINAL_OUTLINE);
  }, MINISTRY);
  assert.deepEqual(pageErrors, []);
});
