/**
 * Time until a new client is synced on a large document: on every server a loader client writes
 * the same ~100,000-word outline through the server, then fresh clients connect one at a time
 * and the bench times each until it is synced and holds the whole content. Servers take turns
 * run by run, so the bench process warms up for all of them alike.
 */
import * as Y from 'yjs';
import { generateOutline } from './corpus.ts';
import { closePeer, connectPeer, sleep, waitFor, waitSynced, watchClose, type Peer } from './peers.ts';
import { appendBlocks, hasShape, shapeOfBlocks, type ContentShape } from './prosemirror.ts';
import { sampleProcess } from './procstat.ts';
import type { BenchServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

/** Workload of the sync-time measurement. */
export interface SyncOptions {
  /** Words in the preloaded outline. */
  words: number;
  /** Timed fresh clients per server and scenario. */
  runs: number;
  /** Untimed fresh clients per server before each scenario. */
  warmupRuns: number;
  /** Pause before each client while the document stays open elsewhere (ms). */
  pauseMs: number;
  /**
   * Pause before each cold client (ms); must exceed the time a server takes to unload an unused
   * document (Draftroom is started with a short unload delay for this).
   */
  coldPauseMs: number;
  /** Give up on one client after this long (ms). */
  timeoutMs: number;
}

/** What one server achieved on the sync-time workload. */
export interface SyncResult {
  /** New client while another client keeps the document open (ms). */
  warm: Summary;
  /** New client on a document nobody has open, which the server loads from storage (ms). */
  cold: Summary;
  /** Mean server CPU time per timed warm client, from connect until synced (ms; 10 ms /proc resolution, averaged). */
  warmServerCpuMs: number;
  /** Mean server CPU time per timed cold client (ms). */
  coldServerCpuMs: number;
  /** Time from the loader's first section until a fresh client had the whole outline (ms). */
  preloadMs: number;
  /** Size of the document encoded as one Yjs update (bytes). */
  encodedBytes: number;
  /** Top-level blocks in the document. */
  blocks: number;
}

/** Seed of the 100k-word outline: the same text goes to every server. */
const OUTLINE_SEED = 2_045;

/**
 * Blocks per loader transaction: about one section (a heading and its paragraphs), as if the
 * outline were pasted section by section. ~250 messages in a burst, within Draftroom's
 * per-connection message limit (burst 600, 200/s), which throttles bursts and closes only overflowing backlogs with 4529.
 */
const BLOCKS_PER_TRANSACTION = 5;

/** Client id of the loader (Yjs ids are 32-bit unsigned). */
const LOADER_CLIENT_ID = 2_000_000_001;

/** A server with the preloaded document. */
interface Preloaded {
  server: BenchServer;
  room: string;
  loader: Peer | null;
  preloadMs: number;
  encodedBytes: number;
  warm: number[];
  cold: number[];
  warmCpu: number[];
  coldCpu: number[];
}

/** Connects a brand-new client and returns the ms until it is synced with the full content. */
async function timeFreshClient(server: BenchServer, room: string, expected: ContentShape, timeoutMs: number): Promise<number> {
  const start = performance.now();
  const peer = connectPeer(server, room, new Y.Doc());
  try {
    await waitFor(peer, () => peer.provider.synced && hasShape(peer.doc, expected), timeoutMs, 'full content');
    return performance.now() - start;
  } finally {
    closePeer(peer);
  }
}

/** Runs the client-side code paths once (build, encode, apply, measure) so the first server is not penalised by JIT warm-up. */
function warmUpClientCode(words: number): void {
  const source = new Y.Doc();
  const blocks = generateOutline(words, OUTLINE_SEED + 1);
  appendBlocks(source, blocks, 1);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
  if (!hasShape(copy, shapeOfBlocks(blocks))) throw new Error('warm-up copy differs');
  source.destroy();
  copy.destroy();
}

/** Creates the document on `server` and writes the outline through a loader client that stays connected. */
async function preload(
  server: BenchServer,
  blocks: ReturnType<typeof generateOutline>,
  expected: ContentShape,
  options: SyncOptions,
): Promise<Preloaded> {
  const room = await server.createDocument('Bench 100k words');
  const doc = new Y.Doc();
  // A fixed client id makes the stored bytes identical on every server.
  doc.clientID = LOADER_CLIENT_ID;
  const loader = connectPeer(server, room, doc);
  try {
    await waitSynced(loader);
    const start = performance.now();
    appendBlocks(loader.doc, blocks, BLOCKS_PER_TRANSACTION);
    // A fresh client holding everything proves the server has it all.
    const watch = watchClose(loader, 'loader');
    try {
      await Promise.race([timeFreshClient(server, room, expected, options.timeoutMs), watch.closed]);
    } finally {
      watch.dispose();
    }
    const preloadMs = performance.now() - start;
    const encodedBytes = Y.encodeStateAsUpdate(loader.doc).byteLength;
    return { server, room, loader, preloadMs, encodedBytes, warm: [], cold: [], warmCpu: [], coldCpu: [] };
  } catch (error) {
    closePeer(loader);
    throw error;
  }
}

/** Times fresh clients on every server in turn, `warmupRuns + runs` rounds, keeping the timed ones. */
async function timeScenario(
  subjects: readonly Preloaded[],
  expected: ContentShape,
  options: SyncOptions,
  pauseMs: number,
  record: (subject: Preloaded, ms: number, serverCpuMs: number) => void,
): Promise<void> {
  for (let run = 0; run < options.warmupRuns + options.runs; run += 1) {
    const order = run % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) {
      await sleep(pauseMs);
      const cpuBefore = sampleProcess(subject.server.pid).cpuMs;
      const ms = await timeFreshClient(subject.server, subject.room, expected, options.timeoutMs);
      const serverCpuMs = sampleProcess(subject.server.pid).cpuMs - cpuBefore;
      if (run >= options.warmupRuns) record(subject, ms, serverCpuMs);
    }
  }
}

