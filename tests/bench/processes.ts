/**
 * `npx tsx tests/bench/processes.ts [--quick]`: live editing across server processes in the shared
 * mode (PostgreSQL + Redis), three fresh server processes (`server/main.ts`) on one schema.
 *
 * - Fan-out: one writer on process A makes small edits one at a time; the time from the edit until
 *   each of 200 listeners applied it, with the listeners spread over the three processes, then
 *   with all 200 on process A (same run, same processes, shared mode both times).
 * - Sync of the 100,000-word outline: a fresh client connects to a process that has the document
 *   loaded (warm: the loader keeps it open on A) or to one that has not (cold: B loads it from
 *   PostgreSQL and asks its peers), and is timed until it holds the whole outline.
 *
 * PostgreSQL runs in a throwaway schema of `TEST_DATABASE_URL`, dropped at the end; Redis is
 * `TEST_REDIS_URL`. Prints a Markdown table.
 */
import * as Y from 'yjs';
import { randomBytes } from 'node:crypto';
import { createTestSchema, TEST_REDIS_URL, type TestSchema } from '../helpers/postgres.ts';
import { generateOutline } from './corpus.ts';
import { closePeer, connectPeer, sleep, waitFor, waitSynced, type Peer } from './peers.ts';
import { appendBlocks, hasShape, shapeOfBlocks } from './prosemirror.ts';
import { installCleanup, startDraftroom, tempDir, type BenchServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

// Each Node WebsocketProvider adds a process 'exit' listener; the bench opens hundreds.
process.setMaxListeners(0);

const quick = process.argv.includes('--quick');
const LISTENERS = 200;
const EDITS = quick ? 40 : 160;
const WARMUP = 10;
/**
 * The two fan-out layouts take turns in A B B A order, EDITS / 4 measured edits per turn, so that
 * the load of a shared machine weighs on both alike.
 */
const FANOUT_ORDER = ['spread', 'single', 'single', 'spread'] as const;
/** Pause between two edits, so each edit's fan-out is measured on its own. */
const EDIT_INTERVAL_MS = 40;
const SYNC_RUNS = quick ? 3 : 8;
const OUTLINE_WORDS = 100_000;
/** Longer than the processes' unload delay (100 ms), so each cold client finds the document unloaded. */
const COLD_PAUSE_MS = 1_500;

/** Edit → every listener applied it, `edits` times; returns one latency per (measured edit, listener). */
async function measureFanout(writerServer: BenchServer, listenerServers: BenchServer[], room: string, edits: number): Promise<number[]> {
  const writer = connectPeer(writerServer, room);
  const listeners = Array.from({ length: LISTENERS }, (_, index) => connectPeer(listenerServers[index % listenerServers.length] as BenchServer, room));
  try {
    await Promise.all([writer, ...listeners].map((peer) => waitSynced(peer, 60_000)));
    const text = writer.doc.getText('bench');
    const author = writer.doc.clientID;
    const samples: number[] = [];
    for (let index = 0; index < edits + WARMUP; index++) {
      const started = performance.now();
      text.insert(text.length, `|${index}`);
      const clock = Y.getState(writer.doc.store, author);
      const seen = listeners.map(
        (peer) =>
          new Promise<number>((resolve, reject) => {
            const check = (): void => {
              if (Y.getState(peer.doc.store, author) < clock) return;
              peer.doc.off('update', check);
              clearTimeout(timer);
              resolve(performance.now() - started);
            };
            const timer = setTimeout(() => {
              peer.doc.off('update', check);
              reject(new Error(`edit ${index} not delivered within 30 s`));
            }, 30_000);
            peer.doc.on('update', check);
            check();
          }),
      );
      const latencies = await Promise.all(seen);
      if (index >= WARMUP) samples.push(...latencies);
      await sleep(EDIT_INTERVAL_MS);
    }
    return samples;
  } finally {
    for (const peer of [writer, ...listeners]) closePeer(peer);
  }
}

interface SyncFigures {
  warm: Summary;
  cold: Summary;
  encodedBytes: number;
}

/** Loads the outline through `home`, then times fresh clients on `home` (warm) and on `other` (cold). */
async function measureSync(home: BenchServer, other: BenchServer, room: string): Promise<SyncFigures> {
  const blocks = generateOutline(OUTLINE_WORDS, 2_045);
  const shape = shapeOfBlocks(blocks);
  const loader = connectPeer(home, room);
  try {
    await waitSynced(loader, 60_000);
    appendBlocks(loader.doc, blocks, 5);
    // Stored and passed on: a fresh client on the same process sees everything.
    const check = connectPeer(home, room);
    await waitFor(check, () => check.provider.synced && hasShape(check.doc, shape), 300_000, 'outline stored');
    closePeer(check);
    const timeClient = async (server: BenchServer): Promise<number> => {
      const started = performance.now();
      const peer: Peer = connectPeer(server, room);
      try {
        await waitFor(peer, () => peer.provider.synced && hasShape(peer.doc, shape), 120_000, `sync on ${server.label}`);
        return performance.now() - started;
      } finally {
        closePeer(peer);
      }
    };
    await timeClient(home);
    const warm: number[] = [];
    const cold: number[] = [];
    for (let run = 0; run < SYNC_RUNS; run++) {
      warm.push(await timeClient(home));
      await sleep(COLD_PAUSE_MS);
      cold.push(await timeClient(other));
    }
    return { warm: summarize(warm), cold: summarize(cold), encodedBytes: Y.encodeStateAsUpdate(loader.doc).byteLength };
  } finally {
    closePeer(loader);
  }
}

const ms = (value: number): string => value.toFixed(1);

async function main(): Promise<void> {
  installCleanup();
  let schema: TestSchema | null = null;
  const servers: BenchServer[] = [];
  try {
    schema = await createTestSchema();
    const env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'warn' };
    const adminPassword = `bench-${randomBytes(8).toString('hex')}`;
    const start = async (label: string): Promise<BenchServer> => startDraftroom(label, { dataDir: await tempDir(label), adminPassword }, env);
    const first = await start('A');
    servers.push(first);
    // Documents are made before the other processes read the records (the records' own fan-out is another part).
    const spread = await first.createDocument('Lan truyền ba tiến trình');
    const single = await first.createDocument('Lan truyền một tiến trình');
    const outline = await first.createDocument('Đề cương 100.000 từ');
    servers.push(...(await Promise.all([start('B'), start('C')])));
    const [a, b] = servers as [BenchServer, BenchServer, BenchServer];

    const samples = { spread: [] as number[], single: [] as number[] };
    for (const layout of FANOUT_ORDER) {
      const turn = layout === 'spread' ? await measureFanout(a, servers, spread, EDITS / 4) : await measureFanout(a, [a], single, EDITS / 4);
      samples[layout].push(...turn);
    }
    const threeProcesses = summarize(samples.spread);
    const oneProcess = summarize(samples.single);
    const sync = await measureSync(a, b, outline);

    const lines = [
      `Live editing across processes (${quick ? 'quick' : 'full'}): shared mode, 3 server processes on one PostgreSQL schema and one Redis`,
      '',
      `| fan-out: 1 writer on A, ${LISTENERS} listeners, ${EDITS} edits (turns A B B A) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |`,
      '|---|---|---|---|---|',
      `| listeners spread over A, B, C | ${ms(threeProcesses.p50)} | ${ms(threeProcesses.p90)} | ${ms(threeProcesses.p99)} | ${ms(threeProcesses.max)} |`,
      `| all listeners on A | ${ms(oneProcess.p50)} | ${ms(oneProcess.p90)} | ${ms(oneProcess.p99)} | ${ms(oneProcess.max)} |`,
      `| ratio 3 processes / 1 | ${(threeProcesses.p50 / oneProcess.p50).toFixed(2)}× | ${(threeProcesses.p90 / oneProcess.p90).toFixed(2)}× | ${(threeProcesses.p99 / oneProcess.p99).toFixed(2)}× | |`,
      '',
      `| new client syncs the ${OUTLINE_WORDS.toLocaleString('en')}-word outline (${sync.encodedBytes} B encoded), ${SYNC_RUNS} runs | p50 (ms) | p90 (ms) | max (ms) |`,
      '|---|---|---|---|',
      `| warm: process A has it loaded | ${ms(sync.warm.p50)} | ${ms(sync.warm.p90)} | ${ms(sync.warm.max)} |`,
      `| cold: process B loads it from PostgreSQL | ${ms(sync.cold.p50)} | ${ms(sync.cold.p90)} | ${ms(sync.cold.max)} |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await schema?.drop();
  }
}

await main();
