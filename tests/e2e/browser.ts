import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { after, before } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * Shared pieces of the browser tests: launching Chromium, pages that collect errors,
 * signing in through the public /login form and opening an editor. Needs
 * `npm run build:client` first (`npm test` does it) and Chromium at CHROMIUM_PATH (default
 * /usr/bin/chromium); a missing browser or build fails the test, it is never skipped.
 */

/** Where Chromium is. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Default wait of every page action and helper, in milliseconds. */
export const TIMEOUT = 15_000;

const CLIENT_INDEX = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));

/** Launches headless Chromium after checking that it and the built client exist. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  if (!existsSync(CLIENT_INDEX)) {
    throw new Error(`The web client is not built (${CLIENT_INDEX} is missing): run \`npm run build:client\` first.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new browser context (its own cookies and IndexedDB, Vietnamese locale); page errors and console errors go to `errors`. */
export async function newPage(browser: Browser, label: string, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => errors.push(`[${label}] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`[${label}] console: ${message.text()}`);
  });
  return { context, page };
}

/** Signs in through the public /login form and waits for the documents list. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(`${baseUrl}/`);
  await page.locator('.documents-list').first().waitFor();
}

/** Opens the editor of `documentId` and waits until it is connected and synced. */
export async function openEditor(page: Page, baseUrl: string, documentId: string): Promise<void> {
  await page.goto(`${baseUrl}/documents/${documentId}`);
  await page.locator('.ProseMirror').waitFor();
  await page.locator('.status[data-status="online"]').waitFor();
}

/** Polls `condition` every 50 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A test server and Chromium shared by one test file. */
export interface BrowserWorld {
  server: TestServer;
  browser: Browser;
}

/**
 * Registers `before` / `after` hooks that start a test server and Chromium for the calling
 * file and close both at the end (also when the set-up fails half way). Returns a getter that
 * throws when called before the set-up ran.
 */
export function useServerAndBrowser(overrides: Parameters<typeof startTestServer>[0] = {}): () => BrowserWorld {
  let world: BrowserWorld | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startTestServer(overrides);
    browser = await launchBrowser();
    world = { server, browser };
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return () => {
    if (!world) throw new Error('the server and the browser are not started');
    return world;
  };
}
