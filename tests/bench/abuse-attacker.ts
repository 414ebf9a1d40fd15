/**
 * The abuser of the abuse bench, run as its own process so that building and sending the abuse
 * (masking megabytes of frames, hashing nothing, thousands of tiny Yjs docs) costs nothing to
 * the honest clients measured in the bench process. Argument: an AttackSetup as JSON. Prints
 * `ready` once its frames are built, starts on the line `start` on stdin, stops on `stop` and
 * prints one line of JSON `{"account": "..."}` before exiting.
 */
import * as encoding from 'lib0/encoding';
import { createInterface } from 'node:readline';
import { openRawSocket } from '../helpers/raw-socket.ts';
import { requestJson } from '../helpers/server.ts';
import { orphanUpdate, updateFrame } from '../collab/delivery.ts';
import type { AbuseCase, AbuseOptions, AttackSetup } from './abuse-setup.ts';

/** An awareness message with `entries` states of about `stateBytes` each, for ids from `firstId`. */
function awarenessFrame(firstId: number, entries: number, stateBytes: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries);
  for (let i = 0; i < entries; i++) {
    encoding.writeVarUint(inner, firstId + i);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, JSON.stringify({ cursor: null, padding: 'x'.repeat(stateBytes) }));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** A running abuse: stop() ends it and returns a one-line account. */
interface Abuse {
  stop(): Promise<string>;
}


/**
 * Sockets that each send their batch of `batches` (prepared beforehand, so that building them
 * does not slow the honest clients in this process), one after the other until stopped or out
 * of batches; counts the close codes.
 */
function socketLoop(setup: AttackSetup, token: string, batches: Uint8Array[][]): Abuse {
  let running = true;
  const codes = new Map<number, number>();
  let sockets = 0;
  let messages = 0;
  const loop = (async () => {
    for (const batch of batches) {
      if (!running) break;
      const raw = await openRawSocket(setup.wsUrl, setup.documentId, token);
      sockets += 1;
      for (const frame of batch) {
        raw.send(frame);
        messages += 1;
      }
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([raw.closed, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 2_000)))]);
      clearTimeout(timer);
      if (code === null) raw.socket.terminate();
      else codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const closes = [...codes].map(([code, count]) => `${count}×${code}`).join(', ') || 'none';
      return `${messages} messages on ${sockets} sockets; closes: ${closes}`;
    },
  };
}

/** Waves of parallel wrong-password logins, until stopped; `stop` waits for the wave in flight. */
function loginFlood(setup: AttackSetup, perWave: number, maxWaves: number): Abuse {
  let running = true;
  const statuses = new Map<number, number>();
  let waves = 0;
  const loop = (async () => {
    while (running && waves < maxWaves) {
      waves += 1;
      const results = await Promise.all(
        Array.from({ length: perWave }, (_, i) =>
          requestJson(setup.baseUrl, 'POST', '/api/auth/login', { body: { username: i % 2 === 0 ? 'admin' : `nobody${i}`, password: `wrong-${i}` } }).catch(() => ({ status: 0 })),
        ),
      );
      for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return `${waves} waves of ${perWave} parallel logins; statuses: ${[...statuses].map(([status, count]) => `${count}×${status}`).join(', ')}`;
    },
  };
}

/** Frames each abusing socket sends, built before the measurement starts. */
function prepareBatches(name: AbuseCase, options: AbuseOptions): Uint8Array[][] {
  switch (name) {
    case 'missing dependencies': {
      let clientId = 1_000_000;
      return Array.from({ length: 20 }, () => Array.from({ length: options.orphansPerSocket }, () => updateFrame(orphanUpdate(clientId++))));
    }
    case 'awareness flood (ministry)': {
      // Twelve messages in all, as in the report of issue 9; a socket closed early is replaced.
      const frame = awarenessFrame(50_000, options.awarenessEntries, options.awarenessStateBytes);
      return Array.from({ length: 12 }, () => [frame]);
    }
    default:
      return [];
  }
}

/** Starts the abuse of `name` against `setup`. */
function startAbuse(name: AbuseCase, setup: AttackSetup, options: AbuseOptions, batches: Uint8Array[][]): Abuse {
  switch (name) {
    case 'quiet':
      return { stop: async () => 'none' };
    case 'missing dependencies':
      return socketLoop(setup, setup.admin, batches);
    case 'awareness flood (ministry)':
      return socketLoop(setup, setup.ministry, batches);
    case 'login flood':
      return loginFlood(setup, options.loginsPerWave, 1);
  }
}


/** Runs the attack described by argv[2] under the control of stdin. */
async function main(): Promise<void> {
  const setup = JSON.parse(process.argv[2] ?? '{}') as AttackSetup;
  const batches = prepareBatches(setup.case, setup.options);
  process.stdout.write('ready\n');
  let abuse: Abuse | null = null;
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'start') abuse = startAbuse(setup.case, setup, setup.options, batches);
    if (line === 'stop') break;
  }
  const account = abuse ? await abuse.stop() : 'never started';
  process.stdout.write(`${JSON.stringify({ account })}\n`);
  process.exit(0);
}

if (process.argv[1]?.endsWith('abuse-attacker.ts')) void main();
