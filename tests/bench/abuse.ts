/**
 * Edit delivery under abuse: two honest editors (WebsocketProviders) on one document measure
 * how long an edit takes to reach the other while one abuse runs against a fresh Draftroom
 * process — none (quiet), a missing-dependency flood from an editor, an awareness flood from a
 * ministry account, a flood of wrong passwords on the login route — with the server's RSS growth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient, waitSynced, type TestClient } from '../helpers/clients.ts';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { spawnServer } from '../helpers/process.ts';
import { requestJson, TEST_ADMIN_PASSWORD } from '../helpers/server.ts';
import { probeDelivery, seedParagraph } from '../collab/delivery.ts';
import { sampleProcess } from './procstat.ts';
import { trackChild } from './servers.ts';
import { ABUSE_CASES, type AbuseCase, type AbuseOptions, type AttackSetup } from './abuse-setup.ts';
import { summarize, type Summary } from './stats.ts';

export { ABUSE_CASES, type AbuseCase, type AbuseOptions } from './abuse-setup.ts';

/** What one case measured. */
export interface AbuseResult {
  case: AbuseCase;
  /** Edit delivery between the two honest editors (ms). */
  delivery: Summary;
  /** Server RSS after setup and its peak during the case, in MiB. */
  rssBeforeMiB: number;
  rssPeakMiB: number;
  /** Server CPU time (user + system) spent during the case, in ms. */
  serverCpuMs: number;
  /** What the abuser did (messages, sockets, requests) and how the server answered. */
  abuse: string;
}

/** The abuser process of one case, once it has built its frames. */
interface Attacker {
  start(): void;
  /** Stops the abuse, waits for the process to end and returns its account of what it did. */
  stop(): Promise<string>;
}

/** Spawns `abuse-attacker.ts` for `setup` and waits until it is ready. */
async function startAttacker(setup: AttackSetup): Promise<Attacker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/abuse-attacker.ts', JSON.stringify(setup)], { stdio: ['pipe', 'pipe', 'inherit'] });
  trackChild(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error(`the attacker for ${setup.case} ended early`);
    return line.value;
  };
  if ((await next()) !== 'ready') throw new Error('the attacker did not start');
  return {
    start: () => child.stdin.write('start\n'),
    async stop() {
      child.stdin.write('stop\n');
      const { account } = JSON.parse(await next()) as { account: string };
      return account;
    },
  };
}

/** Fresh server process, accounts, document; runs one case and stops the server. */
async function runCase(name: AbuseResult['case'], options: AbuseOptions, progress: (message: string) => void): Promise<AbuseResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-bench-abuse-'));
  // A busy machine can take a while to start a server; the bench measures after that.
  const server = await spawnServer(dataDir, { LOG_LEVEL: 'error' }, 180_000);
  trackChild(server.child);
  const clients: TestClient[] = [];
  try {
    const login = async (username: string, password: string): Promise<string> => {
      const result = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
      return (result.body as { token: string }).token;
    };
    const admin = await login('admin', TEST_ADMIN_PASSWORD);
    const created = await requestJson(server.baseUrl, 'POST', '/api/documents', { token: admin, body: { title: 'Đo dưới tải' } });
    const documentId = (created.body as { id: string }).id;
    await requestJson(server.baseUrl, 'POST', '/api/users', {
      token: admin,
      body: { username: 'botn', password: 'mat-khau-botn', displayName: 'Bộ Tài nguyên', role: 'ministry', organizationId: 'bo-tu-phap' },
    });
    await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-tu-phap'] } });
    const ministry = await login('botn', 'mat-khau-botn');
    const alice = connectClient(server.wsUrl, documentId, admin);
    const bob = connectClient(server.wsUrl, documentId, admin);
    clients.push(alice, bob);
    await Promise.all([waitSynced(alice), waitSynced(bob)]);
    await seedParagraph(alice, bob);
    const attacker = await startAttacker({ case: name, baseUrl: server.baseUrl, wsUrl: server.wsUrl, admin, ministry, documentId, options });
    const pid = server.child.pid ?? 0;
    const before = sampleProcess(pid);
    let rssPeak = before.rssBytes;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, sampleProcess(pid).rssBytes)), 100);
    progress(`abuse: ${name}`);
    attacker.start();
    const probe = probeDelivery(alice, bob, { maxEdits: 10_000, pauseMs: options.editPauseMs, timeoutMs: 300_000 });
    await new Promise((resolve) => setTimeout(resolve, options.durationMs));
    const account = await attacker.stop();
    await probe.stop();
    clearInterval(sampler);
    const after = sampleProcess(pid);
    rssPeak = Math.max(rssPeak, after.rssBytes);
    const rssBefore = before.rssBytes;
    const serverCpuMs = after.cpuMs - before.cpuMs;
    return { case: name, delivery: summarize(probe.latencies), rssBeforeMiB: rssBefore / 2 ** 20, rssPeakMiB: rssPeak / 2 ** 20, serverCpuMs, abuse: account };
  } finally {
    for (const client of clients) client.destroy();
    server.child.kill('SIGKILL');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs every case, each against its own fresh server process. */
export async function runAbuseBench(options: AbuseOptions, progress: (message: string) => void): Promise<AbuseResult[]> {
  const results: AbuseResult[] = [];
  for (const name of ABUSE_CASES) results.push(await runCase(name, options, progress));
  return results;
}

/** The abuse table: delivery p50/p99 per case against the quiet run, and RSS growth. */
export function renderAbuseMarkdown(results: readonly AbuseResult[], options: AbuseOptions): string {
  const quiet = results.find((result) => result.case === 'quiet');
  const lines = [
    `## Edit delivery under abuse (two honest editors, fresh server per case, ${options.durationMs / 1000} s each)`,
    '',
    '| case | edits | p50 ms | p99 ms | p99 / quiet | server CPU ms | RSS before MiB | RSS growth MiB | abuse |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const result of results) {
    const ratio = quiet ? result.delivery.p99 / quiet.delivery.p99 : Number.NaN;
    lines.push(
      `| ${result.case} | ${result.delivery.count} | ${result.delivery.p50.toFixed(1)} | ${result.delivery.p99.toFixed(1)} | ${ratio.toFixed(2)} | ${result.serverCpuMs.toFixed(0)} | ${result.rssBeforeMiB.toFixed(0)} | ${(result.rssPeakMiB - result.rssBeforeMiB).toFixed(0)} | ${result.abuse} |`,
    );
  }
  lines.push('', 'Goal: p99 within 2× of the quiet run and at most 250 ms. The abuser runs in its own process; the honest editors and the server each in theirs.', '');
  return lines.join('\n');
}
