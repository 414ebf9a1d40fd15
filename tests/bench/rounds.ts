/**
 * A consultation round as the secretariat waits for it: a round of 19 organisations with 2,000
 * comments (written items filed through the API, one response per organisation), then a fresh
 * server process on that data folder; over HTTP, with response sizes:
 * - the first `GET …/dashboard` (cold process: loads the document and compiles code paths) and
 *   20 sequential ones after it, against `GET …/threads` of the same document as the peer;
 * - the round's synthesis table `synthesis.docx?roundId=…` (first, then sequential), against the
 *   document-wide `synthesis.docx` of the same comments as the peer;
 * - a status change reaching an open dashboard: an SSE listener on `…/threads/events`; a
 *   response (no comments) is POSTed and the time to the `round` event is measured from the
 *   moment the POST is sent, next to the POST's own answer time; then the dashboard's re-read
 *   after the event (what the page does), so "event + re-read" is what the person sees.
 * Run alone: `node --import tsx tests/bench/rounds.ts`, or `npm run bench -- --only=rounds`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { summarize, type Summary } from './stats.ts';

/** Figures of one run. */
export interface RoundsBenchResult {
  organizations: number;
  comments: number;
  firstMs: number;
  warm: Summary;
  bytes: number;
  /** `GET …/threads` of the same document, sequential (the peer of the dashboard). */
  threads: Summary;
  threadsBytes: number;
  /** The round's synthesis DOCX: first request, then sequential ones. */
  docxFirstMs: number;
  docx: Summary;
  docxBytes: number;
  /** The document-wide synthesis DOCX of the same comments (the peer). */
  wholeDocx: Summary;
  wholeDocxBytes: number;
  /** From sending the POST that changes a status: its answer, the `round` event, and the event plus the dashboard's re-read. */
  postAnswered: Summary;
  eventArrived: Summary;
  dashboardUpdated: Summary;
}

/** Times `samples` sequential GETs of `path`; returns the summary and the last response size. */
async function sequential(server: ServerProcess, path: string, token: string, samples: number): Promise<{ summary: Summary; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    bytes = (await call(server, 'GET', path, token)).bytes;
    times.push(performance.now() - started);
  }
  return { summary: summarize(times), bytes };
}

