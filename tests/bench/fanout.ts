/**
 * Fan-out latency: many editors on one document take turns making small edits; for every edit
 * the bench records how long each other editor took to apply it.
 */
import * as Y from 'yjs';
import { createRng, paragraphText, type Block } from './corpus.ts';
import { closePeer, connectPeer, sleep, waitFor, waitSynced, type Peer } from './peers.ts';
import { sampleProcess } from './procstat.ts';
import { appendBlocks, FRAGMENT } from './prosemirror.ts';
import type { BenchServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

/** Workload of the fan-out measurement. */
export interface FanoutOptions {
  /** Number of connected editors. */
  editors: number;
  /** Rounds per server; servers take turns in A B B A order so neither always goes first. */
  rounds: number;
  /** Edits per round whose latency is discarded (warm-up), made before the measured ones. */
  warmup: number;
  /** Measured edits per round. */
  edits: number;
  /** Time between two consecutive edits (all editors together), in ms. */
  intervalMs: number;
  /** How long to wait for stragglers after the last edit, in ms. */
  settleTimeoutMs: number;
}

/** What one server achieved on the fan-out workload, over all its rounds. */
export interface FanoutResult {
  /** Latency from a local edit until another editor applied it, over all measured deliveries (ms). */
  latency: Summary;
  /** p50 of each round (ms), to show the spread between rounds. */
  roundP50: number[];
  /** Measured edits made. */
  edits: number;
  /** Deliveries never observed before the settle timeout. */
  missing: number;
  /** Connections the server closed during the edits (there should be none). */
  disconnects: number;
  /** Whether every replica ended with identical content in every round. */
  converged: boolean;
  /** Mean time between edits actually achieved by the bench (ms). */
  achievedIntervalMs: number;
  /** Server CPU time spent during the edits of all rounds (ms). */
  serverCpuMs: number;
}

/** Raw figures of one round. */
interface FanoutRound {
  latencies: number[];
  edits: number;
  missing: number;
  disconnects: number;
  converged: boolean;
  achievedIntervalMs: number;
  serverCpuMs: number;
}

/** One edit as its author made it. */
interface SentEdit {
  /** Author's clock after the edit: a replica has the edit once its state for the author reaches this. */
  clock: number;
  /** `performance.now()` just before the edit. */
  sentAt: number;
  /** False for warm-up edits. */
  measured: boolean;
}

/** Short Vietnamese fragments the editors type. */
const SNIPPETS = ['và ', 'để ', 'được ', 'phát ', 'triển ', 'đổi ', 'mới ', 'nâng ', 'cao ', 'hiệu ', 'quả ', 'số '];

/** The paragraph each editor types into: a heading then one paragraph per editor. */
function layout(editors: number): Block[] {
  const rng = createRng(20_240_601);
  const blocks: Block[] = [{ type: 'heading', level: 1, id: 'fanout-h', text: 'Phần I. Bối cảnh và quan điểm' }];
  for (let i = 0; i < editors; i += 1) {
    blocks.push({ type: 'paragraph', id: `fanout-p${i}`, text: paragraphText(rng, 40) });
  }
  return blocks;
}

/** The XmlText of the block at `index` in a replica. */
function textAt(doc: Y.Doc, index: number): Y.XmlText {
  const element = doc.getXmlFragment(FRAGMENT).get(index);
  const text = element instanceof Y.XmlElement ? element.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error(`block ${index} has no text`);
  return text;
}

/** Runs one round of the fan-out workload against one server, on a new document. */
async function runRound(server: BenchServer, options: FanoutOptions): Promise<FanoutRound> {
  const room = await server.createDocument('Bench fan-out');
  const peers: Peer[] = [];
  try {
    for (let i = 0; i < options.editors; i += 1) peers.push(connectPeer(server, room));
    await Promise.all(peers.map((peer) => waitSynced(peer)));
    const blocks = layout(options.editors);
    const first = peers[0];
    if (first === undefined) throw new Error('no editors');
    appendBlocks(first.doc, blocks, blocks.length);
    await Promise.all(
      peers.map((peer) =>
        waitFor(peer, () => peer.doc.getXmlFragment(FRAGMENT).length === blocks.length, 15_000, 'initial layout'),
      ),
    );
    const texts = peers.map((peer, i) => textAt(peer.doc, i + 1));
    const clientIds = peers.map((peer) => peer.doc.clientID);
    const sent: SentEdit[][] = peers.map(() => []);
    const next: number[][] = peers.map(() => peers.map(() => 0));
    const latencies: number[] = [];
    let outstanding = 0;

    peers.forEach((peer, receiver) => {
      const cursor = next[receiver] ?? [];
      peer.doc.on('update', () => {
        const now = performance.now();
        for (let author = 0; author < peers.length; author += 1) {
          const list = sent[author];
          if (author === receiver || list === undefined) continue;
          let index = cursor[author] ?? 0;
          if (index >= list.length) continue;
          const state = Y.getState(peer.doc.store, clientIds[author] ?? -1);
          for (let edit = list[index]; edit !== undefined && edit.clock <= state; edit = list[++index]) {
            if (edit.measured) latencies.push(now - edit.sentAt);
            outstanding -= 1;
          }
          cursor[author] = index;
        }
      });
    });

    let disconnects = 0;
    const countDisconnect = (): void => {
      disconnects += 1;
    };
    for (const peer of peers) peer.provider.on('connection-close', countDisconnect);

    const rng = createRng(42);
    const total = options.warmup + options.edits;
    const cpuBefore = sampleProcess(server.pid).cpuMs;
    const start = performance.now();
    for (let k = 0; k < total; k += 1) {
      const wait = start + k * options.intervalMs - performance.now();
      if (wait >= 1) await sleep(wait);
      else await new Promise<void>((resolve) => setImmediate(resolve));
      const author = k % peers.length;
      const peer = peers[author];
      const text = texts[author];
      const list = sent[author];
      if (peer === undefined || text === undefined || list === undefined) continue;
      const snippet = SNIPPETS[Math.floor(rng() * SNIPPETS.length)] ?? 'và ';
      const position = Math.floor(rng() * (text.length + 1));
      const sentAt = performance.now();
      text.insert(position, snippet);
      list.push({ clock: Y.getState(peer.doc.store, peer.doc.clientID), sentAt, measured: k >= options.warmup });
      outstanding += peers.length - 1;
    }
    const achievedIntervalMs = (performance.now() - start) / total;
    const settleDeadline = performance.now() + options.settleTimeoutMs;
    while (outstanding > 0 && performance.now() < settleDeadline) await sleep(20);
    const serverCpuMs = sampleProcess(server.pid).cpuMs - cpuBefore;
    const reference = first.doc.getXmlFragment(FRAGMENT).toString();
    const converged = peers.every((peer) => peer.doc.getXmlFragment(FRAGMENT).toString() === reference);
    for (const peer of peers) peer.provider.off('connection-close', countDisconnect);
    return { latencies, edits: options.edits, missing: outstanding, disconnects, converged, achievedIntervalMs, serverCpuMs };
  } finally {
    for (const peer of peers) closePeer(peer);
  }
}

/** Pools the rounds of one server. */
function combine(rounds: readonly FanoutRound[]): FanoutResult {
  return {
    latency: summarize(rounds.flatMap((round) => round.latencies)),
    roundP50: rounds.map((round) => summarize(round.latencies).p50),
    edits: rounds.reduce((sum, round) => sum + round.edits, 0),
    missing: rounds.reduce((sum, round) => sum + round.missing, 0),
    disconnects: rounds.reduce((sum, round) => sum + round.disconnects, 0),
    converged: rounds.every((round) => round.converged),
    achievedIntervalMs: rounds.reduce((sum, round) => sum + round.achievedIntervalMs, 0) / Math.max(1, rounds.length),
    serverCpuMs: rounds.reduce((sum, round) => sum + round.serverCpuMs, 0),
  };
}

/**
 * Runs the fan-out workload on every server, `options.rounds` rounds each, in alternating
 * order (A B B A …) so that warm-up of the bench process favours nobody.
 */
export async function runFanout(
  servers: readonly BenchServer[],
  options: FanoutOptions,
  progress: (message: string) => void,
): Promise<Map<BenchServer, FanoutResult>> {
  const rounds = new Map<BenchServer, FanoutRound[]>(servers.map((server) => [server, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      progress(`fan-out round ${round + 1}/${options.rounds} on ${server.label}`);
      rounds.get(server)?.push(await runRound(server, options));
    }
  }
  return new Map([...rounds].map(([server, list]) => [server, combine(list)]));
}
