import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { FileContentStore, type RevisionFallback } from '../../server/storage/file-content-store.ts';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';

const silent = { warn() {} };

/** A store holding `doc1` after two compactions and more edits in the log; returns the expected text. */
async function storedDocument(dir: string): Promise<{ text: string; revisionState: Uint8Array }> {
  const store = new FileContentStore(dir, silent);
  const doc = new Y.Doc();
  const text = doc.getText('t');
  doc.on('update', (update: Uint8Array) => void store.append('doc1', update));
  text.insert(0, 'Phần I. ');
  await store.compact('doc1', Y.encodeStateAsUpdate(doc));
  text.insert(text.length, 'Quan điểm. ');
  const revisionState = Y.encodeStateAsUpdate(doc);
  await store.compact('doc1', Y.encodeStateAsUpdate(doc));
  text.insert(text.length, 'Mục tiêu.');
  await store.release('doc1');
  return { text: text.toString(), revisionState };
}

async function textOf(store: FileContentStore): Promise<string> {
  const doc = new Y.Doc();
  for (const update of (await store.load('doc1')).updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

test('a deleted snapshot is rebuilt from the previous snapshot, the previous log and the log', async () => {
  const dir = tempDataDir();
  const { text } = await storedDocument(dir);
  rmSync(join(dir, 'doc1.snapshot'));
  const warnings: string[] = [];
  const store = new FileContentStore(dir, { warn: (_d, message) => warnings.push(message) });
  assert.equal(await textOf(store), text);
  assert.ok(warnings.some((message) => /doc1\.snapshot is missing; the document was recovered/.test(message)), warnings.join('\n'));
  await store.closeAll();
});

test('a damaged snapshot is rebuilt the same way and set aside, not deleted', async () => {
  const dir = tempDataDir();
  const { text } = await storedDocument(dir);
  const path = join(dir, 'doc1.snapshot');
  const data = readFileSync(path);
  data[data.length - 2] = (data[data.length - 2] ?? 0) ^ 0xff;
  writeFileSync(path, data);
  const store = new FileContentStore(dir, silent);
  assert.equal(await textOf(store), text);
  assert.ok(readdirSync(dir).some((name) => name.startsWith('doc1.snapshot.damaged-')));
  await store.closeAll();
});

test('without the previous generation, the newest revision plus the log is used', async () => {
  const dir = tempDataDir();
  const { text, revisionState } = await storedDocument(dir);
  for (const name of ['doc1.snapshot', 'doc1.snapshot.prev', 'doc1.log.prev']) rmSync(join(dir, name));
  const revisions: RevisionFallback = { newest: async () => ({ revisionId: 'r1', state: revisionState }) };
  const warnings: string[] = [];
  const store = new FileContentStore(dir, { warn: (_d, message) => warnings.push(message) }, { revisions });
  assert.equal(await textOf(store), text);
  assert.ok(warnings.some((message) => /revision r1 plus the update log/.test(message)));
  await store.closeAll();
});

test('when nothing recovers it the document is refused with ERR_DOCUMENT_DAMAGED and the files stay as they are', async () => {
  const dir = tempDataDir();
  await storedDocument(dir);
  rmSync(join(dir, 'doc1.snapshot.prev'));
  writeFileSync(join(dir, 'doc1.log.prev'), 'garbage');
  writeFileSync(join(dir, 'doc1.snapshot'), 'also garbage');
  const before = readdirSync(dir).sort();
  const store = new FileContentStore(dir, silent);
  await assert.rejects(store.load('doc1'), (error: { code?: string; statusCode?: number; message: string }) => {
    assert.equal(error.code, 'ERR_DOCUMENT_DAMAGED');
    assert.equal(error.statusCode, 503);
    assert.match(error.message, /documents\/doc1\.snapshot is damaged/);
    return true;
  });
  assert.deepEqual(readdirSync(dir).sort(), before);
  assert.equal(readFileSync(join(dir, 'doc1.snapshot'), 'utf8'), 'also garbage');
  await store.closeAll();
});

test('over HTTP: a deleted snapshot opens the document with its content; an unrecoverable one answers 503 naming the file', async () => {
  const dataDir = tempDataDir();
  const server = await startTestServer({ dataDir });
  const token = await server.login('admin', server.adminPassword);
  const outline = await server.createDocument(token, 'Có mẫu', 'nts-2030-2045');
  const other = await server.createDocument(token, 'Hỏng', 'nts-2030-2045');
  await server.close({ keepData: true });
  const documents = join(dataDir, 'documents');
  rmSync(join(documents, `${outline}.snapshot`));
  writeFileSync(join(documents, `${other}.snapshot`), 'damaged');
  rmSync(join(documents, `${other}.log.prev`), { force: true });
  rmSync(join(documents, `${other}.snapshot.prev`), { force: true });

  const restarted = await startTestServer({ dataDir });
  const again = await restarted.login('admin', restarted.adminPassword);
  const threads = await requestJson(restarted.baseUrl, 'GET', `/api/documents/${outline}/threads`, { token: again });
  assert.equal(threads.status, 200);
  const compare = await requestJson(restarted.baseUrl, 'GET', `/api/documents/${outline}/compare?from=current&to=current`, { token: again });
  assert.equal(compare.status, 200);
  const blocks = (compare.body as { comparison: { blocks: unknown[] } }).comparison.blocks;
  assert.ok(blocks.length > 3, 'the template content is back, not an empty document');

  const damaged = await requestJson(restarted.baseUrl, 'GET', `/api/documents/${other}/threads`, { token: again });
  assert.equal(damaged.status, 503);
  const error = (damaged.body as { error: { code: string; message: string } }).error;
  assert.equal(error.code, 'ERR_DOCUMENT_DAMAGED');
  assert.match(error.message, new RegExp(`documents/${other}\\.snapshot`));
  assert.equal(readFileSync(join(documents, `${other}.snapshot`), 'utf8'), 'damaged', 'never overwritten');
  assert.ok(existsSync(join(documents, `${outline}.snapshot`)), 'the recovered document was compacted into a new snapshot');
  await restarted.close();
});