/** Bytes of a binary GET (the DOCX), with its time. */
async function download(server: ServerProcess, path: string, token: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(server.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return { ms: performance.now() - started, bytes: body.length };
}

/**
 * Listens to the document's event stream and measures, `samples` times, a response filed by an
 * organisation that had not answered: POST answered, `round` event received, dashboard re-read.
 */
async function statusChangeLatency(server: ServerProcess, token: string, documentId: string, roundId: string, organizationId: string, samples: number) {
  const controller = new AbortController();
  const stream = await fetch(`${server.baseUrl}/api/documents/${documentId}/threads/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = stream.body?.getReader();
  if (!reader) throw new Error('no event stream');
  let seen = 0;
  const waiting: Array<() => void> = [];
  let buffer = '';
  const pump = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (event.includes('event: round') && event.includes(roundId)) {
          seen += 1;
          for (const wake of waiting.splice(0)) wake();
        }
      }
    }
  })();
  const posted: number[] = [];
  const arrived: number[] = [];
  const updated: number[] = [];
  const dashboard = `/api/documents/${documentId}/rounds/${roundId}/dashboard`;
  for (let i = 0; i < samples; i += 1) {
    const before = seen;
    const event = new Promise<number>((resolve) => {
      const check = (): void => {
        if (seen > before) resolve(performance.now());
        else waiting.push(check);
      };
      waiting.push(check);
    });
    const started = performance.now();
    const answer = call(server, 'POST', `/api/documents/${documentId}/submissions`, token, {
      organizationId,
      roundId,
      documentNumber: `${i + 1}/KYK`,
      date: new Date().toISOString().slice(0, 10),
      signer: 'Thứ trưởng',
      noComments: true,
      items: [],
    }).then(() => performance.now());
    const [answeredAt, eventAt] = await Promise.all([answer, event]);
    await call(server, 'GET', dashboard, token);
    const readAt = performance.now();
    posted.push(answeredAt - started);
    arrived.push(eventAt - started);
    updated.push(readAt - started);
  }
  controller.abort();
  await pump;
  return { postAnswered: summarize(posted), eventArrived: summarize(arrived), dashboardUpdated: summarize(updated) };
}

async function call(server: ServerProcess, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: unknown; bytes: number }> {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const result = { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, bytes: Buffer.byteLength(text) };
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return result;
}

async function login(server: ServerProcess): Promise<string> {
  return ((await call(server, 'POST', '/api/auth/login', null, { username: 'admin', password: TEST_ADMIN_PASSWORD })).body as { token: string }).token;
}

/** Seeds the round through the API; returns the document and round ids. */
async function seed(server: ServerProcess, organizationCount: number, commentCount: number): Promise<{ documentId: string; roundId: string; silent: string }> {
  const token = await login(server);
  const documentId = ((await call(server, 'POST', '/api/documents', token, { title: 'Đề cương đo thử', templateId: 'nts-2030-2045' })).body as { id: string }).id;
  const organizations = ((await call(server, 'GET', '/api/organizations', token)).body as Array<{ id: string }>).map((org) => org.id);
  for (let i = organizations.length; i < organizationCount; i += 1) {
    const created = await call(server, 'POST', '/api/organizations', token, { name: `Cơ quan đo thử ${i + 1}`, shortName: `CQ${i + 1}`, kind: 'other' });
    organizations.push((created.body as { id: string }).id);
  }
  const consulted = organizations.slice(0, organizationCount);
  const revisionId = ((await call(server, 'POST', `/api/documents/${documentId}/revisions`, token, { name: 'Dự thảo lần 1' })).body as { id: string }).id;
  const revision = (await call(server, 'GET', `/api/documents/${documentId}/revisions/${revisionId}`, token)).body as { content: { content?: Array<{ type: string; attrs?: { id?: string } }> } };
  const headings = (revision.content.content ?? []).filter((node) => node.type === 'heading' && typeof node.attrs?.id === 'string').map((node) => node.attrs!.id as string);
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const roundId = ((await call(server, 'POST', `/api/documents/${documentId}/rounds`, token, {
    title: 'Lấy ý kiến đề cương lần 1',
    requestLetter: { number: '123/VP', date: new Date().toISOString().slice(0, 10) },
    revisionId,
    deadline,
    organizations: consulted,
    ministriesSeeEachOther: false,
  })).body as { id: string }).id;
  // The comments spread over the organisations that answer (all but three), each its own letter.
  const answering = consulted.slice(0, organizationCount - 3);
  let filed = 0;
  for (const [index, organizationId] of answering.entries()) {
    const count = Math.floor(commentCount / answering.length) + (index < commentCount % answering.length ? 1 : 0);
    const items = Array.from({ length: count }, (_, n) => ({
      body: `Góp ý số ${filed + n + 1}: đề nghị làm rõ phạm vi điều chỉnh và bổ sung căn cứ pháp lý của mục này.`,
      sectionBlockId: headings[(filed + n) % headings.length],
    }));
    await call(server, 'POST', `/api/documents/${documentId}/submissions`, token, { organizationId, roundId, documentNumber: `${index + 1}/CV`, date: '2026-03-05', signer: 'Thứ trưởng', noComments: false, items });
    filed += count;
  }
  return { documentId, roundId, silent: consulted.at(-1) ?? '' };
}

/** Runs the bench once: seed, restart on the same data, measure. */
export async function runRoundsBench(organizationCount = 19, commentCount = 2000, samples = 20): Promise<RoundsBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-rounds-bench-'));
  try {
    const seeding = await spawnServer(dataDir, {}, 180_000);
    const { documentId, roundId, silent } = await seed(seeding, organizationCount, commentCount);
    seeding.child.kill('SIGTERM');
    await seeding.exited;
    const server = await spawnServer(dataDir, {}, 180_000);
    try {
      const token = await login(server);
      const path = `/api/documents/${documentId}/rounds/${roundId}/dashboard`;
      let started = performance.now();
      const first = await call(server, 'GET', path, token);
      const firstMs = performance.now() - started;
      const dashboard = first.body as { organizations: Array<{ commentCount: number }> };
      const comments = dashboard.organizations.reduce((sum, row) => sum + row.commentCount, 0);
      const times: number[] = [];
      for (let i = 0; i < samples; i += 1) {
        started = performance.now();
        await call(server, 'GET', path, token);
        times.push(performance.now() - started);
      }
      const threads = await sequential(server, `/api/documents/${documentId}/threads`, token, 5);
      const docxPath = `/api/documents/${documentId}/synthesis.docx?roundId=${roundId}`;
      const docxFirst = await download(server, docxPath, token);
      const docxTimes: number[] = [];
      const wholeTimes: number[] = [];
      let wholeBytes = 0;
      for (let i = 0; i < 5; i += 1) {
        docxTimes.push((await download(server, docxPath, token)).ms);
        const whole = await download(server, `/api/documents/${documentId}/synthesis.docx`, token);
        wholeTimes.push(whole.ms);
        wholeBytes = whole.bytes;
      }
      const latency = await statusChangeLatency(server, token, documentId, roundId, silent, 10);
      return {
        organizations: dashboard.organizations.length,
        comments,
        firstMs,
        warm: summarize(times),
        bytes: first.bytes,
        threads: threads.summary,
        threadsBytes: threads.bytes,
        docxFirstMs: docxFirst.ms,
        docx: summarize(docxTimes),
        docxBytes: docxFirst.bytes,
        wholeDocx: summarize(wholeTimes),
        wholeDocxBytes: wholeBytes,
        ...latency,
      };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bench's figures as Markdown tables. */
export function renderRoundsMarkdown(result: RoundsBenchResult): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const trio = (summary: Summary) => `${ms(summary.p50)} / ${ms(summary.p90)} / ${ms(summary.max)}`;
  return [
    `### Consultation round: ${result.organizations} organisations, ${result.comments} comments (fresh server process, HTTP)`,
    '',
    '| request | first | p50 / p90 / max (sequential) | size | peer p50 (same document) | ratio p50 |',
    '|---|---|---|---|---|---|',
    `| dashboard \`GET …/rounds/:id/dashboard\` | ${ms(result.firstMs)} | ${trio(result.warm)} | ${kb(result.bytes)} | \`GET …/threads\` ${ms(result.threads.p50)} (${kb(result.threadsBytes)}) | ${(result.warm.p50 / result.threads.p50).toFixed(2)} |`,
    `| round synthesis \`synthesis.docx?roundId=…\` | ${ms(result.docxFirstMs)} | ${trio(result.docx)} | ${kb(result.docxBytes)} | document-wide \`synthesis.docx\` ${ms(result.wholeDocx.p50)} (${kb(result.wholeDocxBytes)}) | ${(result.docx.p50 / result.wholeDocx.p50).toFixed(2)} |`,
    '',
    '| status change → open dashboard (10 responses, from sending the POST) | p50 / p90 / max |',
    '|---|---|',
    `| POST answered | ${trio(result.postAnswered)} |`,
    `| \`round\` event received by the SSE listener | ${trio(result.eventArrived)} |`,
    `| event + dashboard re-read (what the page shows) | ${trio(result.dashboardUpdated)} |`,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(renderRoundsMarkdown(await runRoundsBench()));
}
