/**
 * Records under load: a data folder seeded with 1k and 20k comment threads on one document,
 * served by a fresh server process. Measures what users wait for: startup until
 * `/api/health` answers (it reads every thread table), the first comment POST (a cold
 * process: code paths compile), then, with two WebsocketProvider editors live, the median
 * comment POST (HTTP, sequential), 20 POSTs sent at once, and live-edit delivery between the
 * editors while those comments are posted.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { encodeFrame } from '../../server/storage/frames.ts';
import type { ThreadRecord } from '../../server/storage/records.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { summarize, type Summary } from './stats.ts';

/** Sizes and counts of the records bench. */
export interface RecordsBenchOptions {
  threadCounts: number[];
  posts: number;
  editIntervalMs: number;
}

/** Figures for one seeded size. */
export interface RecordsBenchResult {
  threads: number;
  tableBytes: number;
  startupMs: number;
  firstPostMs: number;
  post: Summary;
  parallel20Ms: number;
  edit: Summary;
}

async function json(server: ServerProcess, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function login(server: ServerProcess): Promise<string> {
  const result = await json(server, 'POST', '/api/auth/login', null, { username: 'admin', password: TEST_ADMIN_PASSWORD });
  return (result.body as { token: string }).token;
}

/** A realistic thread of about 1 KB: a comment, a reply and a decision. */
function seededThread(documentId: string, authorId: string, index: number): ThreadRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString();
  const body = `Góp ý số ${index}: đề nghị làm rõ phạm vi điều chỉnh và bổ sung căn cứ pháp lý của mục này. `.repeat(3);
  return {
    id: `seed${index.toString(36).padStart(8, '0')}`,
    documentId,
    organizationId: null,
    authorId,
    source: 'inline',
    anchor: null,
    sectionBlockId: `sec-${index % 40}`,
    revisionId: null,
    submissionId: null,
    meeting: null,
    status: 'accepted',
    explanation: 'Tiếp thu, đã chỉnh sửa.',
    decidedBy: authorId,
    decidedAt: at,
    history: [
      { status: 'open', explanation: null, by: authorId, at },
      { status: 'accepted', explanation: 'Tiếp thu, đã chỉnh sửa.', by: authorId, at },
    ],
    comments: [
      { id: `c${index}a`, authorId, body, createdAt: at },
      { id: `c${index}b`, authorId, body: 'Ban soạn thảo đã tiếp thu.', createdAt: at },
    ],
    createdAt: at,
    updatedAt: at,
  };
}

/** Seeds a data folder: the server creates admin and a document, then `count` threads are written to its table. */
async function seed(count: number): Promise<{ dataDir: string; documentId: string; tableBytes: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-bench-records-'));
  const server = await spawnServer(dataDir, { LOG_LEVEL: 'warn' });
  const token = await login(server);
  const created = await json(server, 'POST', '/api/documents', token, { title: 'Bench', templateId: 'nts-2030-2045' });
  const documentId = (created.body as { id: string }).id;
  const me = await json(server, 'GET', '/api/auth/me', token);
  const authorId = (me.body as { user: { id: string } }).user.id;
  server.child.kill('SIGTERM');
  await server.exited;
  const frames: Buffer[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = [];
    for (let index = start; index < Math.min(count, start + 200); index++) {
      const thread = seededThread(documentId, authorId, index);
      batch.push([`thread:${thread.id}`, thread]);
    }
    frames.push(encodeFrame(Buffer.from(JSON.stringify(batch))));
  }
  const table = Buffer.concat(frames);
  await mkdir(join(dataDir, 'comments'), { recursive: true });
  await writeFile(join(dataDir, 'comments', `${documentId}.table`), table);
  return { dataDir, documentId, tableBytes: table.byteLength };
}

