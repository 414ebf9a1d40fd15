/**
 * The synthesis table as the secretariat waits for it: `GET …/synthesis.docx` (and `.csv`)
 * over HTTP against a fresh server process, on a document of `sections` sections holding
 * `threads` comment threads anchored to passages (organisations in turn, each with a reply
 * and a decision). The first request is a cold process (the document and the thread table are
 * loaded, code paths compile); the following ones are warm. File sizes are reported with it.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { encodeFrame } from '../../server/storage/frames.ts';
import type { ThreadRecord, ThreadStatus } from '../../server/storage/records.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { createRng, paragraphText, type Block } from './corpus.ts';
import { appendBlocks, FRAGMENT, hasShape, shapeOfBlocks } from './prosemirror.ts';
import { sampleProcess } from './procstat.ts';
import { summarize, type Summary } from './stats.ts';

/** Sizes of the synthesis bench. */
export interface SynthesisBenchOptions {
  sections: number;
  threads: number;
  organizations: number;
  warmRuns: number;
}

/** Figures of one run. */
export interface SynthesisBenchResult {
  sections: number;
  threads: number;
  words: number;
  coldDocxMs: number;
  warmDocx: Summary;
  /** Server CPU time (user + system) spent on the cold and the median warm DOCX request: the figure a loaded machine does not inflate. */
  coldDocxCpuMs: number;
  warmDocxCpuMs: number;
  docxBytes: number;
  warmCsvMs: number;
  csvBytes: number;
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

/** `sections` headings (a part every 20, then sections and subsections), each with two paragraphs of ~60 words. */
function outline(sections: number): Block[] {
  const rng = createRng(11);
  const blocks: Block[] = [];
  for (let index = 0; index < sections; index++) {
    const level = index % 20 === 0 ? 1 : index % 4 === 1 ? 2 : 3;
    blocks.push({ type: 'heading', level, id: `h${index}`, text: `Mục thử nghiệm số ${index}` });
    blocks.push({ type: 'paragraph', id: `p${index}a`, text: paragraphText(rng, 60) });
    blocks.push({ type: 'paragraph', id: `p${index}b`, text: paragraphText(rng, 60) });
  }
  return blocks;
}

const STATUSES: ThreadStatus[] = ['accepted', 'partially_accepted', 'not_accepted', 'under_review', 'open'];

/** One thread anchored to 24 characters of its section's first paragraph, with a reply and a decision. */
function thread(doc: Y.Doc, documentId: string, authorId: string, organizationId: string, section: number, index: number): ThreadRecord {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const paragraph = fragment.get(section * 3 + 1) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const from = (index * 7) % Math.max(1, text.length - 30);
  const encode = (at: number): string => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at))).toString('base64');
  const at = new Date(Date.UTC(2026, 10, 1, 0, 0, index)).toISOString();
  const status = STATUSES[index % STATUSES.length] ?? 'open';
  const explanation = status === 'open' || status === 'under_review' ? null : 'Tổ biên soạn đã nghiên cứu, tiếp thu và chỉnh sửa nội dung tương ứng của dự thảo.';
  return {
    id: `syn${index.toString(36).padStart(8, '0')}`,
    documentId,
    organizationId,
    authorId,
    source: 'inline',
    anchor: { start: encode(from), end: encode(from + 24), quote: text.toString().slice(from, from + 24), blockId: `p${section}a` },
    sectionBlockId: null,
    revisionId: null,
    submissionId: null,
    meeting: null,
    status,
    explanation,
    decidedBy: explanation === null ? null : authorId,
    decidedAt: explanation === null ? null : at,
    history: [{ status: 'open', explanation: null, by: authorId, at }, ...(status === 'open' ? [] : [{ status, explanation, by: authorId, at }])],
    setAside: null,
    comments: [
      { id: `c${index}a`, authorId, body: `Ý kiến số ${index}: đề nghị làm rõ phạm vi, bổ sung căn cứ pháp lý và số liệu minh họa cho nội dung của mục này.`, createdAt: at },
      { id: `c${index}b`, authorId, body: 'Tổ biên soạn ghi nhận, sẽ nghiên cứu.', createdAt: at },
    ],
    createdAt: at,
    updatedAt: at,
  };
}

