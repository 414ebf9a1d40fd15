import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { backupDataDir } from '../../server/storage/backup/backup.ts';
import { restoreBackup } from '../../server/storage/backup/restore.ts';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';

/** Appends a paragraph with `text` to the client's content. */
function appendParagraph(fragment: Y.XmlFragment, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

/** The texts of the paragraphs of a fragment, in order. */
function paragraphs(fragment: Y.XmlFragment): string[] {
  return fragment
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph')
    .map((node) => node.toString().replace(/<[^>]+>/g, ''))
    .filter((text) => text.startsWith('edit-'));
}

test('a backup taken during live editing and commenting restores every acknowledged edit and record', async () => {
  const server = await startTestServer();
  const token = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(token, 'Đề cương sao lưu');
  const writer = connectClient(server.wsUrl, documentId, token);
  const reader = connectClient(server.wsUrl, documentId, token);
  await Promise.all([waitSynced(writer), waitSynced(reader)]);

  let running = true;
  const answered: string[] = [];
  const editing = (async () => {
    for (let i = 0; running; i++) {
      appendParagraph(writer.fragment, `edit-${i}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const commenting = (async () => {
    for (let i = 0; running; i++) {
      const result = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
        token,
        body: { body: `Góp ý ${i}`, sectionBlockId: 'sec-1' },
      });
      assert.equal(result.status, 201);
      answered.push((result.body as { id: string }).id);
    }
  })();

  await waitFor(() => paragraphs(reader.fragment).length >= 40 && answered.length >= 10, 'some edits and comments before the backup');
  // Acknowledged before the backup starts: edits another client has seen, comments answered 201.
  const seenEdits = paragraphs(reader.fragment);
  const answeredBefore = [...answered];
  const destination = join(tempDataDir(), 'backup');
  const manifest = await backupDataDir(server.dataDir, destination);
  assert.ok(manifest.files.some((file) => file.path === 'records.json'));
  await waitFor(() => paragraphs(reader.fragment).length >= seenEdits.length + 20, 'editing continued after the backup');
  running = false;
  await Promise.all([editing, commenting]);
  writer.destroy();
  reader.destroy();
  await server.close();

  const restoredDir = join(tempDataDir(), 'restored');
  await restoreBackup(destination, restoredDir);
  const restored = await startTestServer({ dataDir: restoredDir });
  const again = await restored.login('admin', restored.adminPassword);
  const client = connectClient(restored.wsUrl, documentId, again);
  await waitSynced(client);
  const restoredEdits = paragraphs(client.fragment);
  assert.deepEqual(restoredEdits.slice(0, seenEdits.length), seenEdits, 'every edit seen before the backup is there, in order');
  client.destroy();
  const threads = (await requestJson(restored.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: again })).body as { threads: Array<{ id: string }> };
  const restoredIds = new Set(threads.threads.map((thread) => thread.id));
  for (const id of answeredBefore) assert.ok(restoredIds.has(id), `thread ${id} answered 201 before the backup is restored`);
  await restored.close();
});

test('restore refuses a damaged backup and a non-empty data folder, naming what is wrong', async () => {
  const server = await startTestServer();
  const token = await server.login('admin', server.adminPassword);
  await server.createDocument(token, 'Một');
  const destination = join(tempDataDir(), 'backup');
  await backupDataDir(server.dataDir, destination);
  await server.close();

  const occupied = tempDataDir();
  writeFileSync(join(occupied, 'records.json'), '{}');
  await assert.rejects(restoreBackup(destination, occupied), /is not empty/);

  const recordsCopy = join(destination, 'records.json');
  writeFileSync(recordsCopy, readFileSync(recordsCopy, 'utf8').replace('admin', 'admon'));
  const target = join(tempDataDir(), 'new');
  mkdirSync(target);
  await assert.rejects(restoreBackup(destination, target), /records\.json does not match the manifest/);
});
