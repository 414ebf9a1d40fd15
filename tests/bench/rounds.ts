/**
 * A consultation round's dashboard as the secretariat waits for it: a round of 19 organisations
 * with 2,000 comments (written items filed through the API, one response per organisation),
 * then a fresh server process on that data folder; times the first `GET …/dashboard` (cold
 * process: loads the document and compiles code paths) and 20 sequential ones after it, over
 * HTTP, with the response size. Run alone: `node --import tsx tests/bench/rounds.ts`.
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
async function seed(server: ServerProcess, organizationCount: number, commentCount: number): Promise<{ documentId: string; roundId: string }> {
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
  return { documentId, roundId };
}

/** Runs the bench once: seed, restart on the same data, measure. */
export async function runRoundsBench(organizationCount = 19, commentCount = 2000, samples = 20): Promise<RoundsBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-rounds-bench-'));
  try {
    const seeding = await spawnServer(dataDir);
    const { documentId, roundId } = await seed(seeding, organizationCount, commentCount);
    seeding.child.kill('SIGTERM');
    await seeding.exited;
    const server = await spawnServer(dataDir);
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
      return { organizations: dashboard.organizations.length, comments, firstMs, warm: summarize(times), bytes: first.bytes };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runRoundsBench();
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log('| round | first dashboard (fresh process) | dashboard p50 / p90 / max (20 sequential) | response |');
  console.log('|---|---|---|---|');
  console.log(
    `| ${result.organizations} organisations, ${result.comments} comments | ${ms(result.firstMs)} | ${ms(result.warm.p50)} / ${ms(result.warm.p90)} / ${ms(result.warm.max)} | ${(result.bytes / 1024).toFixed(1)} KB |`,
  );
}
