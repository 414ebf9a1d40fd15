/**
 * Shared harness of the `heap-*.ts` child scripts (run with `node --expose-gc --import tsx`):
 * prepares small documents, opens them through a server's own document registry, and prints the
 * heap growth per open document as one JSON line on stdout.
 */
import * as Y from 'yjs';
import { generateOutline } from './corpus.ts';
import { sleep } from './peers.ts';
import { appendBlocks } from './prosemirror.ts';

/** The JSON line a heap script prints. */
export interface HeapResult {
  /** Documents opened (excluding the warm-up one). */
  docs: number;
  /** Words per document. */
  wordsPerDoc: number;
  /** Mean encoded size of one document (bytes). */
  encodedBytesPerDoc: number;
  /** `heapUsed` growth per open document after full GC (bytes). */
  heapBytesPerDoc: number;
  /** `external` + `arrayBuffers` growth per open document after full GC (bytes). */
  externalBytesPerDoc: number;
}

/** Opens (or creates) document `name` in the registry and applies `update` as a client would. */
export type OpenDocument = (name: string, update: Uint8Array) => Promise<unknown>;

/** Whatever `open` returned, kept reachable until the process exits. */
const retained: unknown[] = [];

/** Heap figures after a full, repeated garbage collection. */
async function settledMemory(): Promise<{ heap: number; external: number }> {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i += 1) {
    gc();
    await sleep(50);
  }
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, external: usage.external };
}

/** Encodes a small outline (`words` words, seeded) as one Yjs update. */
function smallDocument(words: number, seed: number): Uint8Array {
  const doc = new Y.Doc();
  // A fixed client id makes every run, and both servers, store byte-identical documents.
  doc.clientID = 1_000_000_000 + seed;
  appendBlocks(doc, generateOutline(words, seed), 1);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * Measures heap per open document: one warm-up document absorbs one-time costs, then
 * `BENCH_HEAP_DOCS` (default 200) documents of `BENCH_HEAP_WORDS` (default 300) words are opened
 * and kept open. Prints a {@link HeapResult} as JSON.
 */
export async function measureHeapPerDocument(open: OpenDocument, settleMs = 1_500): Promise<void> {
  const count = Number(process.env.BENCH_HEAP_DOCS ?? '200');
  const words = Number(process.env.BENCH_HEAP_WORDS ?? '300');
  const updates = Array.from({ length: count }, (_, i) => smallDocument(words, 10_000 + i));
  retained.push(await open('heap-warmup', smallDocument(words, 9_999)));
  await sleep(settleMs);
  const before = await settledMemory();
  for (let i = 0; i < count; i += 1) {
    const update = updates[i];
    if (update !== undefined) retained.push(await open(`heap-${i}`, update));
  }
  await sleep(settleMs);
  const after = await settledMemory();
  const result: HeapResult = {
    docs: count,
    wordsPerDoc: words,
    encodedBytesPerDoc: Math.round(updates.reduce((sum, update) => sum + update.byteLength, 0) / count),
    heapBytesPerDoc: Math.round((after.heap - before.heap) / count),
    externalBytesPerDoc: Math.round((after.external - before.external) / count),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
