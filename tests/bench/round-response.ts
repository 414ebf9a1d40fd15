/**
 * An organisation sending its response to a round, as the officer and the secretariat wait for
 * it: a round of 19 organisations with 1,800 comments already sent, then a fresh server process
 * on that data folder. Times, over HTTP: the secretariat's thread list (the drafts of three
 * organisations, 300 in all, filtered out), and sending a response that publishes 100 drafts
 * (POST, and until the secretariat's open event stream has received all 100), against its peer,
 * a letter with 100 written items filed by the secretariat (same number of threads stored and
 * announced). Three of each, alternated. Run alone: `node --import tsx tests/bench/round-response.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { listenThreadEvents } from '../helpers/thread-events.ts';
import { summarize, type Summary } from './stats.ts';

/** Figures of one run. */
export interface RoundResponseBenchResult {
  sentComments: number;
  drafts: number;
  listFirstMs: number;
  list: Summary;
  listBytes: number;
  /** Sending a response that publishes `perResponse` drafts: the POST, then until the last event arrived. */
  publish: { post: Summary; delivered: Summary; bytes: number };
  /** The peer: a letter with `perResponse` written items, filed by the secretariat. */
  letter: { post: Summary; delivered: Summary; bytes: number };
  perResponse: number;
}

async function call(server: ServerProcess, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: unknown; bytes: number }> {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, bytes: Buffer.byteLength(text) };
}

async function login(server: ServerProcess, username: string, password: string): Promise<string> {
  return ((await call(server, 'POST', '/api/auth/login', null, { username, password })).body as { token: string }).token;
}

const ITEM = 'đề nghị làm rõ phạm vi điều chỉnh và bổ sung căn cứ pháp lý của mục này.';

interface Seeded {
  documentId: string;
  roundId: string;
  /** Organisations measured: even positions send drafts (their officer's username), odd ones get a letter of items. */
  measured: Array<{ organizationId: string; officer: string | null }>;
  headings: string[];
}

/** Seeds the round through the API: sent letters, then the drafts of the organisations measured. */
async function seed(server: ServerProcess, sentComments: number, perResponse: number): Promise<Seeded> {
  const token = await login(server, 'admin', TEST_ADMIN_PASSWORD);
  const documentId = ((await call(server, 'POST', '/api/documents', token, { title: 'Đề cương đo thử', templateId: 'nts-2030-2045' })).body as { id: string }).id;
  const organizations = ((await call(server, 'GET', '/api/organizations', token)).body as Array<{ id: string }>).map((org) => org.id);
  for (let i = organizations.length; i < 19; i += 1) {
    const created = await call(server, 'POST', '/api/organizations', token, { name: `Cơ quan đo thử ${i + 1}`, shortName: `CQ${i + 1}`, kind: 'other' });
    organizations.push((created.body as { id: string }).id);
  }
  const consulted = organizations.slice(0, 19);
  const revisionId = ((await call(server, 'POST', `/api/documents/${documentId}/revisions`, token, { name: 'Dự thảo lần 1' })).body as { id: string }).id;
  const revision = (await call(server, 'GET', `/api/documents/${documentId}/revisions/${revisionId}`, token)).body as { content: { content?: Array<{ type: string; attrs?: { id?: string } }> } };
  const headings = (revision.content.content ?? []).filter((node) => node.type === 'heading' && typeof node.attrs?.id === 'string').map((node) => node.attrs!.id as string);
  const roundId = ((await call(server, 'POST', `/api/documents/${documentId}/rounds`, token, {
    title: 'Lấy ý kiến đề cương lần 1',
    requestLetter: { number: '123/VP', date: new Date().toISOString().slice(0, 10) },
    revisionId,
    deadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    organizations: consulted,
    ministriesSeeEachOther: false,
  })).body as { id: string }).id;
  const answered = consulted.slice(0, 13);
  for (const [index, organizationId] of answered.entries()) {
    const count = Math.floor(sentComments / answered.length) + (index < sentComments % answered.length ? 1 : 0);
    const items = Array.from({ length: count }, (_, n) => ({ body: `Góp ý số ${n + 1}: ${ITEM}`, sectionBlockId: headings[n % headings.length] }));
    await call(server, 'POST', `/api/documents/${documentId}/submissions`, token, { organizationId, roundId, documentNumber: `${index + 1}/CV`, date: '2026-03-05', signer: 'Thứ trưởng', noComments: false, items });
  }
  const measured: Seeded['measured'] = [];
  for (const [index, organizationId] of consulted.slice(13).entries()) {
    if (index % 2 === 1) {
      measured.push({ organizationId, officer: null });
      continue;
    }
    const officer = `canbo${index}`;
    await call(server, 'POST', '/api/users', token, { username: officer, password: `pw-${officer}-1`, displayName: `Cán bộ ${index}`, role: 'ministry', organizationId });
    const officerToken = await login(server, officer, `pw-${officer}-1`);
    for (let n = 0; n < perResponse; n += 1) {
      await call(server, 'POST', `/api/documents/${documentId}/threads`, officerToken, { body: `Bản nháp ${n + 1}: ${ITEM}`, sectionBlockId: headings[n % headings.length] });
    }
    measured.push({ organizationId, officer });
  }
  return { documentId, roundId, measured, headings };
}

