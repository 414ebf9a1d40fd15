import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../server/config.ts';

/** Password of the `admin` account in every test server. */
export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';

/** A running in-process server for one test file. */
export interface TestServer {
  app: FastifyInstance;
  baseUrl: string;
  /** `ws://host:port/collab`, the `serverUrl` to give a WebsocketProvider. */
  wsUrl: string;
  port: number;
  adminPassword: string;
  dataDir: string;
  /** Signs in and returns the bearer token. */
  login(username: string, password: string): Promise<string>;
  /** Creates a document as the holder of `token`; returns its id. */
  createDocument(token: string, title: string, templateId?: string): Promise<string>;
  /** Creates an account as the holder of `token` (a secretariat); returns the user's id. */
  createUser(token: string, user: { username: string; password: string; displayName: string; role: string; organizationId?: string }): Promise<string>;
  /** Closes the server; removes the data directory unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Where test data directories go: `TEST_TMPDIR` when set, else the system temporary folder. The
 * default is a disk on purpose: the storage's durability (fsync of every append and rename) is
 * tested on what it runs on. A memory-backed folder (`TEST_TMPDIR=/dev/shm`) makes a local run
 * faster, where fsyncs cost nothing.
 */
function testTempRoot(): string {
  return process.env.TEST_TMPDIR || tmpdir();
}

const TEMP_ROOT = testTempRoot();

// Folders a test kept (keepData, a failure half way) would otherwise pile up in memory until
// the machine restarts; the test process removes all of its own when it exits.
const madeDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

/** Makes a fresh temporary data directory (see testTempRoot for where), removed when the test process exits. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(TEMP_ROOT, 'draftroom-test-'));
  madeDirs.add(dir);
  return dir;
}

/** Sends a JSON request and returns status and parsed body. */
export async function requestJson(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** Reads `id` from a response body, failing the test with the body when it is missing. */
function idOf(result: { status: number; body: unknown }, expected: number): string {
  const id = (result.body as { id?: unknown } | null)?.id;
  if (result.status !== expected || typeof id !== 'string') {
    throw new Error(`expected ${expected} with an id, got ${result.status} ${JSON.stringify(result.body)}`);
  }
  return id;
}

/**
 * Starts the real application in this process on a free port, with a temporary (or given)
 * data directory, silent logs and `admin` / TEST_ADMIN_PASSWORD.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', adminPassword: TEST_ADMIN_PASSWORD, logLevel: false, unloadDelayMs: 200, ...overrides, dataDir });
  // Imported here rather than at the top: files that only need tempDataDir or requestJson
  // should not load the whole application (about a second of CPU per test process).
  const { buildApp } = await import('../../server/app.ts');
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${address.port}/collab`,
    port: address.port,
    adminPassword: TEST_ADMIN_PASSWORD,
    dataDir,
    async login(username, password) {
      const result = await requestJson(baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
      const token = (result.body as { token?: unknown } | null)?.token;
      if (result.status !== 200 || typeof token !== 'string') throw new Error(`login failed: ${result.status} ${JSON.stringify(result.body)}`);
      return token;
    },
    async createDocument(token, title, templateId) {
      return idOf(await requestJson(baseUrl, 'POST', '/api/documents', { token, body: templateId ? { title, templateId } : { title } }), 201);
    },
    async createUser(token, user) {
      return idOf(await requestJson(baseUrl, 'POST', '/api/users', { token, body: user }), 201);
    },
    async close(options = {}) {
      await app.close();
      if (!options.keepData && overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
