import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { seriousViolations } from './axe.ts';
import { launchBrowser, newPage, openEditor, signIn, TIMEOUT } from './browser.ts';

/**
 * Shared set-up of the accessibility tests: a server with one person of each role, a document
 * from the strategy template with two revisions and a comment, Chromium, and the list of pages
 * each role can open. Each test file checks some roles with axe-core (no serious or critical
 * violation of WCAG 2.1 A/AA). Needs `npm run build:client` first and Chromium.
 */

export const PEOPLE = {
  editor: { username: 'bientap.axe', password: 'mat-khau-bien-tap', displayName: 'Nguyễn Thị Tiếp Cận', role: 'editor' },
  ministry: { username: 'canbo.axe', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Dễ Dùng', role: 'ministry', organizationId: 'bo-y-te' },
  observer: { username: 'quansat.axe', password: 'mat-khau-quan-sat', displayName: 'Lê Quan Sát', role: 'observer' },
} as const;

/** The running world of one test file. */
export interface AccessibilityWorld {
  server: TestServer;
  browser: Browser;
  documentId: string;
  revisionA: string;
  revisionB: string;
  passwords: Record<string, string>;
}

/** The block id of the document's first heading, read as a plain Yjs client. */
async function firstHeadingId(server: TestServer, token: string, documentId: string): Promise<string> {
  const client = connectClient(server.wsUrl, documentId, token);
  try {
    await waitSynced(client);
    const heading = client.fragment.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === 'heading');
    return String(heading?.getAttribute('id'));
  } finally {
    client.destroy();
  }
}

/** Starts the server and Chromium and seeds people, a document, revisions and a comment. */
export async function startAccessibilityWorld(): Promise<AccessibilityWorld> {
  const server = await startTestServer();
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    return await seed(server, browser);
  } catch (error) {
    // Nothing may keep the test process alive after a failed set-up.
    await browser.close();
    await server.close();
    throw error;
  }
}

async function seed(server: TestServer, browser: Browser): Promise<AccessibilityWorld> {
  const passwords: Record<string, string> = {};
  const admin = await server.login('admin', server.adminPassword);
  passwords.admin = server.adminPassword;
  const ids: string[] = [];
  for (const person of Object.values(PEOPLE)) {
    const id = await server.createUser(admin, person);
    if (person.role !== 'ministry') ids.push(id);
    passwords[person.username] = person.password;
  }
  const documentId = await server.createDocument(admin, 'Đề cương kiểm tra trợ năng', 'nts-2030-2045');
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: ids, organizations: ['bo-y-te'] } });
  const first = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name: 'Dự thảo lần 1' } });
  const second = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name: 'Dự thảo lần 2' } });
  const revisionA = (first.body as { id: string }).id;
  const revisionB = (second.body as { id: string }).id;
  const officer = await server.login(PEOPLE.ministry.username, PEOPLE.ministry.password);
  const sectionBlockId = await firstHeadingId(server, admin, documentId);
  const thread = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, { token: officer, body: { body: 'Đề nghị làm rõ phạm vi.', sectionBlockId } });
  assert.equal(thread.status, 201, JSON.stringify(thread.body));
  return { server, browser, documentId, revisionA, revisionB, passwords };
}

/** Pages each role can open, with what to wait for before checking. */
function pagesFor(world: AccessibilityWorld, role: string): Array<{ name: string; path: string; ready: string }> {
  const { documentId, revisionA, revisionB } = world;
  const pages = [
    { name: 'documents', path: '/', ready: '.documents-list' },
    { name: 'editor', path: `/documents/${documentId}`, ready: '.comments-panel' },
    { name: 'revisions', path: `/documents/${documentId}/revisions`, ready: 'main' },
    { name: 'revision', path: `/documents/${documentId}/revisions/${revisionA}`, ready: '.ProseMirror' },
    { name: 'compare', path: `/documents/${documentId}/compare?from=${revisionA}&to=${revisionB}`, ready: 'main' },
    { name: 'account', path: '/account', ready: 'main form' },
    { name: 'not-found', path: '/khong-co', ready: '.error-page' },
    { name: 'print', path: `/documents/${documentId}/revisions/${revisionA}/print`, ready: 'main.paper' },
  ];
  if (role === 'secretariat') {
    pages.push({ name: 'admin', path: '/admin', ready: 'main table' }, { name: 'audit', path: `/documents/${documentId}/audit`, ready: 'main table' });
  }
  return pages;
}

/** The serious and critical violations on `page`, one line each, labelled. */
export async function check(page: Page, label: string): Promise<string[]> {
  const found = await seriousViolations(page);
  return found.map((violation) => `${label}: ${violation.impact} ${violation.id} (${violation.help}) at ${violation.targets.join(' | ')}`);
}

/** Signs `username` in and checks every page their role opens; returns the violations found. */
export async function checkRole(world: AccessibilityWorld, role: string, username: string): Promise<string[]> {
  const { page, context } = await newPage(world.browser, role, []);
  await signIn(page, world.server.baseUrl, username, world.passwords[username] ?? '');
  const problems: string[] = [];
  for (const target of pagesFor(world, role)) {
    if (target.name === 'editor') await openEditor(page, world.server.baseUrl, world.documentId);
    else await page.goto(`${world.server.baseUrl}${target.path}`);
    await page.locator(target.ready).first().waitFor({ timeout: TIMEOUT });
    problems.push(...(await check(page, `${role} ${target.name}`)));
  }
  await context.close();
  return problems;
}

/** Registers hooks that start the world before the file's tests and close it after; returns a getter. */
export function useAccessibilityWorld(): () => AccessibilityWorld {
  let world: AccessibilityWorld | undefined;
  before(async () => {
    world = await startAccessibilityWorld();
  });
  after(async () => {
    await world?.browser.close();
    await world?.server.close();
  });
  return () => {
    if (!world) throw new Error('not started');
    return world;
  };
}
