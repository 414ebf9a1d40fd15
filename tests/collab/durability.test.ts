import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { requestJson, tempDataDir, TEST_ADMIN_PASSWORD } from '../helpers/server.ts';

/** Signs in as admin on a server process and creates a document. */
async function adminWithDocument(server: ServerProcess, title: string): Promise<{ token: string; documentId: string }> {
  const login = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
  const token = (login.body as { token: string }).token;
  const created = await requestJson(server.baseUrl, 'POST', '/api/documents', { token, body: { title } });
  return { token, documentId: (created.body as { id: string }).id };
}

/** Reads a document's content as a fresh client sees it. */
async function readBack(server: ServerProcess, documentId: string, token: string): Promise<string> {
  const reader = connectClient(server.wsUrl, documentId, token);
  try {
    await waitSynced(reader);
    return contentOf(reader);
  } finally {
    reader.destroy();
  }
}

/** Appends a paragraph with `text` to the client's content. */
function addParagraph(fragment: Y.XmlFragment, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

test('after SIGTERM and a new start the content is identical', async () => {
  const dataDir = tempDataDir();
  const first = await spawnServer(dataDir);
  const { token, documentId } = await adminWithDocument(first, 'Dự thảo lần 1');
  const writer = connectClient(first.wsUrl, documentId, token);
  const watcher = connectClient(first.wsUrl, documentId, token);
  await Promise.all([waitSynced(writer), waitSynced(watcher)]);
  for (let i = 0; i < 300; i++) addParagraph(writer.fragment, `Đoạn ${i}: phòng ngừa, ứng phó các mối đe dọa an ninh phi truyền thống.`);
  const expected = contentOf(writer);
  await waitFor(() => contentOf(watcher) === expected, 'watcher received every edit');
  writer.destroy();
  watcher.destroy();

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, `graceful exit:\n${first.output()}`);

  const second = await spawnServer(dataDir);
  try {
    assert.equal(await readBack(second, documentId, token), expected);
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});

test('an edit one client received from another survives kill -9 of the server and a restart', async () => {
  const dataDir = tempDataDir();
  const first = await spawnServer(dataDir);
  const { token, documentId } = await adminWithDocument(first, 'Dự thảo lần 2');
  const writer = connectClient(first.wsUrl, documentId, token);
  const receiver = connectClient(first.wsUrl, documentId, token);
  await Promise.all([waitSynced(writer), waitSynced(receiver)]);

  // Kill the server the very moment the receiver has seen the 150th edit, while the writer keeps going.
  let seenAtKill: string | null = null;
  receiver.doc.on('update', () => {
    if (seenAtKill === null && receiver.fragment.length >= 150) {
      seenAtKill = contentOf(receiver);
      first.child.kill('SIGKILL');
    }
  });
  for (let i = 0; i < 400 && seenAtKill === null; i++) {
    addParagraph(writer.fragment, `Mục ${i}: tiếp thu ý kiến của các bộ, ngành.`);
    if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await waitFor(() => seenAtKill !== null, 'receiver saw 150 edits', 20_000);
  assert.equal(await first.exited, 'SIGKILL');
  // Nothing may come back from the clients: they are gone before the restart.
  writer.destroy();
  receiver.destroy();

  const second = await spawnServer(dataDir);
  try {
    const restored = await readBack(second, documentId, token);
    assert.ok(seenAtKill !== null);
    const seen: string = seenAtKill;
    // Everything the receiver had seen is stored: the restored content starts with it
    // (the writer may have got a few more edits stored before the kill landed).
    const seenParagraphs = seen.split('</paragraph>').length - 1;
    const restoredParagraphs = restored.split('</paragraph>').length - 1;
    assert.ok(restoredParagraphs >= seenParagraphs, `restored ${restoredParagraphs} paragraphs, receiver had seen ${seenParagraphs}`);
    assert.ok(restored.startsWith(seen), 'restored content holds, in order, everything the receiver had seen');
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});