/** Runs the bench once: seed, restart on the same data, measure. */
export async function runRoundResponseBench(sentComments = 1800, perResponse = 100, samples = 20): Promise<RoundResponseBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-response-bench-'));
  try {
    const seeding = await spawnServer(dataDir);
    const seeded = await seed(seeding, sentComments, perResponse);
    seeding.child.kill('SIGTERM');
    await seeding.exited;
    const server = await spawnServer(dataDir);
    try {
      const token = await login(server, 'admin', TEST_ADMIN_PASSWORD);
      const base = `/api/documents/${seeded.documentId}`;
      let started = performance.now();
      const first = await call(server, 'GET', `${base}/threads`, token);
      const listFirstMs = performance.now() - started;
      const shown = (first.body as { threads: unknown[] }).threads.length;
      const times: number[] = [];
      for (let i = 0; i < samples; i += 1) {
        started = performance.now();
        await call(server, 'GET', `${base}/threads`, token);
        times.push(performance.now() - started);
      }
      const stream = listenThreadEvents<{ id: string; draft: boolean }>(server.baseUrl, seeded.documentId, token);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const figures = { publish: { post: [] as number[], delivered: [] as number[], bytes: 0 }, letter: { post: [] as number[], delivered: [] as number[], bytes: 0 } };
      try {
        for (const [index, { organizationId, officer }] of seeded.measured.entries()) {
          const before = stream.events.length;
          const letter = { roundId: seeded.roundId, documentNumber: `${20 + index}/CV`, date: '2026-03-06', signer: 'Thứ trưởng', noComments: false };
          // Signing in (a deliberately slow password hash) is not part of sending.
          const officerToken = officer === null ? null : await login(server, officer, `pw-${officer}-1`);
          started = performance.now();
          const answer =
            officer === null
              ? await call(server, 'POST', `${base}/submissions`, token, {
                  ...letter,
                  organizationId,
                  items: Array.from({ length: perResponse }, (_, n) => ({ body: `Mục ${n + 1}: ${ITEM}`, sectionBlockId: seeded.headings[n % seeded.headings.length] })),
                })
              : await call(server, 'POST', `${base}/submissions`, officerToken, { ...letter, items: [] });
          const post = performance.now() - started;
          while (stream.events.length - before < perResponse) await new Promise((resolve) => setTimeout(resolve, 1));
          const delivered = performance.now() - started;
          const kind = officer === null ? figures.letter : figures.publish;
          kind.post.push(post);
          kind.delivered.push(delivered);
          kind.bytes = answer.bytes;
        }
      } finally {
        stream.close();
      }
      return {
        sentComments: shown,
        drafts: perResponse * seeded.measured.filter((entry) => entry.officer !== null).length,
        listFirstMs,
        list: summarize(times),
        listBytes: first.bytes,
        publish: { post: summarize(figures.publish.post), delivered: summarize(figures.publish.delivered), bytes: figures.publish.bytes },
        letter: { post: summarize(figures.letter.post), delivered: summarize(figures.letter.delivered), bytes: figures.letter.bytes },
        perResponse,
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
  const result = await runRoundResponseBench();
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`Secretariat's thread list: ${result.sentComments} sent comments shown, ${result.drafts} drafts hidden; first (fresh process) ${ms(result.listFirstMs)}, p50 / p90 / max (20 sequential) ${ms(result.list.p50)} / ${ms(result.list.p90)} / ${ms(result.list.max)}, ${(result.listBytes / 1024).toFixed(0)} KB`);
  console.log('');
  console.log(`| sending (${result.perResponse} comments, 3 each) | POST p50 | until the secretariat's stream has all p50 | response |`);
  console.log('|---|---|---|---|');
  for (const [label, figures] of [
    ['response publishing drafts', result.publish],
    ['peer: letter with written items', result.letter],
  ] as const) {
    console.log(`| ${label} | ${ms(figures.post.p50)} | ${ms(figures.delivered.p50)} | ${(figures.bytes / 1024).toFixed(1)} KB |`);
  }
  console.log(`| ratio (response / peer) | ${(result.publish.post.p50 / result.letter.post.p50).toFixed(2)} | ${(result.publish.delivered.p50 / result.letter.delivered.p50).toFixed(2)} | |`);
}
