import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { FileContentStore } from '../../server/storage/file-content-store.ts';
import { tempDataDir } from '../helpers/server.ts';

const silent = { warn() {} };

/** Replays stored content into a fresh doc and returns its text. */
async function textOf(store: FileContentStore, id: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of (await store.load(id)).updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

test('snapshot plus log replay gives the full content; compaction empties the log', async () => {
  const dir = tempDataDir();
  const store = new FileContentStore(dir, silent);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => void store.append('doc1', update));
  doc.getText('t').insert(0, 'Phần mở đầu. ');
  await store.compact('doc1', Y.encodeStateAsUpdate(doc));
  doc.getText('t').insert(doc.getText('t').length, 'Quan điểm chỉ đạo.');
  await store.release('doc1');

  const reader = new FileContentStore(dir, silent);
  assert.equal(await textOf(reader, 'doc1'), 'Phần mở đầu. Quan điểm chỉ đạo.');
  const stored = await reader.load('doc1');
  assert.equal(stored.updates.length, 2, 'one snapshot and one logged update');
  await reader.closeAll();
});

test('ids that are not plain names are refused before touching the disk', async () => {
  const dir = tempDataDir();
  const store = new FileContentStore(join(dir, 'documents'), silent);
  for (const bad of ['../escape', 'a/b', '', 'x'.repeat(65), 'dot.dot']) {
    await assert.rejects(store.load(bad), /Invalid document id/);
  }
  assert.deepEqual(readdirSync(join(dir, 'documents')), []);
  assert.equal(existsSync(join(dir, 'escape.log')), false);
});
