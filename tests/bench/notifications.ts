/**
 * Notifications as people wait for them, against a fresh server process:
 * - opening a round of 19 organisations whose 57 officers each have the notification stream
 *   open: the secretariat's `POST …/rounds` time, and the time until the last officer's stream
 *   receives the notification; its peer is the same request for 19 organisations without
 *   accounts (nothing to notify), the ratio is what notifying costs;
 * - an officer's `GET /api/notifications?limit=30` with 1,000 notifications stored, against
 *   `GET /api/auth/me` as the peer (the cheapest signed-in request), with response sizes.
 * Run alone: `node --import tsx tests/bench/notifications.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { summarize, type Summary } from './stats.ts';

const ORGANIZATIONS = 19;
const OFFICERS_PER_ORGANIZATION = 3;
const ROUNDS = 8;
const STORED = 1000;
const SAMPLES = 30;

async function call(server: ServerProcess, method: string, path: string, token: string | null, body?: unknown): Promise<{ body: unknown; bytes: number }> {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return { body: text ? (JSON.parse(text) as unknown) : null, bytes: Buffer.byteLength(text) };
}

const login = async (server: ServerProcess, username: string, password: string): Promise<string> =>
  ((await call(server, 'POST', '/api/auth/login', null, { username, password })).body as { token: string }).token;

/** Opens a stream for `token`; `next()` resolves at the next `notification` event. */
async function openStream(server: ServerProcess, token: string): Promise<{ next(): Promise<number>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${server.baseUrl}/api/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pending: { resolve: ((at: number) => void) | null } = { resolve: null };
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value);
      while (buffer.includes('\n\n')) {
        const end = buffer.indexOf('\n\n');
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const resolve = pending.resolve;
        if (frame.startsWith('event: notification') && resolve) {
          pending.resolve = null;
          resolve(performance.now());
        }
      }
    }
  })();
  return {
    next: () =>
      new Promise<number>((resolve) => {
        pending.resolve = resolve;
      }),
    close: () => controller.abort(),
  };
}

/** Figures of one run. */
export interface NotificationsBenchResult {
  recipients: number;
  openWith: Summary;
  openWithout: Summary;
  lastStream: Summary;
  openBytes: number;
  list: Summary;
  listBytes: number;
  me: Summary;
  meBytes: number;
}

export async function runNotificationsBench(): Promise<NotificationsBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-notifications-bench-'));
  const server = await spawnServer(dataDir, { REMINDER_INTERVAL_MS: '3600000' });
  try {
    const admin = await login(server, 'admin', TEST_ADMIN_PASSWORD);
    const documentId = ((await call(server, 'POST', '/api/documents', admin, { title: 'Đề cương đo thử', templateId: 'nts-2030-2045' })).body as { id: string }).id;
    const revisionId = ((await call(server, 'POST', `/api/documents/${documentId}/revisions`, admin, { name: 'Dự thảo lần 1' })).body as { id: string }).id;
    const createOrgs = async (prefix: string): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < ORGANIZATIONS; i += 1) {
        ids.push(((await call(server, 'POST', '/api/organizations', admin, { name: `${prefix} ${i + 1}`, shortName: `${prefix.slice(0, 2)}${i + 1}`, kind: 'other' })).body as { id: string }).id);
      }
      return ids;
    };
    const withOfficers = await createOrgs('Cơ quan có cán bộ');
    const empty = await createOrgs('Cơ quan không tài khoản');
    const tokens: string[] = [];
    for (const [index, organizationId] of withOfficers.entries()) {
      for (let n = 0; n < OFFICERS_PER_ORGANIZATION; n += 1) {
        const username = `canbo${index}x${n}`;
        await call(server, 'POST', '/api/users', admin, { username, password: 'mat-khau-do-thu', displayName: `Cán bộ ${index}.${n}`, role: 'ministry', organizationId });
        tokens.push(await login(server, username, 'mat-khau-do-thu'));
      }
    }
    const streams = await Promise.all(tokens.map((token) => openStream(server, token)));
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const open = (organizations: string[]) =>
      call(server, 'POST', `/api/documents/${documentId}/rounds`, admin, {
        title: 'Lấy ý kiến đề cương',
        requestLetter: { number: '1/VP', date: new Date().toISOString().slice(0, 10) },
        revisionId,
        deadline,
        organizations,
        ministriesSeeEachOther: false,
      });
    const openWith: number[] = [];
    const openWithout: number[] = [];
    const lastStream: number[] = [];
    let openBytes = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      let started = performance.now();
      await open(empty);
      openWithout.push(performance.now() - started);
      const arrivals = Promise.all(streams.map((stream) => stream.next()));
      started = performance.now();
      openBytes = (await open(withOfficers)).bytes;
      openWith.push(performance.now() - started);
      lastStream.push(Math.max(...(await arrivals)) - started);
    }
    for (const stream of streams) stream.close();

    // One officer's list with STORED notifications: replies on a thread of its organisation.
    const thread = ((await call(server, 'POST', `/api/documents/${documentId}/threads`, admin, { organizationId: withOfficers[0], body: 'Ý kiến đo thử', meeting: { name: 'Họp', date: '2026-03-01' } })).body as { id: string }).id;
    for (let i = ROUNDS; i < STORED; i += 1) await call(server, 'POST', `/api/documents/${documentId}/threads/${thread}/comments`, admin, { body: `Trả lời số ${i}` });
    const officer = tokens[0]!;
    const timed = async (path: string): Promise<{ summary: Summary; bytes: number }> => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < SAMPLES; i += 1) {
        const started = performance.now();
        bytes = (await call(server, 'GET', path, officer)).bytes;
        times.push(performance.now() - started);
      }
      return { summary: summarize(times), bytes };
    };
    const me = await timed('/api/auth/me');
    const list = await timed('/api/notifications?limit=30');
    const stored = ((await call(server, 'GET', '/api/notifications?limit=1', officer)).body as { unread: number }).unread;
    if (stored < STORED) throw new Error(`expected ${STORED} notifications, the officer has ${stored}`);
    return {
      recipients: tokens.length,
      openWith: summarize(openWith),
      openWithout: summarize(openWithout),
      lastStream: summarize(lastStream),
      openBytes,
      list: list.summary,
      listBytes: list.bytes,
      me: me.summary,
      meBytes: me.bytes,
    };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runNotificationsBench();
  const ms = (s: Summary) => `${s.p50.toFixed(1)} / ${s.p90.toFixed(1)} / ${s.max.toFixed(1)} ms`;
  console.log('| request (p50 / p90 / max) | Draftroom | peer | ratio (p50) | response |');
  console.log('|---|---|---|---|---|');
  console.log(`| open a round, 19 organisations, ${r.recipients} officers notified live (peer: 19 organisations without accounts) | ${ms(r.openWith)} | ${ms(r.openWithout)} | ${(r.openWith.p50 / r.openWithout.p50).toFixed(2)} | ${(r.openBytes / 1024).toFixed(1)} KB |`);
  console.log(`| from sending the request to the last of ${r.recipients} streams receiving it | ${ms(r.lastStream)} | | | |`);
  console.log(`| GET /api/notifications?limit=30 with ${STORED} stored (peer: GET /api/auth/me) | ${ms(r.list)} | ${ms(r.me)} | ${(r.list.p50 / r.me.p50).toFixed(2)} | ${(r.listBytes / 1024).toFixed(1)} KB vs ${(r.meBytes / 1024).toFixed(1)} KB |`);
}
