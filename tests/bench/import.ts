/**
 * Word import as the user waits for it: the 100,000-word outline of `corpus.ts` written as a
 * .docx with the `docx` package, numbered by hand on bold lines ("Phần I", "1.", "1.1.") as
 * ministry drafts are, then uploaded to a fresh server process: the first
 * `POST /api/documents/import` (cold process), 5 more after it, and the confirmation that makes
 * it a document, over HTTP, with the file and response sizes. The peer is mammoth's own
 * `convertToHtml` of the same file in the bench process (what any mammoth-based importer pays
 * at least); the ratio is import preview (warm p50) / mammoth alone.
 * Run alone: `node --import tsx tests/bench/import.ts` (about a minute).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mammoth from 'mammoth';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { computeSectionNumbers } from '../../document-model/numbering.ts';
import { spawnServer } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { generateOutline } from './corpus.ts';
import { summarize, type Summary } from './stats.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Figures of one run. */
export interface ImportBenchResult {
  words: number;
  headings: number;
  fileBytes: number;
  firstMs: number;
  warm: Summary;
  previewBytes: number;
  confirmMs: number;
  mammoth: Summary;
}

/** The outline as a .docx: headings as bold lines with their number typed in front. */
export async function outlineDocx(words: number): Promise<{ bytes: Buffer; headings: number }> {
  const blocks = generateOutline(words, 13);
  const headings = blocks.filter((block) => block.type === 'heading');
  const numbers = computeSectionNumbers(headings.map((block) => block.level ?? 1));
  let index = 0;
  const children = blocks.map((block) =>
    block.type === 'heading'
      ? new Paragraph({ children: [new TextRun({ text: `${numbers[index++] ?? ''} ${block.text}`, bold: true })] })
      : new Paragraph({ children: [new TextRun(block.text)] }),
  );
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  return { bytes, headings: headings.length };
}

async function post(baseUrl: string, path: string, token: string, body: Uint8Array<ArrayBuffer> | string, type: string): Promise<{ body: unknown; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status >= 400) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as unknown, bytes: Buffer.byteLength(text), ms };
}

/** Runs the bench once on a fresh server process. */
export async function runImportBench(words = 100_000, samples = 5): Promise<ImportBenchResult> {
  const { bytes } = await outlineDocx(words);
  const mammothTimes: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await mammoth.convertToHtml({ buffer: bytes });
    mammothTimes.push(performance.now() - started);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-import-bench-'));
  try {
    const server = await spawnServer(dataDir);
    try {
      const login = await post(server.baseUrl, '/api/auth/login', '', JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }), 'application/json');
      const token = (login.body as { token: string }).token;
      const path = '/api/documents/import?fileName=bench.docx';
      const body = new Uint8Array(bytes);
      const first = await post(server.baseUrl, path, token, body, DOCX_TYPE);
      const times: number[] = [];
      let last = first;
      for (let i = 0; i < samples; i += 1) {
        last = await post(server.baseUrl, path, token, body, DOCX_TYPE);
        times.push(last.ms);
      }
      const previewId = (last.body as { previewId: string }).previewId;
      const outline = last.body as { outline: unknown[]; outlineTruncated: number };
      const confirm = await post(server.baseUrl, `/api/documents/import/${previewId}/confirm`, token, JSON.stringify({ title: 'Đề cương 100.000 từ' }), 'application/json');
      return {
        words,
        headings: outline.outline.length + outline.outlineTruncated,
        fileBytes: bytes.length,
        firstMs: first.ms,
        warm: summarize(times),
        previewBytes: first.bytes,
        confirmMs: confirm.ms,
        mammoth: summarize(mammothTimes),
      };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runImportBench();
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log('| outline | .docx | first import preview (fresh process) | preview p50 / max (5 after) | preview response | confirm (new document) | peer: mammoth convertToHtml p50 | ratio preview p50 / peer |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${result.words.toLocaleString('en')} words, ${result.headings} headings | ${(result.fileBytes / 1024).toFixed(0)} KB | ${ms(result.firstMs)} | ${ms(result.warm.p50)} / ${ms(result.warm.max)} | ${(result.previewBytes / 1024).toFixed(1)} KB | ${ms(result.confirmMs)} | ${ms(result.mammoth.p50)} | ${(result.warm.p50 / result.mammoth.p50).toFixed(2)} |`,
  );
}
