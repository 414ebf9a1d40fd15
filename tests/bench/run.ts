/**
 * `npm run bench`: Draftroom against the reference y-websocket server on the same workloads —
 * fan-out latency, new-client sync time on a 100,000-word outline, heap per open document.
 * Prints a Markdown table and writes `bench-results/latest.md` and `latest.json`.
 *
 * Then edit delivery between two honest editors under abuse (see abuse.ts), Draftroom only.
 *
 * Flags: `--quick` (small workloads, for a smoke run); `--subject=reference` (compare the
 * reference server with a second instance of itself, to check the harness); `--verbose` (print
 * the tail of each server's output to stderr before stopping it); `--only=abuse` (just the
 * abuse section, written to `bench-results/abuse.md`); `--only=records`, `--only=synthesis`,
 * `--only=rounds` (just that table, printed).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { runFanout, type FanoutOptions, type FanoutResult } from './fanout.ts';
import { measureHeap, type HeapOptions } from './heap.ts';
import { machineInfo, renderMarkdown, type BenchReport } from './report.ts';
import { DRAFTROOM_UNLOAD_DELAY_MS, installCleanup, startDraftroom, startReference, type BenchServer } from './servers.ts';
import { runSyncTime, type SyncOptions, type SyncResult } from './sync-time.ts';
import { compareBenchOptions, runCompareBench } from './compare.ts';
import { compareHttpOptions, runCompareHttpBench } from './compare-http.ts';
import { renderAbuseMarkdown, runAbuseBench, type AbuseOptions } from './abuse.ts';
import { recordsBenchOptions, renderRecordsMarkdown, runRecordsBench } from './records.ts';
import { renderSynthesisMarkdown, runSynthesisBench, synthesisBenchOptions } from './synthesis.ts';
import { renderRoundsMarkdown, runRoundsBench } from './rounds.ts';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const subjectIsReference = args.has('--subject=reference');
const verbose = args.has('--verbose');
const onlyAbuse = args.has('--only=abuse');

const abuseOptions: AbuseOptions = {
  durationMs: quick ? 4_000 : 10_000,
  editPauseMs: 20,
  orphansPerSocket: 520,
  awarenessEntries: 1000,
  awarenessStateBytes: 7000,
  loginsPerWave: 300,
};

const options: BenchReport['options'] = {
  fanout: { editors: 20, rounds: 2, warmup: quick ? 100 : 200, edits: quick ? 300 : 1_500, intervalMs: 5, settleTimeoutMs: 15_000 } satisfies FanoutOptions,
  sync: { words: quick ? 20_000 : 100_000, runs: quick ? 3 : 20, warmupRuns: 2, pauseMs: 250, coldPauseMs: 600, timeoutMs: 60_000 } satisfies SyncOptions,
  heap: { docs: quick ? 50 : 200, words: 300, repeats: quick ? 1 : 3, timeoutMs: 120_000 } satisfies HeapOptions,
};

/** Progress goes to stderr so that stdout carries only the table. */
function progress(message: string): void {
  process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(0)}s] ${message}\n`);
}

/** Picks a result for a server or fails loudly. */
function resultFor<T>(map: Map<BenchServer, T>, server: BenchServer): T {
  const result = map.get(server);
  if (result === undefined) throw new Error(`no result for ${server.label}`);
  return result;
}

/** Starts both servers, runs every measurement, stops the servers and writes the report. */
async function main(): Promise<void> {
  installCleanup();
  if (args.has('--only=synthesis')) {
    process.stdout.write(renderSynthesisMarkdown(await runSynthesisBench(synthesisBenchOptions(quick), progress)));
    return;
  }
  if (args.has('--only=rounds')) {
    process.stdout.write(renderRoundsMarkdown(await runRoundsBench()));
    return;
  }
  if (args.has('--only=records')) {
    process.stdout.write(renderRecordsMarkdown(await runRecordsBench(recordsBenchOptions(quick), progress)));
    return;
  }
  if (onlyAbuse) {
    process.setMaxListeners(100);
    const markdown = renderAbuseMarkdown(await runAbuseBench(abuseOptions, progress), abuseOptions);
    await mkdir('bench-results', { recursive: true });
    await writeFile('bench-results/abuse.md', markdown);
    process.stdout.write(markdown);
    return;
  }
  // Every WebsocketProvider adds a process 'exit' listener; 20+ of them are expected here.
  process.setMaxListeners(100);
  const machine = machineInfo();
  const started = performance.now();
  const servers: BenchServer[] = [];
  const problems: string[] = [];
  let fanout: Map<BenchServer, FanoutResult>;
  let sync: Map<BenchServer, SyncResult>;
  let subject: BenchServer;
  let baseline: BenchServer;
  try {
    progress('starting servers');
    subject = subjectIsReference ? await startReference('Reference B') : await startDraftroom();
    servers.push(subject);
    baseline = await startReference();
    servers.push(baseline);
    fanout = await runFanout([baseline, subject], options.fanout, progress);
    sync = await runSyncTime([subject, baseline], options.sync, progress);
  } finally {
    if (verbose) for (const server of servers) progress(`${server.label} output:\n${server.logTail()}`);
    for (const server of servers) {
      for (const line of server.problems()) {
        progress(`${server.label} printed: ${line}`);
        problems.push(`${server.label} printed: \`${line.replace(/`/gu, "'")}\``);
      }
    }
    const stopping = performance.now();
    await Promise.all(servers.map((server) => server.stop()));
    progress(`servers stopped in ${(performance.now() - stopping).toFixed(0)} ms`);
  }
  progress(`heap per document on ${subject.label}`);
  const subjectHeap = await measureHeap(subjectIsReference ? 'reference' : 'draftroom', options.heap);
  progress(`heap per document on ${baseline.label}`);
  const baselineHeap = await measureHeap('reference', options.heap);
  // Comparison engine: Draftroom only, no server involved; its own table after the main one.
  const compare = await runCompareBench(compareBenchOptions(quick), progress);
  // The same comparison as the user waits for it: HTTP against a fresh server process.
  const compareHttp = await runCompareHttpBench(compareHttpOptions(quick), progress);
  const abuse = await runAbuseBench(abuseOptions, progress);

  const report: BenchReport = {
    machine,
    options,
    durationSeconds: (performance.now() - started) / 1000,
    compare,
    compareHttp,
    notes: [
      subjectIsReference
        ? 'Harness check: both columns are the reference server.'
        : `Draftroom runs with default settings except \`UNLOAD_DELAY_MS=${DRAFTROOM_UNLOAD_DELAY_MS}\` (default 10 s), so a document nobody has open is unloaded before the cold clients connect; the reference unloads at once.`,
      ...problems,
    ],
    subject: {
      label: subject.label,
      fanout: resultFor(fanout, subject),
      sync: resultFor(sync, subject),
      heap: subjectHeap,
    },
    baseline: {
      label: baseline.label,
      fanout: resultFor(fanout, baseline),
      sync: resultFor(sync, baseline),
      heap: baselineHeap,
    },
  };
  // Records under load: fresh server processes of their own, after the others have stopped.
  const records = await runRecordsBench(recordsBenchOptions(quick), progress);
  // The synthesis table as the secretariat downloads it: a fresh server process of its own.
  const synthesis = await runSynthesisBench(synthesisBenchOptions(quick), progress);
  const markdown = `${renderMarkdown(report)}\n${renderRecordsMarkdown(records)}\n${renderSynthesisMarkdown(synthesis)}\n${renderAbuseMarkdown(abuse, abuseOptions)}`;
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/latest.md', markdown);
  await writeFile('bench-results/latest.json', `${JSON.stringify({ ...report, abuse, synthesis }, null, 2)}\n`);
  process.stdout.write(markdown);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
