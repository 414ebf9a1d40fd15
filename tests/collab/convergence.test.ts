import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { prng } from '../helpers/prng.ts';
import { randomEdit } from '../helpers/random-edits.ts';

let server: TestServer;
let token: string;

before(async () => {
  server = await startTestServer();
  token = await server.login('admin', server.adminPassword);
});
after(() => server.close());

/** Runs `rounds` rounds in which every client makes a few edits at once, then checks convergence. */
async function convergeWith(clientCount: number, rounds: number, seed: number): Promise<void> {
  const documentId = await server.createDocument(token, `Hội tụ ${clientCount}`);
  const clients = Array.from({ length: clientCount }, () => connectClient(server.wsUrl, documentId, token));
  try {
    await Promise.all(clients.map((client) => waitSynced(client)));
    const random = prng(seed);
    for (let round = 0; round < rounds; round++) {
      // Every client edits before any of them hears from the others: truly concurrent changes.
      for (const client of clients) {
        const edits = 1 + Math.floor(random() * 3);
        for (let i = 0; i < edits; i++) randomEdit(client, random);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 15)));
    }
    await waitFor(() => new Set(clients.map(contentOf)).size === 1, `${clientCount} clients converge (seed ${seed})`, 20_000);
    const converged = contentOf(clients[0] as TestClient);
    assert.ok(converged.length > 0, 'the edits produced content');

    // A newcomer, and the server's own copy, hold the same content.
    const newcomer = connectClient(server.wsUrl, documentId, token);
    await waitSynced(newcomer);
    assert.equal(contentOf(newcomer), converged);
    newcomer.destroy();
    const shared = await server.app.collab.peek(documentId);
    assert.ok(shared, 'document loaded on the server');
    assert.equal(shared.doc.getXmlFragment('prosemirror').toString(), converged);
  } finally {
    for (const client of clients) client.destroy();
  }
}

test('two real WebsocketProvider clients converge after random concurrent inserts and deletes', async () => {
  await convergeWith(2, 60, 20261123);
});

test('ten real WebsocketProvider clients converge after random concurrent inserts and deletes', async () => {
  await convergeWith(10, 40, 42);
});
