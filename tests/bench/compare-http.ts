/**
 * Comparison as the user waits for it: `GET /api/documents/:id/compare` over HTTP against a
 * fresh server process, on a document of 10k / 50k / 100k words with two named revisions, the
 * second with 1 % or 30 % of its words changed (the edits of `buildPair`, sent by a real
 * WebsocketProvider). Reports the first request after start (nothing cached), the median of
 * the next ones, the response size, and the same for `detail=changes` (what the compare page
 * asks for first) and for the Word export.
 *
 * Part of `npm run bench`; also runs alone: `npx tsx tests/bench/compare-http.ts [--quick]`.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { buildMovedPair, buildPair } from './compare.ts';
import { closePeer, connectPeer, waitFor, waitSynced } from './peers.ts';
import { installCleanup, removeTempDir, startDraftroom, tempDir, type BenchServer } from './servers.ts';
import { summarize } from './stats.ts';

/** Workload of the HTTP comparison bench. */
export interface CompareHttpOptions {
  sizes: number[];
  changeRates: number[];
  /** Shares of level-2 sections moved (no word changed), at the largest size only. */
  moveShares: number[];
  /** Timed requests per variant after the first (cold) one. */
  runs: number;
}

/** One timed request variant. */
export interface RequestFigures {
  /** The first request after the server started (ms). */
  coldMs: number;
  /** Median of the following requests (ms). */
  medianMs: number;
  /** Response body size (bytes). */
  bytes: number;
}

/** Figures of one case (size × change rate). */
export interface CompareHttpCase {
  words: number;
  /** What changed, e.g. "1 % of words" or "5 % of sections moved". */
  change: string;
  /** Share of words changed (0 for a moves-only case). */
  changeRate: number;
  full: RequestFigures;
  changes: RequestFigures;
  docx: RequestFigures;
  /** Memory the server's block cache holds afterwards (bytes), within its budget. */
  cacheBytes: number;
}

/** The default workload; `--quick` keeps the smallest size only. */
export function compareHttpOptions(quick: boolean): CompareHttpOptions {
  return { sizes: quick ? [10_000] : [10_000, 50_000, 100_000], changeRates: [0.01, 0.3], moveShares: [0.05], runs: quick ? 3 : 7 };
}

async function api(server: BenchServer, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

async function freeze(server: BenchServer, documentId: string, name: string): Promise<string> {
  const body = (await (await api(server, 'POST', `/api/documents/${documentId}/revisions`, { name })).json()) as { id: string };
  return body.id;
}

/** Sends `update` from one client and waits until a second client has it, so the server has stored it. */
async function pushUpdate(server: BenchServer, documentId: string, target: Y.Doc, update: Uint8Array): Promise<void> {
  const writer = connectPeer(server, documentId);
  const reader = connectPeer(server, documentId);
  try {
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    Y.applyUpdate(writer.doc, update);
    const wanted = Y.encodeStateVector(target);
    const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, index) => byte === b[index]);
    await waitFor(reader, () => same(Y.encodeStateVector(reader.doc), wanted), 60_000, 'update relayed');
  } finally {
    closePeer(writer);
    closePeer(reader);
  }
}

async function timeRequests(server: BenchServer, path: string, runs: number): Promise<RequestFigures> {
  const once = async (): Promise<{ ms: number; bytes: number }> => {
    const started = performance.now();
    const response = await api(server, 'GET', path);
    const bytes = (await response.arrayBuffer()).byteLength;
    return { ms: performance.now() - started, bytes };
  };
  const cold = await once();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) times.push((await once()).ms);
  return { coldMs: cold.ms, medianMs: summarize(times).p50, bytes: cold.bytes };
}

/** One workload: the two versions and how to name them in the table. */
interface Workload {
  words: number;
  change: string;
  changeRate: number;
  build(): { from: Y.Doc; to: Y.Doc };
}

