import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { ContentTouch } from '../../server/documents/content-touch.ts';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * The documents list's "Cập nhật" follows content edits and restores, without a records write
 * per keystroke: unit tests of the throttle on a hand-driven clock, then the real server.
 */

test('the first edit is written at once, a burst at most once per interval, and its last edit in the end', async () => {
  let clock = 1_000;
  const written: Array<[string, number]> = [];
  const touch = new ContentTouch(
    async (id, at) => {
      written.push([id, at.getTime()]);
    },
    (error) => assert.fail(String(error)),
    60_000,
    () => clock,
  );
  touch.note('a');
  clock += 10;
  touch.note('a');
  clock += 10;
  touch.note('a');
  touch.note('b');
  assert.deepEqual(written, [
    ['a', 1_000],
    ['b', 1_020],
  ]);
  await touch.flush();
  assert.deepEqual(written.slice(2), [['a', 1_020]], 'the last edit of the burst is written on flush');
  clock += 60_000;
  touch.note('a');
  assert.deepEqual(written.at(-1), ['a', 61_020], 'a later edit is written at once again');
});

test('the trailing write comes by itself after the interval', async () => {
  const written: number[] = [];
  let clock = 0;
  const touch = new ContentTouch(async (_id, at) => void written.push(at.getTime()), (error) => assert.fail(String(error)), 30, () => clock);
  touch.note('a');
  clock = 5;
  touch.note('a');
  await waitFor(() => written.length === 2, 'trailing write', 5_000);
  assert.deepEqual(written, [0, 5]);
});

let server: TestServer;
let token: string;

before(async () => {
  // A short interval, so the restore right after the edit is written too.
  server = await startTestServer({ contentTouchIntervalMs: 50 });
  token = await server.login('admin', server.adminPassword);
});
after(() => server.close());

async function updatedAt(id: string): Promise<string> {
  const result = await requestJson(server.baseUrl, 'GET', `/api/documents/${id}`, { token });
  return (result.body as { updatedAt: string }).updatedAt;
}

/** Waits until the document's `updatedAt` is later than `than`, and returns it. */
async function updatedAfter(id: string, than: string): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const now = await updatedAt(id);
    if (now > than) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`updatedAt stayed ${than}`);
}

test('typing and restoring move the document\'s "updated" time forward', async () => {
  const id = await server.createDocument(token, 'Đề cương cập nhật');
  const created = await updatedAt(id);
  const revision = await requestJson(server.baseUrl, 'POST', `/api/documents/${id}/revisions`, { token, body: { name: 'Dự thảo lần 1' } });
  assert.equal(revision.status, 201);
  const frozen = await updatedAt(id);
  const client = connectClient(server.wsUrl, id, token);
  let edited: string;
  try {
    await waitSynced(client);
    client.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Nội dung mới')]);
      client.fragment.insert(client.fragment.length, [paragraph]);
    });
    edited = await updatedAfter(id, frozen);
    assert.ok(edited > created);
  } finally {
    client.destroy();
  }
  await new Promise((r) => setTimeout(r, 100));
  const restored = await requestJson(server.baseUrl, 'POST', `/api/documents/${id}/revisions/${(revision.body as { id: string }).id}/restore`, { token });
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  await updatedAfter(id, edited);
});