/** Two editors on the document; `measure` runs while B times every edit A makes. */
async function withEditors(server: ServerProcess, documentId: string, token: string, intervalMs: number, during: () => Promise<void>): Promise<number[]> {
  const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
  const connect = (): { doc: Y.Doc; provider: WebsocketProvider } => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, documentId, doc, { params: { token }, WebSocketPolyfill: NodeWebSocket, disableBc: true });
    return { doc, provider };
  };
  const a = connect();
  const b = connect();
  const deadline = Date.now() + 30_000;
  while (!(a.provider.synced && b.provider.synced)) {
    if (Date.now() > deadline) throw new Error('editors did not sync');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const sent = new Map<number, number>();
  const latencies: number[] = [];
  const seen = b.doc.getMap<number>('bench');
  seen.observe((event) => {
    for (const key of event.keysChanged) {
      const at = sent.get(Number(key));
      if (at !== undefined) latencies.push(performance.now() - at);
    }
  });
  let running = true;
  const editing = (async () => {
    for (let i = 0; running; i++) {
      sent.set(i, performance.now());
      a.doc.getMap<number>('bench').set(String(i), i);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  try {
    await during();
  } finally {
    running = false;
    await editing;
    await new Promise((resolve) => setTimeout(resolve, 200));
    a.provider.destroy();
    b.provider.destroy();
  }
  return latencies;
}

/** Measures one seeded size in a fresh server process. */
async function measure(count: number, options: RecordsBenchOptions, progress: (message: string) => void): Promise<RecordsBenchResult> {
  progress(`records: seeding ${count} threads`);
  const { dataDir, documentId, tableBytes } = await seed(count);
  try {
    const startedAt = performance.now();
    const server = await spawnServer(dataDir, { LOG_LEVEL: 'warn' });
    const startupMs = performance.now() - startedAt;
    try {
      const token = await login(server);
      const path = `/api/documents/${documentId}/threads`;
      const post = async (i: number): Promise<number> => {
        const t0 = performance.now();
        const result = await json(server, 'POST', path, token, { body: `Ý kiến đo ${i}`, sectionBlockId: `sec-${i % 40}` });
        if (result.status !== 201) throw new Error(`POST answered ${result.status}: ${JSON.stringify(result.body)}`);
        return performance.now() - t0;
      };
      const posts: number[] = [];
      const firstPostMs = await post(-1);
      let parallel20Ms = 0;
      const edit = await withEditors(server, documentId, token, options.editIntervalMs, async () => {
        for (let i = 0; i < options.posts; i++) posts.push(await post(i));
        const t0 = performance.now();
        await Promise.all(Array.from({ length: 20 }, (_, i) => post(10_000 + i)));
        parallel20Ms = performance.now() - t0;
      });
      return { threads: count, tableBytes, startupMs, firstPostMs, post: summarize(posts), parallel20Ms, edit: summarize(edit) };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs every size, each in a fresh process. */
export async function runRecordsBench(options: RecordsBenchOptions, progress: (message: string) => void): Promise<RecordsBenchResult[]> {
  const results: RecordsBenchResult[] = [];
  for (const count of options.threadCounts) results.push(await measure(count, options, progress));
  return results;
}

/** The options for a full or a `--quick` run. */
export function recordsBenchOptions(quick: boolean): RecordsBenchOptions {
  return { threadCounts: quick ? [1_000, 5_000] : [1_000, 20_000], posts: quick ? 50 : 200, editIntervalMs: 20 };
}

/** The records table, Markdown. */
export function renderRecordsMarkdown(results: RecordsBenchResult[]): string {
  const ms = (value: number): string => value.toFixed(1);
  const lines = [
    '## Records under load (fresh server process per size; one document holding every thread)',
    '',
    '| threads | table file | startup (to /api/health, reads the tables) | first POST (cold process) | comment POST p50 / p90 | 20 parallel POSTs | live edit p50 / p99 / max while posting |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.threads} | ${(r.tableBytes / 1024 / 1024).toFixed(1)} MiB | ${ms(r.startupMs)} ms | ${ms(r.firstPostMs)} ms | ${ms(r.post.p50)} / ${ms(r.post.p90)} ms | ${ms(r.parallel20Ms)} ms | ${ms(r.edit.p50)} / ${ms(r.edit.p99)} / ${ms(r.edit.max)} ms |`,
    ),
    '',
  ];
  return lines.join('\n');
}
