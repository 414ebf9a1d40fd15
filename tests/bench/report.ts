/** Renders the bench results as a Markdown table (and the machine header above it). */
import { arch, cpus, loadavg, release, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import type { FanoutOptions, FanoutResult } from './fanout.ts';
import type { HeapOptions, HeapSummary } from './heap.ts';
import type { SyncOptions, SyncResult } from './sync-time.ts';
import { renderCompareMarkdown, type CompareBenchResult } from './compare.ts';
import { renderCompareHttp, type CompareHttpCase } from './compare-http.ts';

/** The machine and software the bench ran on. */
export interface MachineInfo {
  /** ISO timestamp of the run. */
  date: string;
  /** CPU model name. */
  cpu: string;
  /** Logical cores. */
  cores: number;
  /** Total memory in GiB. */
  memoryGiB: number;
  /** OS kernel and architecture. */
  os: string;
  /** Node.js version. */
  node: string;
  /** 1-, 5- and 15-minute load averages when the bench started (other work on the machine skews results). */
  loadAverage: number[];
  /** Versions of the collaboration packages in node_modules. */
  packages: Record<string, string>;
}

/** Reads the version of an installed package, or `?`. */
function packageVersion(name: string): string {
  try {
    const json: unknown = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8'));
    const version = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).version : undefined;
    return typeof version === 'string' ? version : '?';
  } catch {
    return '?';
  }
}

/** Collects machine information for the report header. */
export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()} ${arch()}`,
    node: process.version,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    packages: Object.fromEntries(
      ['yjs', 'y-websocket', 'y-protocols', 'ws', '@y/websocket-server'].map((name) => [name, packageVersion(name)]),
    ),
  };
}

/** One server's results over all three measurements. */
export interface ServerResults {
  /** Column heading. */
  label: string;
  /** Fan-out latency. */
  fanout: FanoutResult;
  /** New-client sync time. */
  sync: SyncResult;
  /** Heap per open document. */
  heap: HeapSummary;
}

/** Everything the report shows. */
export interface BenchReport {
  /** Where and when. */
  machine: MachineInfo;
  /** The server under test (Draftroom). */
  subject: ServerResults;
  /** The reference server. */
  baseline: ServerResults;
  /** Workload parameters. */
  options: { fanout: FanoutOptions; sync: SyncOptions; heap: HeapOptions };
  /** Wall-clock duration of the whole bench (s). */
  durationSeconds: number;
  /** Extra lines for the header (settings that differ from defaults, caveats). */
  notes: string[];
  /** Comparison engine figures (Draftroom only, rendered as their own table after the main one). */
  compare?: CompareBenchResult;
  compareHttp?: CompareHttpCase[];
}

/** A table row: a label and how to read and format the value from either server. */
interface Row {
  label: string;
  value?: (results: ServerResults) => number | string;
  format?: (value: number) => string;
  ratio?: boolean;
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : 'n/a');
const int = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const kib = (value: number): string => (Number.isFinite(value) ? (value / 1024).toFixed(1) : 'n/a');

/** Formats Draftroom / reference, or a dash when it is meaningless. */
function ratio(subject: number | string, baseline: number | string): string {
  if (typeof subject !== 'number' || typeof baseline !== 'number') return '–';
  if (!Number.isFinite(subject) || !Number.isFinite(baseline) || baseline === 0) return 'n/a';
  return `${(subject / baseline).toFixed(2)}×`;
}

/** Builds the rows of the table from the options (section headings carry the workload). */
function rows(options: BenchReport['options']): Row[] {
  const { fanout, sync, heap } = options;
  return [
    {
      label: `**Fan-out latency** — ${fanout.editors} editors on one document; ${fanout.rounds} rounds per server (servers alternate A B B A) of ${int(fanout.edits)} measured edits, 1 every ${fanout.intervalMs} ms, after ${fanout.warmup} discarded warm-up edits; time from an edit until each other editor has applied it`,
    },
    { label: 'p50 (ms)', value: (r) => r.fanout.latency.p50, format: ms, ratio: true },
    { label: 'p99 (ms)', value: (r) => r.fanout.latency.p99, format: ms, ratio: true },
    { label: 'max (ms)', value: (r) => r.fanout.latency.max, format: ms, ratio: true },
    { label: 'p50 of each round (ms)', value: (r) => r.fanout.roundP50.map(ms).join(' / ') },
    { label: 'deliveries measured', value: (r) => r.fanout.latency.count, format: int },
    { label: 'deliveries missing', value: (r) => r.fanout.missing, format: int },
    { label: 'connections closed by the server during the edits', value: (r) => r.fanout.disconnects, format: int },
    { label: 'replicas converged', value: (r) => (r.fanout.converged ? 'yes' : '**NO**') },
    { label: 'achieved interval between edits (ms)', value: (r) => r.fanout.achievedIntervalMs, format: ms },
    { label: 'server CPU time during the edits (ms)', value: (r) => r.fanout.serverCpuMs, format: int, ratio: true },
    {
      label: `**New client until synced** — ${int(sync.words)}-word outline (Vietnamese, NFC, headings + ~100-word paragraphs); ${sync.runs} timed fresh clients per server and scenario after ${sync.warmupRuns} untimed, servers alternating; until \`synced\` and the full content is present`,
    },
    { label: 'median, document open by another client (ms)', value: (r) => r.sync.warm.p50, format: ms, ratio: true },
    { label: 'p90, document open by another client (ms)', value: (r) => r.sync.warm.p90, format: ms, ratio: true },
    { label: 'server CPU per client, document open elsewhere (ms, mean)', value: (r) => r.sync.warmServerCpuMs, format: ms, ratio: true },
    { label: 'median, cold: document unloaded, loaded from storage (ms)', value: (r) => r.sync.cold.p50, format: ms, ratio: true },
    { label: 'p90, cold: document unloaded, loaded from storage (ms)', value: (r) => r.sync.cold.p90, format: ms, ratio: true },
    { label: 'server CPU per client, cold (ms, mean)', value: (r) => r.sync.coldServerCpuMs, format: ms, ratio: true },
    { label: 'preload: one transaction per section (5 blocks), until a fresh client has it all (ms)', value: (r) => r.sync.preloadMs, format: int, ratio: true },
    { label: 'blocks / encoded document size (KiB)', value: (r) => `${r.sync.blocks} / ${kib(r.sync.encodedBytes)}` },
    { label: `**Heap per open document** — ${heap.docs} documents of ${heap.words} words opened through each server's own registry, in a fresh process per run (${heap.repeats} ${heap.repeats === 1 ? 'run' : 'runs'})` },
    { label: 'heapUsed per document after GC, median run (bytes)', value: (r) => r.heap.heapBytesPerDoc, format: int, ratio: true },
    { label: 'heapUsed per document, every run (bytes)', value: (r) => r.heap.runs.map(int).join(' / ') },
    { label: 'external memory per document (bytes)', value: (r) => r.heap.externalBytesPerDoc, format: int },
    { label: 'encoded size of one document (bytes)', value: (r) => r.heap.encodedBytesPerDoc, format: int },
  ];
}

