import { test, after } from 'node:test';
import { rmSync } from 'node:fs';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../../document-model/fragment.ts';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { MOVED_ORDER, moveI2Down, order, p2Text, seed, staleP2 } from '../helpers/move-scenario.ts';

/**
 * Issue 10, point 3, with two real y-websocket clients and a controlled interleaving: A moves
 * section I.2 (heading + paragraph `p2`) below I.3 as the editor does (one Yjs move), while B,
 * who has not seen the move, types into or deletes from `p2`. B (or A) is held offline so that
 * the order in which the two changes reach the server is fixed. Every typed character must end
 * up in the moved paragraph exactly once, on both clients, on the server, for a client joining
 * later and after a restart of the server.
 */

const servers = new Set<TestServer>();
const restartedDirs: string[] = [];
after(async () => {
  for (const server of servers) await server.close();
  for (const dir of restartedDirs) rmSync(dir, { recursive: true, force: true });
});

async function setUp(title: string): Promise<{ server: TestServer; token: string; documentId: string; a: TestClient; b: TestClient; serverFragment: () => Promise<Y.XmlFragment> }> {
  const server = await startTestServer();
  servers.add(server);
  const token = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(token, title);
  const a = connectClient(server.wsUrl, documentId, token);
  const b = connectClient(server.wsUrl, documentId, token);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  seed(a);
  await waitFor(() => p2Text(b.fragment) === 'Nội dung mục hai', 'B has the outline');
  const serverFragment = async (): Promise<Y.XmlFragment> => {
    const shared = await server.app.collab.peek(documentId);
    assert.ok(shared, 'document loaded');
    return shared.doc.getXmlFragment(CONTENT_FRAGMENT);
  };
  return { server, token, documentId, a, b, serverFragment };
}

/** Waits until A, B and the server all show `expected` in the moved p2, then checks a newcomer and a restarted server. */
async function assertEverywhere(world: Awaited<ReturnType<typeof setUp>>, expected: string): Promise<void> {
  const { a, b, server, documentId } = world;
  const serverFragment = await world.serverFragment();
  for (const [name, fragment] of [['A', a.fragment], ['B', b.fragment], ['the server', serverFragment]] as const) {
    await waitFor(() => p2Text(fragment) === expected && order(fragment).join() === MOVED_ORDER.join(), `${name} shows "${expected}" in the moved paragraph`);
  }
  await waitFor(() => a.fragment.toString() === b.fragment.toString(), 'A and B converge');
  assert.equal(serverFragment.toString(), a.fragment.toString());
  // Typed text exists once: nowhere else in the document.
  const whole = a.fragment.toString();
  assert.equal(whole.split('mục hai').length - 1, 1, whole);

  const newcomer = connectClient(server.wsUrl, documentId, world.token);
  await waitSynced(newcomer);
  assert.equal(newcomer.fragment.toString(), whole);
  newcomer.destroy();
  a.destroy();
  b.destroy();

  await server.close({ keepData: true });
  servers.delete(server);
  restartedDirs.push(server.dataDir);
  const restarted = await startTestServer({ dataDir: server.dataDir });
  servers.add(restarted);
  const token = await restarted.login('admin', restarted.adminPassword);
  const late = connectClient(restarted.wsUrl, documentId, token);
  await waitSynced(late);
  assert.equal(late.fragment.toString(), whole, 'the same after a restart');
  late.destroy();
}

test('B types into I.2 while offline; A moves I.2 below I.3 first; B reconnects: the typing is in the moved paragraph', { timeout: 60_000 }, async () => {
  const world = await setUp('Di chuyển rồi gõ');
  const { a, b } = world;
  b.provider.disconnect();
  moveI2Down(a);
  const serverFragment = await world.serverFragment();
  await waitFor(() => order(serverFragment).join() === MOVED_ORDER.join(), 'the server has the move');
  staleP2(b).insert(8, ' mới', { strong: {} });
  staleP2(b).insert(0, '«');
  b.provider.connect();
  await assertEverywhere(world, '«Nội dung mới mục hai');
});

test('B types into I.2 first; A, offline, moves it without having seen the typing; A reconnects: the typing is carried over', { timeout: 60_000 }, async () => {
  const world = await setUp('Gõ rồi di chuyển');
  const { a, b } = world;
  a.provider.disconnect();
  staleP2(b).insert(16, ' (sửa)');
  const serverFragment = await world.serverFragment();
  await waitFor(() => p2Text(serverFragment) === 'Nội dung mục hai (sửa)', 'the server has the typing');
  moveI2Down(a);
  a.provider.connect();
  await assertEverywhere(world, 'Nội dung mục hai (sửa)');
});

test('a deletion made concurrently with the move is carried over, in both orders', { timeout: 60_000 }, async () => {
  {
    const world = await setUp('Xóa rồi di chuyển');
    world.b.provider.disconnect();
    moveI2Down(world.a);
    const serverFragment = await world.serverFragment();
    await waitFor(() => order(serverFragment).join() === MOVED_ORDER.join(), 'the server has the move');
    staleP2(world.b).delete(0, 9);
    world.b.provider.connect();
    await assertEverywhere(world, 'mục hai');
  }
  {
    const world = await setUp('Di chuyển khi đã xóa');
    world.a.provider.disconnect();
    staleP2(world.b).delete(0, 9);
    const serverFragment = await world.serverFragment();
    await waitFor(() => p2Text(serverFragment) === 'mục hai', 'the server has the deletion');
    moveI2Down(world.a);
    world.a.provider.connect();
    await assertEverywhere(world, 'mục hai');
  }
});
