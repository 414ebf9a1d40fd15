/**
 * `npx tsx tests/bench/shared-mode.ts [--quick]`: the shared mode's storage against the
 * embedded store, each in a fresh server process (`server/main.ts`).
 *
 * - Edit delivery: one editor makes small edits one at a time; the time from the edit until
 *   a second client on the same document applied it (the server commits each update to its
 *   store before passing it on, so this is the append latency as a user sees it).
 * - Comment intake: concurrent HTTP clients post comments on one document; comments per second
 *   and the latency of each POST.
 *
 * PostgreSQL runs in a throwaway schema of `TEST_DATABASE_URL` (default the machine's), dropped
 * at the end. Prints a Markdown table.
 */
import { createTestSchema, TEST_REDIS_URL, type TestSchema } from '../helpers/postgres.ts';
import { closePeer, connectPeer, sleep, waitFor, waitSynced } from './peers.ts';
import { installCleanup, startDraftroom, type BenchServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

const quick = process.argv.includes('--quick');
const EDITS = quick ? 60 : 400;
const WARMUP = 20;
const COMMENTS = quick ? 300 : 3000;
const COMMENT_CLIENTS = 16;

interface ModeResult {
  label: string;
  delivery: Summary;
  updateBytes: number;
  intake: { perSecond: number; latency: Summary; responseBytes: number };
}

/** Edit → peer applied, `EDITS` times, one edit in flight at a time. */
async function measureDelivery(server: BenchServer): Promise<{ latency: Summary; updateBytes: number }> {
  const room = await server.createDocument('Độ trễ');
  const writer = connectPeer(server, room);
  const reader = connectPeer(server, room);
  try {
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    const text = writer.doc.getText('bench');
    const seen = reader.doc.getText('bench');
    const samples: number[] = [];
    let bytes = 0;
    writer.doc.on('update', (update: Uint8Array) => (bytes += update.byteLength));
    for (let index = 0; index < EDITS + WARMUP; index++) {
      const marker = `|${index}`;
      const started = performance.now();
      text.insert(text.length, marker);
      await waitFor(reader, () => seen.length === text.length, 10_000, `edit ${index}`);
      if (index >= WARMUP) samples.push(performance.now() - started);
      await sleep(5);
    }
    return { latency: summarize(samples), updateBytes: Math.round(bytes / (EDITS + WARMUP)) };
  } finally {
    closePeer(writer);
    closePeer(reader);
  }
}

/** `COMMENTS` comments from `COMMENT_CLIENTS` concurrent clients on one document. */
async function measureIntake(server: BenchServer): Promise<ModeResult['intake']> {
  const room = await server.createDocument('Góp ý công khai');
  const url = `${server.baseUrl}/api/documents/${room}/threads`;
  const latencies: number[] = [];
  let responseBytes = 0;
  let next = 0;
  const post = async (index: number): Promise<void> => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token ?? ''}` },
      body: JSON.stringify({ body: `Góp ý số ${index}: đề nghị làm rõ nội dung này.`, sectionBlockId: 'sec-1' }),
    });
    const body = await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`comment ${index}: ${response.status} ${Buffer.from(body).toString()}`);
    latencies.push(performance.now() - started);
    responseBytes = body.byteLength;
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: COMMENT_CLIENTS }, async () => {
      while (next < COMMENTS) await post(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: COMMENTS / seconds, latency: summarize(latencies), responseBytes };
}

async function measure(label: string, env: Record<string, string>): Promise<ModeResult> {
  const server = await startDraftroom(label, undefined, env);
  try {
    const delivery = await measureDelivery(server);
    const intake = await measureIntake(server);
    return { label, delivery: delivery.latency, updateBytes: delivery.updateBytes, intake };
  } finally {
    await server.stop();
  }
}

const ms = (value: number): string => value.toFixed(1);

async function main(): Promise<void> {
  installCleanup();
  let schema: TestSchema | null = null;
  try {
    schema = await createTestSchema();
    const embedded = await measure('embedded (files)', {});
    const shared = await measure('shared (PostgreSQL)', { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL });
    const rows = [embedded, shared];
    const lines = [
      `Shared-mode storage bench (${quick ? 'quick' : 'full'}): ${EDITS} edits, ${COMMENTS} comments from ${COMMENT_CLIENTS} clients, fresh server process per mode`,
      '',
      '| store | edit → peer p50 (ms) | p99 (ms) | update size (B) | comments/s | comment POST p50 (ms) | p99 (ms) | response (B) |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map((row) => `| ${row.label} | ${ms(row.delivery.p50)} | ${ms(row.delivery.p99)} | ${row.updateBytes} | ${row.intake.perSecond.toFixed(0)} | ${ms(row.intake.latency.p50)} | ${ms(row.intake.latency.p99)} | ${row.intake.responseBytes} |`),
      `| ratio PostgreSQL / embedded | ${(shared.delivery.p50 / embedded.delivery.p50).toFixed(2)}× | ${(shared.delivery.p99 / embedded.delivery.p99).toFixed(2)}× | | ${(shared.intake.perSecond / embedded.intake.perSecond).toFixed(2)}× | ${(shared.intake.latency.p50 / embedded.intake.latency.p50).toFixed(2)}× | ${(shared.intake.latency.p99 / embedded.intake.latency.p99).toFixed(2)}× | |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await schema?.drop();
  }
}

await main();