/** Renders the report as Markdown. */
export function renderMarkdown(report: BenchReport): string {
  const { machine, subject, baseline } = report;
  const packages = Object.entries(machine.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const lines = [
    `# Draftroom collaboration benchmark`,
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os}; load average at start ${machine.loadAverage.join(' / ')}`,
    `- Node ${machine.node}; ${packages}`,
    `- ${subject.label} vs ${baseline.label} (\`@y/websocket-server\` with LevelDB persistence); both run as child processes on loopback, clients in the bench process, same workload`,
    ...report.notes.map((note) => `- ${note}`),
    `- Bench duration: ${report.durationSeconds.toFixed(0)} s. Ratio = ${subject.label} / ${baseline.label}; below 1× means ${subject.label} is faster or smaller.`,
    '',
    `| Measure | ${subject.label} | ${baseline.label} | Ratio |`,
    '|---|---:|---:|---:|',
  ];
  for (const row of rows(report.options)) {
    if (row.value === undefined) {
      lines.push(`| ${row.label} | | | |`);
      continue;
    }
    const a = row.value(subject);
    const b = row.value(baseline);
    const show = (value: number | string): string => (typeof value === 'number' ? (row.format ?? String)(value) : value);
    lines.push(`| ${row.label} | ${show(a)} | ${show(b)} | ${row.ratio === true ? ratio(a, b) : '–'} |`);
  }
  const compareSection = report.compare === undefined ? '' : renderCompareMarkdown(report.compare);
  const compareHttpSection = report.compareHttp === undefined ? '' : renderCompareHttp(report.compareHttp);
  return `${lines.join('\n')}\n${compareSection}${compareHttpSection}`;
}
