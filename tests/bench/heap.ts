/** Runs a `heap-*.ts` script in its own `node --expose-gc` process and reads its result. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { HeapResult } from './heap-common.ts';
import { removeTempDir, tempDir, trackChild } from './servers.ts';

/** Which server's registry to measure. */
export type HeapTarget = 'reference' | 'draftroom';

/** Heap options passed to the child through the environment. */
export interface HeapOptions {
  /** Documents to open. */
  docs: number;
  /** Words per document. */
  words: number;
  /** Fresh processes per target; the run with the median heap figure is reported. */
  repeats: number;
  /** Kill a child after this long (ms). */
  timeoutMs: number;
}

/** The median run, with the heap figure of every run. */
export interface HeapSummary extends HeapResult {
  /** `heapBytesPerDoc` of each run, in run order. */
  runs: number[];
}

/** Checks the shape of the child's JSON line. */
function isHeapResult(value: unknown): value is HeapResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['docs', 'wordsPerDoc', 'encodedBytesPerDoc', 'heapBytesPerDoc', 'externalBytesPerDoc'].every(
    (key) => typeof record[key] === 'number',
  );
}

/** Measures heap per open document for `target` `options.repeats` times and keeps the median run. */
export async function measureHeap(target: HeapTarget, options: HeapOptions): Promise<HeapSummary> {
  const results: HeapResult[] = [];
  for (let i = 0; i < Math.max(1, options.repeats); i += 1) results.push(await runHeap(target, options));
  const sorted = [...results].sort((a, b) => a.heapBytesPerDoc - b.heapBytesPerDoc);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (median === undefined) throw new Error('no heap result');
  return { ...median, runs: results.map((result) => result.heapBytesPerDoc) };
}

/** Measures heap per open document for `target` in a fresh process with a fresh data directory. */
async function runHeap(target: HeapTarget, options: HeapOptions): Promise<HeapResult> {
  const dir = await tempDir(`heap-${target}`);
  try {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', `tests/bench/heap-${target}.ts`], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        YPERSISTENCE: join(dir, 'leveldb'),
        DATA_DIR: dir,
        BENCH_HEAP_DOCS: String(options.docs),
        BENCH_HEAP_WORDS: String(options.words),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackChild(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    const line = stdout.trim().split('\n').reverse().find((candidate) => candidate.startsWith('{'));
    const parsed: unknown = line === undefined ? undefined : JSON.parse(line);
    if (code !== 0 || !isHeapResult(parsed)) {
      throw new Error(`heap-${target}.ts failed (exit ${String(code)}):\n${stderr.trim()}\n${stdout.trim()}`);
    }
    return parsed;
  } finally {
    await removeTempDir(dir);
  }
}