/** Arithmetic mean (NaN for none). */
function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Runs the sync-time workload on every server. */
export async function runSyncTime(
  servers: readonly BenchServer[],
  options: SyncOptions,
  progress: (message: string) => void,
): Promise<Map<BenchServer, SyncResult>> {
  const blocks = generateOutline(options.words, OUTLINE_SEED);
  const expected = shapeOfBlocks(blocks);
  warmUpClientCode(options.words);
  const subjects: Preloaded[] = [];
  try {
    for (const server of servers) {
      progress(`sync time: preloading ${options.words} words on ${server.label}`);
      subjects.push(await preload(server, blocks, expected, options));
    }
    progress('sync time: fresh clients while the document is open elsewhere');
    await timeScenario(subjects, expected, options, options.pauseMs, (subject, ms, cpu) => {
      subject.warm.push(ms);
      subject.warmCpu.push(cpu);
    });
    for (const subject of subjects) {
      if (subject.loader !== null) closePeer(subject.loader);
      subject.loader = null;
    }
    progress('sync time: fresh clients on unloaded documents');
    await timeScenario(subjects, expected, options, options.coldPauseMs, (subject, ms, cpu) => {
      subject.cold.push(ms);
      subject.coldCpu.push(cpu);
    });
  } finally {
    for (const subject of subjects) if (subject.loader !== null) closePeer(subject.loader);
  }
  return new Map(
    subjects.map((subject) => [
      subject.server,
      {
        warm: summarize(subject.warm),
        cold: summarize(subject.cold),
        warmServerCpuMs: mean(subject.warmCpu),
        coldServerCpuMs: mean(subject.coldCpu),
        preloadMs: subject.preloadMs,
        encodedBytes: subject.encodedBytes,
        blocks: blocks.length,
      },
    ]),
  );
}
