/**
 * Starts the two servers under test as child processes on free loopback ports, each with a
 * fresh temporary data directory, and makes sure they die with the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A running server the bench can create documents on and connect clients to. */
export interface BenchServer {
  /** Display name in the report. */
  readonly label: string;
  /** Base WebSocket URL; the provider appends `/<room>`. */
  readonly wsUrl: string;
  /** Query parameters every client sends (e.g. the token). */
  readonly wsParams: Record<string, string>;
  /** OS process id of the server (for CPU and memory readings). */
  readonly pid: number;
  /** The last few kilobytes the server printed. */
  logTail(): string;
  /** Warning and error lines the server printed (the first few). */
  problems(): string[];
  /** Creates an empty document and returns its room name. */
  createDocument(title: string): Promise<string>;
  /** `http://host:port`, for HTTP requests (Draftroom only). */
  readonly baseUrl?: string;
  /** The admin's bearer token (Draftroom only). */
  readonly token?: string;
  /** Stops the process and deletes its data directory. */
  stop(): Promise<void>;
}

const ROOT = process.cwd();
const live = new Set<ChildProcess>();
const liveDirs = new Set<string>();
let cleanupInstalled = false;

/** Kills every child still running and deletes every temporary directory still listed. */
function cleanupNow(): void {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
}

/** Kills every server still running (and removes its data) when the bench exits or is interrupted. */
export function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', cleanupNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\nbench interrupted (${signal}); stopping servers\n`);
      process.exit(130);
    });
  }
}

/** Creates a fresh temporary directory, deleted at exit if nobody removed it before. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `draftroom-bench-${prefix}-`));
  liveDirs.add(dir);
  return dir;
}

/** Deletes a directory made by {@link tempDir}. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  liveDirs.delete(dir);
}

/** Registers a child process so it is killed if the bench exits first. */
export function trackChild(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Output lines that report a problem: pino levels warn/error/fatal, or plain-text warnings. */
const PROBLEM_LINE = /"level":(?:40|50|60)\b|\b(?:warn(?:ing)?|error|exception)\b/iu;

/** How many problem lines to keep. */
const MAX_PROBLEMS = 20;

/** A spawned server process with the tail of its output kept for error messages. */
class ServerProcess {
  readonly child: ChildProcess;
  readonly problems: string[] = [];
  private output = '';
  private partialLine = '';
  private exited = false;

  constructor(args: readonly string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackChild(this.child);
    const keep = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      this.output = (this.output + text).slice(-4000);
      const lines = (this.partialLine + text).split('\n');
      this.partialLine = lines.pop() ?? '';
      for (const line of lines) {
        if (this.problems.length < MAX_PROBLEMS && PROBLEM_LINE.test(line)) this.problems.push(line.slice(0, 500));
      }
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.once('exit', () => {
      this.exited = true;
    });
  }

  /** Last lines the process printed. */
  get log(): string {
    return this.output.trim();
  }

  /** Polls `url` until it answers 200 (and `accept(body)`), or fails after `timeoutMs`. */
  async waitReady(url: string, accept: (body: string) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`server exited early:\n${this.log}`);
      try {
        const response = await fetch(url);
        if (response.ok && accept(await response.text())) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server not ready at ${url} after ${timeoutMs} ms:\n${this.log}`);
  }

  /** Sends SIGTERM, then SIGKILL if it is still alive after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Starts the reference y-websocket server (`@y/websocket-server`) with LevelDB persistence. */
export async function startReference(label = 'Reference'): Promise<BenchServer> {
  const port = await freePort();
  const dir = await tempDir('reference');
  const proc = new ServerProcess(['node_modules/@y/websocket-server/src/server.js'], {
    HOST: '127.0.0.1',
    PORT: String(port),
    YPERSISTENCE: dir,
  });
  try {
    await proc.waitReady(`http://127.0.0.1:${port}/`, (body) => body === 'okay');
  } catch (error) {
    await proc.stop();
    await removeTempDir(dir);
    throw error;
  }
  let rooms = 0;
  return {
    label,
    wsUrl: `ws://127.0.0.1:${port}`,
    wsParams: {},
    pid: proc.child.pid ?? 0,
    logTail: () => proc.log,
    problems: () => [...proc.problems],
    createDocument: async () => `bench-${(rooms++).toString(36)}-${randomBytes(4).toString('hex')}`,
    stop: async () => {
      await proc.stop();
      await removeTempDir(dir);
    },
  };
}

/** Reads a JSON response, failing with the body when the status is not the expected one. */
async function expectJson(response: Response, status: number, what: string): Promise<unknown> {
  const body = await response.text();
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${body.slice(0, 300)}`);
  return JSON.parse(body) as unknown;
}

/** Picks a string property out of an unknown JSON value. */
function stringField(value: unknown, key: string, what: string): string {
  if (typeof value === 'object' && value !== null && key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'string' && field !== '') return field;
  }
  throw new Error(`${what}: no "${key}" in ${JSON.stringify(value).slice(0, 300)}`);
}

/** Unload delay Draftroom runs with, so that a document nobody has open is really unloaded. */
export const DRAFTROOM_UNLOAD_DELAY_MS = 100;

/** Where a Draftroom bench server keeps its data: a given folder survives `stop()`, so a fresh process can be started on it. */
export interface DraftroomDataOptions {
  dataDir: string;
  adminPassword: string;
}

/**
 * Starts Draftroom (`server/main.ts`) with default settings except `UNLOAD_DELAY_MS`
 * ({@link DRAFTROOM_UNLOAD_DELAY_MS}), logs in as admin and returns a server handle. Without
 * `data`, it runs on a temporary folder that `stop()` deletes. `extraEnv` adds variables
 * (e.g. `DATABASE_URL` and `REDIS_URL` for the shared mode).
 */
export async function startDraftroom(label = 'Draftroom', data?: DraftroomDataOptions, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const dir = data?.dataDir ?? (await tempDir('draftroom'));
  const password = data?.adminPassword ?? `bench-${randomBytes(8).toString('hex')}`;
  const removeData = async (): Promise<void> => {
    if (data === undefined) await removeTempDir(dir);
  };
  const proc = new ServerProcess(['--import', 'tsx', 'server/main.ts'], {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dir,
    ADMIN_PASSWORD: password,
    UNLOAD_DELAY_MS: String(DRAFTROOM_UNLOAD_DELAY_MS),
    ...extraEnv,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await proc.waitReady(`${base}/api/health`, (body) => body.includes('"ok"'));
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    const token = stringField(await expectJson(login, 200, 'login'), 'token', 'login');
    return {
      label,
      baseUrl: base,
      token,
      wsUrl: `ws://127.0.0.1:${port}/collab`,
      wsParams: { token },
      pid: proc.child.pid ?? 0,
      logTail: () => proc.log,
      problems: () => [...proc.problems],
      createDocument: async (title) => {
        const response = await fetch(`${base}/api/documents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ title }),
        });
        return stringField(await expectJson(response, 201, 'create document'), 'id', 'create document');
      },
      stop: async () => {
        await proc.stop();
        await removeData();
      },
    };
  } catch (error) {
    await proc.stop();
    await removeData();
    throw error;
  }
}
