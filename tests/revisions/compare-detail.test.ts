import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

interface Block {
  id: string;
  kind: string;
  status: string;
  fromText: string | null;
  toText: string | null;
  ops: unknown[];
  textOmitted?: true;
}
interface Body {
  comparison: { summary: unknown; sections: unknown[]; blocks: Block[] };
}
interface CacheStats {
  entries: number;
  bytes: number;
  budgetBytes: number;
  hits: number;
  misses: number;
}

const get = async <T>(path: string): Promise<T> => {
  const result = await requestJson(server.baseUrl, 'GET', path, { token: admin });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return result.body as T;
};
const freeze = async (documentId: string, name: string): Promise<string> =>
  ((await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name } })).body as { id: string }).id;

test('detail=changes leaves out only the text of unchanged non-heading blocks; revisions are read once and then served from the cache', async () => {
  const documentId = await server.createDocument(admin, 'Chiến lược', 'nts-2030-2045');
  const first = await freeze(documentId, 'Dự thảo lần 1');
  const client = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(client);
  const paragraph = client.fragment.toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'paragraph') as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, 'Bổ sung ');
  const before = (await get<CacheStats>('/api/compare-cache')).misses;
  const reader = connectClient(server.wsUrl, documentId, admin);
  await waitFor(() => contentOf(reader).includes('Bổ sung'), 'the edit was stored and passed on');
  reader.destroy();
  const second = await freeze(documentId, 'Dự thảo lần 2');
  client.destroy();

  const query = `/api/documents/${documentId}/compare?from=${first}&to=${second}`;
  const full = await get<Body>(query);
  const changes = await get<Body>(`${query}&detail=changes`);
  assert.deepEqual(changes.comparison.summary, full.comparison.summary);
  assert.deepEqual(changes.comparison.sections, full.comparison.sections);
  assert.equal(changes.comparison.blocks.length, full.comparison.blocks.length);
  let omitted = 0;
  let omittedChars = 0;
  for (const [index, block] of changes.comparison.blocks.entries()) {
    const whole = full.comparison.blocks[index];
    assert.ok(whole !== undefined && whole.id === block.id && whole.status === block.status);
    if (block.status === 'unchanged' && block.kind !== 'heading') {
      omitted += 1;
      omittedChars += whole.toText?.length ?? 0;
      assert.deepEqual([block.fromText, block.toText, block.ops, block.textOmitted], [null, null, [], true]);
    } else {
      assert.deepEqual(block, whole, `${block.kind} ${block.status} kept whole`);
    }
  }
  assert.ok(omitted > 10, `${omitted} unchanged paragraphs left out`);
  assert.equal(full.comparison.blocks.filter((block) => block.status === 'modified').length, 1);
  assert.ok(JSON.stringify(changes).length < JSON.stringify(full).length - 2 * omittedChars, 'each left-out text was there three times (from, to, ops)');

  const stats = await get<CacheStats>('/api/compare-cache');
  assert.equal(stats.misses - before, 2, 'each revision decoded once');
  assert.ok(stats.hits >= 2, `the second comparison came from the cache: ${JSON.stringify(stats)}`);
  assert.ok(stats.entries >= 2 && stats.bytes > 0 && stats.bytes <= stats.budgetBytes);

  const current = `/api/documents/${documentId}/compare?from=${first}&to=current`;
  await get<Body>(current);
  const hitsBefore = (await get<CacheStats>('/api/compare-cache')).hits;
  await get<Body>(current);
  assert.equal((await get<CacheStats>('/api/compare-cache')).hits - hitsBefore, 2, 'the unchanged live draft is served from the cache too');
});

test('the cache figures are the secretariat\'s', async () => {
  const editorId = await server.createUser(admin, { username: 'cache.editor', password: 'mat-khau-du-dai', displayName: 'Biên tập', role: 'editor' });
  assert.ok(editorId);
  const editor = await server.login('cache.editor', 'mat-khau-du-dai');
  assert.equal((await requestJson(server.baseUrl, 'GET', '/api/compare-cache', { token: editor })).status, 403);
});