/** Seeds a data folder with the two revisions, then measures in a fresh server process. */
async function runCase(workload: Workload, runs: number, progress: (message: string) => void): Promise<CompareHttpCase> {
  const { words, change, changeRate } = workload;
  const dataDir = await tempDir('compare-http');
  const adminPassword = `bench-${randomBytes(8).toString('hex')}`;
  try {
    const { from, to } = workload.build();
    const seeding = await startDraftroom('seed', { dataDir, adminPassword });
    let documentId: string;
    let fromId: string;
    let toId: string;
    try {
      documentId = await seeding.createDocument(`So sánh ${words}`);
      await pushUpdate(seeding, documentId, from, Y.encodeStateAsUpdate(from));
      fromId = await freeze(seeding, documentId, 'Dự thảo lần 1');
      await pushUpdate(seeding, documentId, to, Y.encodeStateAsUpdate(to, Y.encodeStateVector(from)));
      toId = await freeze(seeding, documentId, 'Dự thảo lần 2');
    } finally {
      await seeding.stop();
    }
    progress(`compare over HTTP: ${words} words, ${change}, fresh server`);
    const server = await startDraftroom('measure', { dataDir, adminPassword });
    try {
      const base = `/api/documents/${documentId}/compare`;
      const query = `from=${fromId}&to=${toId}`;
      const full = await timeRequests(server, `${base}?${query}`, runs);
      const changes = await timeRequests(server, `${base}?${query}&detail=changes`, runs);
      const docx = await timeRequests(server, `${base}.docx?${query}`, Math.min(runs, 3));
      const cache = (await (await api(server, 'GET', '/api/compare-cache')).json()) as { bytes: number };
      return { words, change, changeRate, full, changes, docx, cacheBytes: cache.bytes };
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir(dataDir);
  }
}

/** Runs every case, one after the other. */
export async function runCompareHttpBench(options: CompareHttpOptions, progress: (message: string) => void): Promise<CompareHttpCase[]> {
  const workloads: Workload[] = options.sizes.flatMap((words) =>
    options.changeRates.map((changeRate) => ({ words, change: `${changeRate * 100} % of words`, changeRate, build: () => buildPair(words, changeRate) })),
  );
  const largest = Math.max(...options.sizes);
  for (const share of options.moveShares) {
    workloads.push({ words: largest, change: `${share * 100} % of sections moved`, changeRate: 0, build: () => buildMovedPair(largest, share) });
  }
  const cases: CompareHttpCase[] = [];
  for (const workload of workloads) cases.push(await runCase(workload, options.runs, progress));
  return cases;
}

const verdict = (row: CompareHttpCase): string => {
  const goal = row.words >= 100_000 && row.changeRate > 0 ? GOALS_MS[String(row.changeRate)] : undefined;
  if (goal === undefined) return '';
  return `≤ ${goal} ms ${row.changes.medianMs <= goal ? '✓' : '✗'}`;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** Goals of the issue, at 100k words: median of the request the compare page makes first. */
const GOALS_MS: Record<string, number> = { '0.01': 200, '0.3': 1000 };

/** The cases as a Markdown section. */
export function renderCompareHttp(cases: readonly CompareHttpCase[]): string {
  const lines = [
    '',
    '## Comparison through HTTP (as the user waits)',
    '',
    'Two named revisions of the outline above, seeded through a real WebsocketProvider; each row measured in a fresh server process: the first request after start (revisions read from disk and decoded), then the median of the next. *changes only* (`detail=changes`) is what the compare page asks for first; the unchanged text follows only when a view shows it. The cache column is the memory the revisions\' block cache holds at the end (`GET /api/compare-cache`).',
    '',
    '| words | changed | full: first / median / size | changes only: first / median / size | DOCX: median / size | block cache | goal (changes only, median) |',
    '|---:|---:|---|---|---|---:|---|',
  ];
  for (const row of cases) {
    lines.push(
      `| ${row.words.toLocaleString('en')} | ${row.change} | ${ms(row.full.coldMs)} / ${ms(row.full.medianMs)} / ${kb(row.full.bytes)} | ` +
        `${ms(row.changes.coldMs)} / ${ms(row.changes.medianMs)} / ${kb(row.changes.bytes)} | ${ms(row.docx.medianMs)} / ${kb(row.docx.bytes)} | ` +
        `${(row.cacheBytes / 1024 / 1024).toFixed(1)} MiB | ${verdict(row)} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  installCleanup();
  process.setMaxListeners(100);
  const quick = process.argv.includes('--quick');
  const cases = await runCompareHttpBench(compareHttpOptions(quick), (message) => process.stderr.write(`${message}\n`));
  process.stdout.write(`${renderCompareHttp(cases)}\n`);
  process.exit(0);
}