/** A data folder with the document, its invited organisations and every thread. */
async function seed(options: SynthesisBenchOptions): Promise<{ dataDir: string; documentId: string; words: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-bench-synthesis-'));
  const server = await spawnServer(dataDir, { LOG_LEVEL: 'warn' });
  const token = await login(server);
  const documentId = ((await json(server, 'POST', '/api/documents', token, { title: 'Chiến lược thử nghiệm bảng tổng hợp' })).body as { id: string }).id;
  const authorId = ((await json(server, 'GET', '/api/auth/me', token)).body as { user: { id: string } }).user.id;
  const organizations = ((await json(server, 'GET', '/api/organizations', token)).body as Array<{ id: string }>).slice(0, options.organizations).map((org) => org.id);
  await json(server, 'PUT', `/api/documents/${documentId}/access`, token, { members: [], organizations });
  const blocks = outline(options.sections);
  const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
  const connect = (): { doc: Y.Doc; provider: WebsocketProvider } => {
    const doc = new Y.Doc();
    return { doc, provider: new WebsocketProvider(server.wsUrl, documentId, doc, { params: { token }, WebSocketPolyfill: NodeWebSocket, disableBc: true }) };
  };
  const writer = connect();
  const wait = async (predicate: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 60_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`synthesis bench: ${what} timed out`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await wait(() => writer.provider.synced, 'writer sync');
  writer.doc.transact(() => writer.doc.getXmlFragment(FRAGMENT).delete(0, writer.doc.getXmlFragment(FRAGMENT).length));
  appendBlocks(writer.doc, blocks, 6);
  const reader = connect();
  await wait(() => reader.provider.synced && hasShape(reader.doc, shapeOfBlocks(blocks)), 'outline stored');
  reader.provider.destroy();
  const threads = Array.from({ length: options.threads }, (_, index) =>
    thread(writer.doc, documentId, authorId, organizations[index % organizations.length] ?? 'bo-y-te', index % options.sections, index),
  );
  writer.provider.destroy();
  server.child.kill('SIGTERM');
  await server.exited;
  const frames: Buffer[] = [];
  for (let start = 0; start < threads.length; start += 200) {
    frames.push(encodeFrame(Buffer.from(JSON.stringify(threads.slice(start, start + 200).map((row) => [`thread:${row.id}`, row])))));
  }
  await mkdir(join(dataDir, 'comments'), { recursive: true });
  await writeFile(join(dataDir, 'comments', `${documentId}.table`), Buffer.concat(frames));
  const words = blocks.reduce((sum, block) => sum + block.text.split(/\s+/).length, 0);
  return { dataDir, documentId, words };
}

/** Seeds, then measures in a fresh server process. */
export async function runSynthesisBench(options: SynthesisBenchOptions, progress: (message: string) => void): Promise<SynthesisBenchResult> {
  progress(`synthesis: seeding ${options.threads} threads over ${options.sections} sections`);
  const { dataDir, documentId, words } = await seed(options);
  try {
    const server = await spawnServer(dataDir, { LOG_LEVEL: 'warn' });
    try {
      const token = await login(server);
      const pid = server.child.pid ?? -1;
      const download = async (extension: string): Promise<{ ms: number; bytes: number; cpuMs: number }> => {
        const cpu0 = sampleProcess(pid).cpuMs;
        const t0 = performance.now();
        const response = await fetch(`${server.baseUrl}/api/documents/${documentId}/synthesis.${extension}`, { headers: { authorization: `Bearer ${token}` } });
        const body = Buffer.from(await response.arrayBuffer());
        const ms = performance.now() - t0;
        if (response.status !== 200) throw new Error(`synthesis.${extension} answered ${response.status}: ${body.toString('utf8', 0, 300)}`);
        return { ms, bytes: body.length, cpuMs: sampleProcess(pid).cpuMs - cpu0 };
      };
      progress('synthesis: downloading');
      const cold = await download('docx');
      const warm: number[] = [];
      const warmCpu: number[] = [];
      for (let run = 0; run < options.warmRuns; run++) {
        const result = await download('docx');
        warm.push(result.ms);
        warmCpu.push(result.cpuMs);
      }
      const csv = await download('csv');
      return {
        sections: options.sections,
        threads: options.threads,
        words,
        coldDocxMs: cold.ms,
        warmDocx: summarize(warm),
        coldDocxCpuMs: cold.cpuMs,
        warmDocxCpuMs: summarize(warmCpu).p50,
        docxBytes: cold.bytes,
        warmCsvMs: csv.ms,
        csvBytes: csv.bytes,
      };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The options of a full or a `--quick` run (the issue asks for 2,000 comments over 300 sections). */
export function synthesisBenchOptions(quick: boolean): SynthesisBenchOptions {
  return { sections: 300, threads: 2_000, organizations: 20, warmRuns: quick ? 3 : 5 };
}

/** The synthesis table's row, Markdown. */
export function renderSynthesisMarkdown(result: SynthesisBenchResult): string {
  const ms = (value: number): string => value.toFixed(0);
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  return [
    '## Synthesis table through HTTP (fresh server process)',
    '',
    '| comments | sections | words | synthesis.docx, first request (cold process) | synthesis.docx warm p50 / max | server CPU cold / warm p50 | DOCX size | synthesis.csv warm | CSV size |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${result.threads} | ${result.sections} | ${result.words} | ${ms(result.coldDocxMs)} ms | ${ms(result.warmDocx.p50)} / ${ms(result.warmDocx.max)} ms | ${ms(result.coldDocxCpuMs)} / ${ms(result.warmDocxCpuMs)} ms | ${kib(result.docxBytes)} | ${ms(result.warmCsvMs)} ms | ${kib(result.csvBytes)} |`,
    '',
  ].join('\n');
}
