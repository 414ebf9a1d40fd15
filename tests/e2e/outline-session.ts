import assert from 'node:assert/strict';
import * as Y from 'yjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { outlineSchema } from '../../document-model/schema.ts';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage, openEditor, signIn } from './browser.ts';

/**
 * Shared set-up of the browser tests that move sections: a server, Chromium, the editor, the
 * secretariat and a ministry officer signed in once each (one browser context per person), and
 * for each test a document seeded with section I.2 (and its subsection) between I.1 and I.3,
 * opened by one person (page A) and the secretariat (page B) and watched by a plain Yjs client.
 */

/** The editor who moves sections. */
export const EDITOR = { username: 'bientap', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Biên', role: 'editor' };
/** A read-only role. */
export const MINISTRY = { username: 'canbo.byt', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Y', role: 'ministry', organizationId: 'bo-y-te' };

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
/** Block ids in the seeded order. */
export const ORIGINAL = SEED.map(([, , id]) => id);
/** Block ids once I.2 is below I.3. */
export const MOVED = ['h-I', 'h-I1', 'p-I1', 'h-I3', 'p-I3', 'h-I2', 'p-I2', 'h-I21', 'p-I21', 'h-II', 'p-II'];
/** The outline panel of the seeded document. */
export const ORIGINAL_OUTLINE = ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.2', '2.1. Tiểu mục I.2.1', '3. Mục I.3', 'Phần II Quan điểm'];
/** The outline panel once I.2 is below I.3. */
export const MOVED_OUTLINE = ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.3', '3. Mục I.2', '3.1. Tiểu mục I.2.1', 'Phần II Quan điểm'];

/** The ids of the fragment's top-level blocks, in order, as a plain Yjs client sees them. */
export function blockIds(client: TestClient): string[] {
  return client.fragment.toArray().map((child) => (child instanceof Y.XmlElement ? String(child.getAttribute('id')) : '#text'));
}

/** The outline panel's entries as "number text". */
export function outlineEntries(page: Page): Promise<string[]> {
  return page.locator('.outline-panel__link').evaluateAll((links) =>
    links.map((link) => `${link.querySelector('.outline-panel__number')?.textContent ?? ''} ${link.querySelector('.outline-panel__text')?.textContent ?? ''}`),
  );
}

/** Waits until `page`'s outline panel shows `expected`. */
export async function waitForOutline(page: Page, expected: readonly string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await outlineEntries(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(last, expected, 'outline panel');
}

/** One person's signed-in browser context. */
interface Person {
  context: BrowserContext;
  username: string;
}

/** Pages of one test: A (the person acting), B (the secretariat) and a Node Yjs client counting the updates it receives. */
export interface Session {
  documentId: string;
  a: Page;
  b: Page;
  observer: TestClient;
  /** Updates the observer has received from the server so far. */
  updates(): number;
}

/** The running world of one test file. */
export interface OutlineWorld {
  /** Runs `body` on a freshly seeded document opened by `who` and the secretariat, closing its pages whatever happens. */
  withSession(title: string, body: (session: Session) => Promise<void>, who?: 'editor' | 'ministry'): Promise<void>;
  /** Errors of every page so far. */
  readonly pageErrors: string[];
  /** An HTTP API call as the secretariat or the ministry officer (bearer token); `path` from `/api/`. */
  request(who: 'secretariat' | 'ministry', method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Starts the server and the browser and signs the three people in. */
export async function startOutlineWorld(): Promise<OutlineWorld> {
  const pageErrors: string[] = [];
  const server: TestServer = await startTestServer();
  const browser: Browser = await launchBrowser();
  const adminToken = await server.login('admin', server.adminPassword);
  const editorId = await server.createUser(adminToken, EDITOR);
  await server.createUser(adminToken, MINISTRY);
  const tokens = { secretariat: adminToken, ministry: await server.login(MINISTRY.username, MINISTRY.password) };
  const signedIn = async (label: string, username: string, password: string): Promise<Person> => {
    const { context, page } = await newPage(browser, label, pageErrors);
    await signIn(page, server.baseUrl, username, password);
    await page.close();
    return { context, username };
  };
  const people = {
    editor: await signedIn('editor', EDITOR.username, EDITOR.password),
    secretariat: await signedIn('secretariat', 'admin', server.adminPassword),
    ministry: await signedIn('ministry', MINISTRY.username, MINISTRY.password),
  };
  const open = async (person: Person, documentId: string): Promise<Page> => {
    const page = await person.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`[${person.username}] ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`[${person.username}] console: ${message.text()}`);
    });
    await openEditor(page, server.baseUrl, documentId);
    return page;
  };

  return {
    pageErrors,
    request: (who, method, path, body) => requestJson(server.baseUrl, method, path, { token: tokens[who], body }),
    async withSession(title, body, who = 'editor') {
      const documentId = await server.createDocument(adminToken, title);
      const access = await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, {
        token: adminToken,
        body: { members: [editorId], organizations: ['bo-y-te'] },
      });
      assert.equal(access.status, 200, JSON.stringify(access.body));
      const observer = connectClient(server.wsUrl, documentId, adminToken);
      const pages: Page[] = [];
      try {
        await waitSynced(observer);
        prosemirrorJSONToYXmlFragment(outlineSchema, {
          type: 'doc',
          content: SEED.map(([type, level, id, text]) => ({ type, attrs: level > 0 ? { level, id } : { id }, content: [{ type: 'text', text }] })),
        }, observer.fragment);
        let count = 0;
        observer.doc.on('update', (_update: Uint8Array, origin: unknown) => {
          if (origin !== null) count++;
        });
        const a = await open(people[who], documentId);
        pages.push(a);
        const b = await open(people.secretariat, documentId);
        pages.push(b);
        await waitForOutline(a, ORIGINAL_OUTLINE);
        await waitForOutline(b, ORIGINAL_OUTLINE);
        await body({ documentId, a, b, observer, updates: () => count });
      } finally {
        observer.destroy();
        for (const page of pages) await page.close();
      }
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Asserts the move of I.2 below I.3 everywhere: same ids in the new order, numbers on both pages. */
export async function assertMoved(session: Session, expectedIds: readonly string[], expectedOutline: readonly string[]): Promise<void> {
  await waitFor(() => JSON.stringify(blockIds(session.observer)) === JSON.stringify(expectedIds), `block order ${JSON.stringify(expectedIds)}`, 15_000).catch(() => {
    assert.deepEqual(blockIds(session.observer), expectedIds);
  });
  await waitForOutline(session.a, expectedOutline);
  await waitForOutline(session.b, expectedOutline);
  const pageIds = await session.b.locator('.ProseMirror > [data-block-id]').evaluateAll((blocks) => blocks.map((block) => block.getAttribute('data-block-id')));
  assert.deepEqual(pageIds, expectedIds, 'the other browser shows the same blocks');
}

/** Presses Ctrl+Z in page A and checks the original order and numbering are back everywhere, in one update. */
export async function assertUndoInOneStep(session: Session): Promise<void> {
  const before = session.updates();
  await session.a.keyboard.press('Control+z');
  await assertMoved(session, ORIGINAL, ORIGINAL_OUTLINE);
  assert.equal(session.updates() - before, 1, 'the undo reaches the others as one update');
}

