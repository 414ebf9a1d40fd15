/**
 * The draft's exports as the user waits for them: `GET …/export.docx` and `…/export.pdf` of
 * the 100,000-word outline (`corpus.ts`) over HTTP against a fresh server process, the first
 * request (cold process: the document is loaded, code paths compile, and for the PDF Chromium
 * starts) and warm ones, with the file sizes. Peers in the same process and run, as ratios:
 * the comparison's Word export of the same draft (`compare.docx?from=current&to=current`, the
 * Word file the product already made) for the DOCX, and the print view's HTML that the PDF is
 * printed from. Run alone: `node --import tsx tests/bench/draft-export.ts [--runs=3]`
 * (about two minutes on 2 cores; needs Chromium for the PDF rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { countWords, generateOutline } from './corpus.ts';
import { sampleProcess } from './procstat.ts';
import { appendBlocks, FRAGMENT, hasShape, shapeOfBlocks } from './prosemirror.ts';
import { summarize, type Summary } from './stats.ts';

/** One download's figures. */
interface Timing {
  ms: number;
  bytes: number;
  /** Server process CPU (user + system); Chromium's own processes are not in it. */
  cpuMs: number;
}

/** Figures of one route: the first request of the fresh process and the warm ones after it. */
export interface RouteFigures {
  route: string;
  first: Timing;
  warm: Summary;
  warmCpuMs: number;
  bytes: number;
}

/** Figures of one run. */
export interface DraftExportBenchResult {
  words: number;
  blocks: number;
  rows: RouteFigures[];
}

async function call(server: ServerProcess, method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

async function login(server: ServerProcess): Promise<string> {
  return ((await call(server, 'POST', '/api/auth/login', null, { username: 'admin', password: TEST_ADMIN_PASSWORD })) as { token: string }).token;
}

async function waitUntil(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`draft export bench: ${what} timed out`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A data folder holding one document with the 100,000-word outline. */
async function seed(dataDir: string, words: number): Promise<{ documentId: string; blocks: number; words: number }> {
  const server = await spawnServer(dataDir);
  try {
    const token = await login(server);
    const documentId = ((await call(server, 'POST', '/api/documents', token, { title: 'Chiến lược thử nghiệm xuất bản dự thảo' })) as { id: string }).id;
    const blocks = generateOutline(words, 7);
    const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
    const connect = (): { doc: Y.Doc; provider: WebsocketProvider } => {
      const doc = new Y.Doc();
      return { doc, provider: new WebsocketProvider(server.wsUrl, documentId, doc, { params: { token }, WebSocketPolyfill: NodeWebSocket, disableBc: true }) };
    };
    const writer = connect();
    await waitUntil(() => writer.provider.synced, 'writer sync');
    appendBlocks(writer.doc, blocks, 5);
    const reader = connect();
    await waitUntil(() => reader.provider.synced && hasShape(reader.doc, shapeOfBlocks(blocks)), 'outline stored');
    reader.provider.destroy();
    writer.provider.destroy();
    return { documentId, blocks: blocks.length, words: blocks.reduce((sum, block) => sum + countWords(block.text), 0) };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

/** Seeds, then measures every route in one fresh server process. */
export async function runDraftExportBench(options: { words: number; runs: number }, progress: (message: string) => void = () => undefined): Promise<DraftExportBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-export-bench-'));
  try {
    progress(`draft export: seeding a ${options.words}-word outline`);
    const { documentId, blocks, words } = await seed(dataDir, options.words);
    const server = await spawnServer(dataDir);
    try {
      const token = await login(server);
      const pid = server.child.pid ?? -1;
      const fetchTimed = async (path: string): Promise<Timing> => {
        const cpu0 = sampleProcess(pid).cpuMs;
        const started = performance.now();
        const response = await fetch(server.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
        const body = Buffer.from(await response.arrayBuffer());
        const ms = performance.now() - started;
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.toString('utf8', 0, 300)}`);
        return { ms, bytes: body.length, cpuMs: sampleProcess(pid).cpuMs - cpu0 };
      };
      const routes = [
        ['export.docx', `/api/documents/${documentId}/export.docx`],
        ['compare.docx (peer)', `/api/documents/${documentId}/compare.docx?from=current&to=current`],
        ['export.pdf', `/api/documents/${documentId}/export.pdf`],
        ['print view HTML (peer)', `/documents/${documentId}/print`],
      ] as const;
      const rows: RouteFigures[] = [];
      for (const [route, path] of routes) {
        progress(`draft export: ${route}`);
        const first = await fetchTimed(path);
        const warm: Timing[] = [];
        for (let run = 0; run < options.runs; run++) warm.push(await fetchTimed(path));
        rows.push({ route, first, warm: summarize(warm.map((timing) => timing.ms)), warmCpuMs: summarize(warm.map((timing) => timing.cpuMs)).p50, bytes: first.bytes });
      }
      return { words, blocks, rows };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bench's table, Markdown, with each export's ratio to its peer. */
export function renderDraftExportMarkdown(result: DraftExportBenchResult): string {
  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`);
  const row = (name: string): RouteFigures | undefined => result.rows.find((candidate) => candidate.route === name);
  const ratio = (name: string, peer: string): string => {
    const a = row(name)?.warm.p50;
    const b = row(peer)?.warm.p50;
    return a === undefined || b === undefined ? '' : `${(a / b).toFixed(2)}× ${peer.replace(' (peer)', '')}`;
  };
  return [
    `## The draft's exports through HTTP (fresh server process, ${result.words.toLocaleString('en')} words, ${result.blocks} blocks)`,
    '',
    '| route | first request (cold process) | warm p50 / max | server CPU first / warm p50 | size | warm ratio to its peer |',
    '|---|---:|---:|---:|---:|---:|',
    ...result.rows.map(
      (figures) =>
        `| ${figures.route} | ${ms(figures.first.ms)} | ${ms(figures.warm.p50)} / ${ms(figures.warm.max)} | ${ms(figures.first.cpuMs)} / ${ms(figures.warmCpuMs)} | ${size(figures.bytes)} | ${
          figures.route === 'export.docx' ? ratio('export.docx', 'compare.docx (peer)') : figures.route === 'export.pdf' ? ratio('export.pdf', 'print view HTML (peer)') : ''
        } |`,
    ),
    '',
    'Server CPU is the Node process only; the PDF is laid out and printed in Chromium\'s own processes.',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 3);
  const result = await runDraftExportBench({ words: 100_000, runs }, (message) => process.stderr.write(`${message}\n`));
  process.stdout.write(renderDraftExportMarkdown(result));
}
