import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { covers, createDocument, login, ProcessCluster, stateVectorOf, storedContent } from '../helpers/cluster.ts';
import { createTestSchema, sharedModeSkip, TEST_REDIS_URL, type TestSchema } from '../helpers/postgres.ts';
import type { ServerProcess } from '../helpers/process.ts';
import { prng } from '../helpers/prng.ts';
import { randomEdit } from '../helpers/random-edits.ts';
import { MOVED_ORDER, moveI2Down, order, p2Text, seed, staleP2 } from '../helpers/move-scenario.ts';
import { awarenessFrame, openRawSocket } from '../helpers/raw-socket.ts';
import { requestJson } from '../helpers/server.ts';

/** Moves a client to another process: a new, unmodified WebsocketProvider on the same Y.Doc. */
function reconnectTo(client: TestClient, wsUrl: string, documentId: string, token: string): TestClient {
  client.provider.destroy();
  const provider = new WebsocketProvider(wsUrl, documentId, client.doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { ...client, provider, destroy: () => (provider.destroy(), client.doc.destroy()) };
}

/** The `user.id` a client sees in the awareness state of `clientId`, if any. */
function awarenessUserOf(client: TestClient, clientId: number): string | undefined {
  const state = client.provider.awareness.getStates().get(clientId) as { user?: { id?: string } } | undefined;
  return state?.user?.id;
}

describe('live documents across three server processes', { skip: await sharedModeSkip() }, () => {
  let schema: TestSchema;
  let cluster: ProcessCluster;
  let servers: ServerProcess[] = [];
  let admin: string;
  let adminId: string;
  let editorId: string;
  /** The documents of the tests, created before the second and third process start. */
  const documents = { convergence: '', guard: '', move: '', crash: '' };
  /** What the convergence test left: its clients (open on all three processes) and the content they agreed on. */
  const convergenceRun = { clients: [] as TestClient[], xml: '' };
  const clients: TestClient[] = [];
  const track = (client: TestClient): TestClient => {
    clients.push(client);
    return client;
  };
  const serverAt = (index: number): ServerProcess => {
    const server = servers[index];
    assert.ok(server);
    return server;
  };

  before(async () => {
    schema = await createTestSchema();
    // Started once for the whole file (starting processes is slow); a short resync interval so
    // the periodic healing runs during the tests too.
    cluster = new ProcessCluster({ DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, UNLOAD_DELAY_MS: '1000', COLLAB_RESYNC_INTERVAL_MS: '2000' });
    // The documents and accounts are made on the first process before the others start and
    // read the records: carrying record changes between running processes is another part of
    // the shared mode (the records channel), not this file's subject.
    servers = await cluster.start(1);
    admin = await login(serverAt(0));
    const me = await requestJson(serverAt(0).baseUrl, 'GET', '/api/auth/me', { token: admin });
    adminId = (me.body as { user: { id: string } }).user.id;
    documents.convergence = await createDocument(serverAt(0), admin, 'Hội tụ giữa các tiến trình');
    documents.guard = await createDocument(serverAt(0), admin, 'Bảo vệ con trỏ');
    documents.move = await createDocument(serverAt(0), admin, 'Di chuyển giữa các tiến trình');
    documents.crash = await createDocument(serverAt(0), admin, 'Tiến trình bị dừng');
    const created = await requestJson(serverAt(0).baseUrl, 'POST', '/api/users', {
      token: admin,
      body: { username: 'bientap', password: 'pw-bientap-long', displayName: 'Biên tập viên', role: 'editor' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    editorId = (created.body as { id: string }).id;
    const access = await requestJson(serverAt(0).baseUrl, 'PUT', `/api/documents/${documents.guard}/access`, { token: admin, body: { members: [editorId], organizations: [] } });
    assert.equal(access.status, 200, JSON.stringify(access.body));
    servers = [...servers, ...(await cluster.start(2))];
  });

  after(async () => {
    for (const client of clients) client.destroy();
    await cluster.killAll();
    await schema.drop();
  });

  test('six clients on three processes converge after 300 random concurrent edits each; every process holds the same state', async () => {
    const documentId = documents.convergence;
    const editors = [0, 0, 1, 1, 2, 2].map((index) => track(connectClient(serverAt(index).wsUrl, documentId, admin)));
    convergenceRun.clients.push(...editors);
    await Promise.all(editors.map((client) => waitSynced(client, 30_000)));
    const random = prng(15_2026);
    for (let round = 0; round < 300; round++) {
      // Every client edits before any of them hears from the others: truly concurrent changes.
      for (const client of editors) randomEdit(client, random);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 8)));
    }
    await waitFor(() => new Set(editors.map(contentOf)).size === 1, 'the six clients converge', 60_000);
    await waitFor(() => new Set(editors.map((client) => JSON.stringify(stateVectorOf(client)))).size === 1, 'the six state vectors agree', 30_000);
    const converged = contentOf(editors[0] as TestClient);
    const stateVector = stateVectorOf(editors[0] as TestClient);
    assert.ok(converged.length > 200, 'the edits produced content');

    // A fresh observer per process reads that process's copy.
    for (const server of servers) {
      const observer = track(connectClient(server.wsUrl, documentId, admin));
      convergenceRun.clients.push(observer);
      await waitSynced(observer, 30_000);
      assert.equal(contentOf(observer), converged, `${server.baseUrl} holds the converged content`);
      assert.deepEqual(stateVectorOf(observer), stateVector);
    }
    // Every edit was stored once by the process that received it.
    assert.deepEqual(await storedContent(schema.pool, documentId), { xml: converged, stateVector });

    // A cursor set on process A is seen, stamped with its owner, by a client of process C.
    const [onA] = editors;
    const onC = editors[5];
    assert.ok(onA && onC);
    onA.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 7 });
    await waitFor(() => {
      const state = onC.provider.awareness.getStates().get(onA.doc.clientID) as { cursor?: { head: number } } | undefined;
      return state?.cursor?.head === 7;
    }, 'the cursor set on A reaches C', 15_000);
    assert.equal(awarenessUserOf(onC, onA.doc.clientID), adminId);
    // Closing A's client removes its cursor on C too.
    onA.provider.disconnect();
    await waitFor(() => !onC.provider.awareness.getStates().has(onA.doc.clientID), "A's cursor vanishes on C once it leaves", 15_000);
    convergenceRun.xml = converged;
  });

  test('three processes unloading the same document at once (each compacts it) leave one snapshot with the whole content', async (t) => {
    if (convergenceRun.xml === '') return t.skip('the convergence test did not finish');
    const documentId = documents.convergence;
    // Every client leaves at once: each process unloads the document 1 s later and compacts it.
    for (const client of convergenceRun.clients) client.destroy();
    const rowsOf = async (): Promise<{ snapshots: number; updates: number }> => {
      const counts = await schema.pool.query<{ snapshots: string; updates: string }>(
        `SELECT (SELECT count(*) FROM document_snapshots WHERE document_id = $1) AS snapshots,
                (SELECT count(*) FROM document_updates WHERE document_id = $1) AS updates`,
        [documentId],
      );
      const row = counts.rows[0];
      return { snapshots: Number(row?.snapshots), updates: Number(row?.updates) };
    };
    const deadline = Date.now() + 30_000;
    while ((await rowsOf()).updates > 0) {
      assert.ok(Date.now() < deadline, 'the log was not compacted');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(await rowsOf(), { snapshots: 1, updates: 0 });
    assert.equal((await storedContent(schema.pool, documentId)).xml, convergenceRun.xml);
    // And a process loading it again serves that content.
    const reader = track(connectClient(serverAt(1).wsUrl, documentId, admin));
    await waitSynced(reader, 30_000);
    assert.equal(contentOf(reader), convergenceRun.xml);
  });

  test("a user on one process cannot take over the awareness client id of another user's connection on another process", async () => {
    const documentId = documents.guard;
    const editor = await login(serverAt(1), 'bientap', 'pw-bientap-long');

    const victim = track(connectClient(serverAt(0).wsUrl, documentId, admin));
    const watcher = track(connectClient(serverAt(2).wsUrl, documentId, admin));
    await Promise.all([waitSynced(victim, 30_000), waitSynced(watcher, 30_000)]);
    victim.provider.awareness.setLocalStateField('user', { name: 'Thư ký', color: '#00aa00' });
    await waitFor(() => awarenessUserOf(watcher, victim.doc.clientID) === adminId, 'the victim is visible on the third process', 15_000);

    const raw = await openRawSocket(serverAt(1).wsUrl, documentId, editor);
    try {
      raw.send(awarenessFrame(victim.doc.clientID, 10_000, { user: { name: 'giả mạo' }, cursor: null }));
      raw.send(awarenessFrame(victim.doc.clientID, 10_001, null));
      // The impostor's own state, sent after the forged ones on the same socket, marks the point
      // by which the forged ones would have arrived (one process publishes in order).
      const own = 987_654_321;
      raw.send(awarenessFrame(own, 1, { cursor: null }));
      await waitFor(() => awarenessUserOf(watcher, own) === editorId, "the impostor's own state reaches the third process", 15_000);
      assert.equal(awarenessUserOf(watcher, victim.doc.clientID), adminId, "the victim's state is untouched");
      const state = watcher.provider.awareness.getStates().get(victim.doc.clientID) as { user: { name: string } };
      assert.equal(state.user.name, 'Quản trị viên');
    } finally {
      raw.socket.close();
    }
  });

  test('text typed on one process into a block another process moved, by a client that had not seen the move, lands in the moved copy', async () => {
    const documentId = documents.move;
    const mover = track(connectClient(serverAt(0).wsUrl, documentId, admin));
    const typist = track(connectClient(serverAt(1).wsUrl, documentId, admin));
    const watcher = track(connectClient(serverAt(1).wsUrl, documentId, admin));
    await Promise.all([mover, typist, watcher].map((client) => waitSynced(client, 30_000)));
    seed(mover);
    await waitFor(() => p2Text(typist.fragment) === 'Nội dung mục hai', 'the typist has the outline', 15_000);
    typist.provider.disconnect();
    moveI2Down(mover);
    // The typist's process has the move (from the other process) before the stale typing arrives.
    await waitFor(() => order(watcher.fragment).join() === MOVED_ORDER.join(), 'the move reached the second process', 15_000);
    staleP2(typist).insert(8, ' mới', { strong: {} });
    staleP2(typist).insert(0, '«');
    typist.provider.connect();
    const expected = '«Nội dung mới mục hai';
    for (const [name, client] of [['the mover', mover], ['the typist', typist], ['the watcher', watcher]] as const) {
      await waitFor(() => p2Text(client.fragment) === expected && order(client.fragment).join() === MOVED_ORDER.join(), `${name} shows the typing in the moved paragraph`, 15_000);
    }
    await waitFor(() => mover.fragment.toString() === typist.fragment.toString(), 'the mover and the typist converge', 15_000);
    // Replayed once, by the typist's process only.
    const whole = mover.fragment.toString();
    assert.equal(whole.split('mục hai').length - 1, 1, whole);
    const fresh = track(connectClient(serverAt(0).wsUrl, documentId, admin));
    await waitSynced(fresh, 30_000);
    assert.equal(fresh.fragment.toString(), whole);
  });

  test('kill -9 of a process during editing: its clients move to the others, no acknowledged edit is lost, all converge, its cursors time out', async () => {
    const documentId = documents.crash;
    const crashed = serverAt(2);
    let movers = [track(connectClient(crashed.wsUrl, documentId, admin)), track(connectClient(crashed.wsUrl, documentId, admin))];
    const stayers = [track(connectClient(serverAt(0).wsUrl, documentId, admin)), track(connectClient(serverAt(1).wsUrl, documentId, admin))];
    // A client of the crashed process that never comes back: its cursor must vanish everywhere.
    const lost = track(connectClient(crashed.wsUrl, documentId, admin));
    await Promise.all([...movers, ...stayers, lost].map((client) => waitSynced(client, 30_000)));
    lost.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await waitFor(() => stayers.every((client) => client.provider.awareness.getStates().has(lost.doc.clientID)), 'the lost client is visible on the other processes', 15_000);

    const random = prng(9_2026);
    const editRound = async (): Promise<void> => {
      for (const client of [...movers, ...stayers]) randomEdit(client, random);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 8)));
    };
    for (let round = 0; round < 80; round++) await editRound();
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    lost.provider.disconnect();
    // Whatever the stayers saw was acknowledged: the crashed process stored it before passing it on.
    const seen = stayers.map(stateVectorOf);
    // The movers keep editing offline for a moment, then reconnect elsewhere.
    for (let round = 0; round < 20; round++) await editRound();
    movers = movers.map((client, index) => reconnectTo(client, serverAt(index).wsUrl, documentId, admin));
    clients.push(...movers);
    await Promise.all(movers.map((client) => waitSynced(client, 30_000)));
    for (let round = 0; round < 80; round++) await editRound();

    const everyone = [...movers, ...stayers];
    await waitFor(() => new Set(everyone.map(contentOf)).size === 1, 'all clients converge after the crash', 60_000);
    const converged = contentOf(everyone[0] as TestClient);
    const observer = track(connectClient(serverAt(0).wsUrl, documentId, admin));
    await waitSynced(observer, 30_000);
    await waitFor(() => contentOf(observer) === converged, 'a fresh observer gets the converged content', 30_000);
    for (const vector of seen) assert.ok(covers(stateVectorOf(observer), vector), 'every edit seen before the crash is kept');
    const stored = await storedContent(schema.pool, documentId);
    for (const vector of seen) assert.ok(covers(stored.stateVector, vector), 'every edit seen before the crash is stored');

    // The crashed process's cursors are not renewed any more: each process times them out (30 s).
    for (let attempt = 0; ; attempt++) {
      const fresh = connectClient(serverAt(1).wsUrl, documentId, admin);
      try {
        // The server sends the awareness states it holds before its sync answer.
        await waitSynced(fresh, 30_000);
        if (!fresh.provider.awareness.getStates().has(lost.doc.clientID)) break;
      } finally {
        fresh.destroy();
      }
      assert.ok(attempt < 25, "the crashed process's cursor did not time out");
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  });
});
