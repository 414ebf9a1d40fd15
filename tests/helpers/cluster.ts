import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import type pg from 'pg';
import { spawnServer, type ServerProcess } from './process.ts';
import { requestJson, TEST_ADMIN_PASSWORD, tempDataDir } from './server.ts';
import type { TestClient } from './clients.ts';

/** Server processes started by one test file on one schema, all killed by `killAll`. */
export class ProcessCluster {
  readonly processes: ServerProcess[] = [];
  private readonly dataDirs: string[] = [];

  constructor(private readonly env: Record<string, string>) {}

  /** Starts `count` processes at once (each gets its own data directory, unused in the shared mode). */
  async start(count: number): Promise<ServerProcess[]> {
    const started = await Promise.all(
      Array.from({ length: count }, () => {
        const dataDir = tempDataDir();
        this.dataDirs.push(dataDir);
        // Generous: several processes compiling TypeScript at once on a busy machine start slowly.
        return spawnServer(dataDir, this.env, 150_000);
      }),
    );
    this.processes.push(...started);
    return started;
  }

  /** SIGKILLs every process still running, waits for them and removes their data directories. */
  async killAll(): Promise<void> {
    for (const server of this.processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await Promise.all(this.processes.map((server) => server.exited));
    for (const dir of this.dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs `username` in on `server` and returns the session token. */
export async function login(server: ServerProcess, username = 'admin', password = TEST_ADMIN_PASSWORD): Promise<string> {
  const answer = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body as { token: string }).token;
}

/** Creates an empty document through `server`; returns its id. */
export async function createDocument(server: ServerProcess, token: string, title: string): Promise<string> {
  const answer = await requestJson(server.baseUrl, 'POST', '/api/documents', { token, body: { title } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return (answer.body as { id: string }).id;
}

/** A client's state vector as a plain object, for comparing replicas in assertions. */
export function stateVectorOf(client: TestClient): Record<string, number> {
  return Object.fromEntries([...Y.decodeStateVector(Y.encodeStateVector(client.doc))].sort(([a], [b]) => a - b));
}

/** True when `seen` (a state vector) holds nothing beyond `held`: every edit counted in `seen` is in `held`. */
export function covers(held: Record<string, number>, seen: Record<string, number>): boolean {
  return Object.entries(seen).every(([client, clock]) => (held[client] ?? 0) >= clock);
}

/** The content stored in PostgreSQL for a document (snapshot and log merged), as the XML of its fragment. */
export async function storedContent(pool: pg.Pool, documentId: string): Promise<{ xml: string; stateVector: Record<string, number> }> {
  const rows = await pool.query<{ data: Buffer }>(
    `SELECT data FROM (SELECT 0 AS part, 0::bigint AS seq, data FROM document_snapshots WHERE document_id = $1
       UNION ALL SELECT 1, seq, data FROM document_updates WHERE document_id = $1) stored ORDER BY part, seq`,
    [documentId],
  );
  const doc = new Y.Doc();
  try {
    for (const row of rows.rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    return {
      xml: doc.getXmlFragment('prosemirror').toString(),
      stateVector: Object.fromEntries([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b)),
    };
  } finally {
    doc.destroy();
  }
}
