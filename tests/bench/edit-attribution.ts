/**
 * The tracked-changes Word file with who-and-when attribution, as the secretariat waits for it:
 * two people edit a blank draft through real y-websocket clients (one types 40 paragraphs
 * character by character, one update per character; the other deletes two words of each), then
 * a fresh server process on that data folder answers `GET …/compare.docx` (which reads the
 * document's edit log and credits every run) beside `GET …/compare` (the JSON comparison,
 * no edit log read) as the peer. Reports the first request and the median of 10 after it, the
 * response sizes and the edit log's size. Run alone: `node --import tsx tests/bench/edit-attribution.ts`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { summarize } from './stats.ts';
import { FileEditStore } from '../../server/storage/file-edit-store.ts';
import { StorageHealth } from '../../server/storage/health.ts';
import { nodeIo } from '../../server/storage/io.ts';
import { EditIndex } from '../../server/revisions/edit-index.ts';
import type { EditRecord } from '../../server/storage/records.ts';

const PARAGRAPHS = 40;
const LINE = 'Nhiệm vụ trọng tâm là hoàn thiện thể chế, nâng cao năng lực dự báo và ứng phó. ';

async function call(server: ServerProcess, method: string, path: string, token: string | null, body?: unknown): Promise<{ body: unknown; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${bytes.toString().slice(0, 300)}`);
  const type = response.headers.get('content-type') ?? '';
  return { body: type.includes('json') ? (JSON.parse(bytes.toString()) as unknown) : null, bytes: bytes.byteLength, ms };
}

async function login(server: ServerProcess, username: string, password: string): Promise<string> {
  return ((await call(server, 'POST', '/api/auth/login', null, { username, password })).body as { token: string }).token;
}

/** Two people edit; returns the document, the two revisions and the number of updates sent. */
async function seed(server: ServerProcess): Promise<{ documentId: string; from: string; to: string; updates: number }> {
  const admin = await login(server, 'admin', TEST_ADMIN_PASSWORD);
  const userId = ((await call(server, 'POST', '/api/users', admin, { username: 'hoa', password: 'mat-khau-hoa', displayName: 'Lê Hòa', role: 'editor' })).body as { id: string }).id;
  const documentId = ((await call(server, 'POST', '/api/documents', admin, { title: 'Đo ghi nhận người sửa' })).body as { id: string }).id;
  await call(server, 'PUT', `/api/documents/${documentId}/access`, admin, { members: [userId], organizations: [] });
  const from = ((await call(server, 'POST', `/api/documents/${documentId}/revisions`, admin, { name: 'Trước' })).body as { id: string }).id;
  const typist = connectClient(server.wsUrl, documentId, admin);
  const editor = connectClient(server.wsUrl, documentId, await login(server, 'hoa', 'mat-khau-hoa'));
  let updates = 0;
  try {
    await Promise.all([waitSynced(typist), waitSynced(editor)]);
    for (let p = 0; p < PARAGRAPHS; p += 1) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.setAttribute('id', `p-${p}`);
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      typist.fragment.insert(typist.fragment.length, [paragraph]);
      updates += 1;
      for (const [index, char] of [...LINE].entries()) {
        text.insert(index, char);
        updates += 1;
      }
    }
    await waitFor(() => editor.fragment.length === PARAGRAPHS && editor.fragment.toString() === typist.fragment.toString(), 'the typing everywhere', 60_000);
    for (const child of editor.fragment.toArray()) {
      const text = child instanceof Y.XmlElement ? child.get(0) : null;
      if (text instanceof Y.XmlText) {
        text.delete(LINE.indexOf('nâng cao'), 'nâng cao '.length);
        updates += 1;
      }
    }
    await waitFor(() => editor.fragment.toString() === typist.fragment.toString(), 'the deletions everywhere', 60_000);
    // Attribution is written within a second of the edits.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    typist.destroy();
    editor.destroy();
  }
  const to = ((await call(server, 'POST', `/api/documents/${documentId}/revisions`, admin, { name: 'Sau' })).body as { id: string }).id;
  return { documentId, from, to, updates };
}

/**
 * Second row, in process: reading a long history back (what an export adds before it renders).
 * `records` one-second records of 30 people, each inserting a run and deleting one, in one log.
 */
async function longHistory(records: number): Promise<{ logBytes: number; readMs: number; lookups: number; lookupMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-edit-log-'));
  try {
    const store = new FileEditStore(dir, { io: nodeIo, health: new StorageHealth(dir, nodeIo), logger: { warn() {} } });
    const clocks = new Map<number, number>();
    for (let start = 0; start < records; start += 1000) {
      const batch: EditRecord[] = [];
      for (let i = start; i < Math.min(records, start + 1000); i += 1) {
        const client = 1000 + (i % 30);
        const clock = clocks.get(client) ?? 0;
        clocks.set(client, clock + 40);
        batch.push({ userId: `u${i % 30}`, at: 1_700_000_000_000 + i * 1000, inserted: [[client, clock, 40]], deleted: [[1000 + ((i + 7) % 30), Math.max(0, clock - 400), 5]] });
      }
      await store.append('d', batch);
    }
    await store.close();
    const logBytes = statSync(join(dir, 'd.log')).size;
    const started = performance.now();
    const index = new EditIndex(await new FileEditStore(dir, { io: nodeIo, health: new StorageHealth(dir, nodeIo), logger: { warn() {} } }).forDocument('d'));
    const readMs = performance.now() - started;
    const lookups = 100_000;
    const lookupStart = performance.now();
    for (let i = 0; i < lookups; i += 1) index.insertion(1000 + (i % 30), (i * 37) % (records * 1.3));
    return { logBytes, readMs, lookups, lookupMs: performance.now() - lookupStart };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-edit-attribution-bench-'));
try {
  const seeding = await spawnServer(dataDir, {}, 120_000);
  const { documentId, from, to, updates } = await seed(seeding);
  seeding.child.kill('SIGTERM');
  await seeding.exited;
  const logBytes = statSync(join(dataDir, 'edits', `${documentId}.log`)).size;
  const server = await spawnServer(dataDir, {}, 120_000);
  try {
    const token = await login(server, 'admin', TEST_ADMIN_PASSWORD);
    const rows: string[] = [];
    const measure = async (label: string, path: string): Promise<number> => {
      const first = await call(server, 'GET', path, token);
      const times: number[] = [];
      for (let i = 0; i < 10; i += 1) times.push((await call(server, 'GET', path, token)).ms);
      const warm = summarize(times);
      rows.push(`| ${label} | ${first.ms.toFixed(0)} ms | ${warm.p50.toFixed(1)} ms | ${(first.bytes / 1024).toFixed(1)} KiB |`);
      return warm.p50;
    };
    const json = await measure('`GET …/compare` (JSON, peer)', `/api/documents/${documentId}/compare?from=${from}&to=${to}`);
    const docx = await measure('`GET …/compare.docx` (credited and dated)', `/api/documents/${documentId}/compare.docx?from=${from}&to=${to}`);
    console.log(`${updates} updates by two people; edit log ${(logBytes / 1024).toFixed(1)} KiB`);
    console.log('| request (fresh process) | first | median of 10 | response |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`docx / JSON (median): ${(docx / json).toFixed(2)}×`);
    const history = await longHistory(50_000);
    console.log(
      `inner: a 50,000-record history (${(history.logBytes / 1024 / 1024).toFixed(1)} MiB) read and indexed in ${history.readMs.toFixed(0)} ms; ${history.lookups} lookups ${history.lookupMs.toFixed(0)} ms`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
