import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { FileEditStore } from '../../server/storage/file-edit-store.ts';
import { StorageHealth } from '../../server/storage/health.ts';
import { nodeIo } from '../../server/storage/io.ts';
import { EditIndex } from '../../server/revisions/edit-index.ts';
import { editedIds } from '../../server/revisions/edit-attribution.ts';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';
import { unzip } from '../helpers/zip.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('the edit log keeps records across a reopen, cuts a torn tail, and the index finds who inserted and deleted an id', async () => {
  const dir = tempDataDir();
  const options = { io: nodeIo, health: new StorageHealth(dir, nodeIo), logger: { warn() {} } };
  const store = new FileEditStore(join(dir, 'edits'), options);
  await store.append('d1', [{ userId: 'lan', at: 1000, inserted: [[7, 0, 20]], deleted: [] }]);
  await store.append('d1', [{ userId: 'hoa', at: 5000, inserted: [[9, 0, 3]], deleted: [[7, 5, 4]] }]);
  await store.append('d2', [{ userId: 'minh', at: 10, inserted: [[7, 0, 1]], deleted: [] }]);
  await store.close();
  // A crash in the middle of a write leaves half a frame.
  appendFileSync(join(dir, 'edits', 'd1.log'), Buffer.from([40, 0, 0, 0, 1, 2]));

  const reopened = new FileEditStore(join(dir, 'edits'), options);
  const records = await reopened.forDocument('d1');
  assert.deepEqual(records.map((record) => record.userId), ['lan', 'hoa']);
  assert.deepEqual(await reopened.forDocument('never-edited'), []);
  await reopened.append('d1', [{ userId: 'lan', at: 9000, inserted: [[7, 20, 5]], deleted: [] }]);
  assert.deepEqual((await reopened.forDocument('d1')).map((record) => record.at), [1000, 5000, 9000], 'the torn tail was cut before appending');
  await reopened.close();

  const index = new EditIndex(await new FileEditStore(join(dir, 'edits'), options).forDocument('d1'));
  assert.deepEqual(index.insertion(7, 4), { stamp: { userId: 'lan', at: 1000 }, end: 20 });
  assert.deepEqual(index.insertion(7, 22), { stamp: { userId: 'lan', at: 9000 }, end: 25 });
  assert.deepEqual(index.insertion(7, 30), { next: Infinity });
  assert.deepEqual(index.deletion(7, 6), { stamp: { userId: 'hoa', at: 5000 }, end: 9 });
  assert.deepEqual(index.deletion(7, 2), { next: 5 }, 'an unknown id tells where the next record starts');
  assert.ok(statSync(join(dir, 'edits', 'd2.log')).size > 0);
});

test('an update event names only the deletions new to the document, even when a client resends its whole delete set', () => {
  const writer = new Y.Doc();
  const text = writer.getText('t');
  text.insert(0, 'abcdef');
  text.delete(1, 2);
  const server = new Y.Doc();
  const seen: Array<ReturnType<typeof editedIds>> = [];
  server.on('update', (update: Uint8Array) => seen.push(editedIds(update)));
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
  assert.deepEqual(seen[0], { inserted: [[writer.clientID, 0, 6]], deleted: [[writer.clientID, 1, 2]] });
  // A reconnect resends everything: nothing is new, so nothing is recorded.
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
  assert.equal(seen.length, 1);
  text.delete(0, 1);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
  assert.deepEqual(seen[1], { inserted: [], deleted: [[writer.clientID, 0, 1]] });
});

test('the tracked-changes Word file credits each insertion and deletion to its author at the time of the edit, under a name with diacritics', async () => {
  const server = await startTestServer();
  try {
    const admin = await server.login('admin', server.adminPassword);
    const documentId = await server.createDocument(admin, 'Luật Đất đai');
    const lanId = await server.createUser(admin, { username: 'lan', password: 'mat-khau-lan', displayName: 'Trần Thị Lan', role: 'editor' });
    const hoaId = await server.createUser(admin, { username: 'hoa', password: 'mat-khau-hoa', displayName: 'Lê Văn Hòa', role: 'editor' });
    await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [lanId, hoaId], organizations: [] } });
    const freeze = async (name: string): Promise<{ id: string; createdAt: string }> => {
      const result = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name, note: '' } });
      assert.equal(result.status, 201);
      return result.body as { id: string; createdAt: string };
    };
    const empty = await freeze('Bản trống');
    const lan = connectClient(server.wsUrl, documentId, await server.login('lan', 'mat-khau-lan'));
    const hoa = connectClient(server.wsUrl, documentId, await server.login('hoa', 'mat-khau-hoa'));
    await Promise.all([waitSynced(lan), waitSynced(hoa)]);

    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('id', 'p-1');
    paragraph.insert(0, [new Y.XmlText('Đất đai thuộc sở hữu toàn dân do Nhà nước đại diện')]);
    lan.fragment.insert(lan.fragment.length, [paragraph]);
    await waitFor(() => contentOf(hoa) === contentOf(lan) && hoa.fragment.length > 0, 'Hòa sees Lan’s paragraph');
    const first = await freeze('Dự thảo lần 1');
    await sleep(2100);
    const deletedAt = Date.now();
    const shared = hoa.fragment.get(hoa.fragment.length - 1);
    assert.ok(shared instanceof Y.XmlElement);
    const sharedText = shared.get(0);
    assert.ok(sharedText instanceof Y.XmlText);
    sharedText.delete('Đất đai thuộc sở hữu toàn dân'.length, ' do Nhà nước đại diện'.length);
    await waitFor(() => contentOf(lan) === contentOf(hoa), 'Lan sees Hòa’s deletion');
    await sleep(2100);
    const second = await freeze('Dự thảo lần 2');

    const download = async (from: string, to: string): Promise<{ disposition: string; xml: string }> => {
      const response = await fetch(`${server.baseUrl}/api/documents/${documentId}/compare.docx?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${admin}` } });
      assert.equal(response.status, 200);
      const xml = unzip(Buffer.from(await response.arrayBuffer())).get('word/document.xml')?.toString('utf8') ?? '';
      return { disposition: response.headers.get('content-disposition') ?? '', xml };
    };
    const changes = (xml: string, tag: 'w:ins' | 'w:del'): Array<{ author: string; date: number; text: string }> =>
      [...xml.matchAll(new RegExp(`<${tag} [^>]*w:author="([^"]*)" w:date="([^"]*)"[^>]*>(.*?)</${tag}>`, 'gu'))].map((match) => ({
        author: match[1] ?? '',
        date: Date.parse(match[2] ?? ''),
        text: [...(match[3] ?? '').matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</gu)].map((part) => part[1]).join(''),
      }));

    const added = await download(empty.id, first.id);
    assert.match(added.disposition, /filename\*=UTF-8''Lu%E1%BA%ADt%20%C4%90%E1%BA%A5t%20%C4%91ai%20-%20so%20s%C3%A1nh\.docx/u, 'the UTF-8 name keeps its diacritics');
    assert.match(added.disposition, /filename="Luat Dat dai - so sanh\.docx"/u, 'with an ASCII fallback');
    const insertion = changes(added.xml, 'w:ins').find((change) => change.text.includes('Đất đai thuộc sở hữu'));
    assert.ok(insertion, added.xml.slice(0, 2000));
    assert.equal(insertion.author, 'Trần Thị Lan');
    assert.ok(insertion.date <= Date.parse(first.createdAt) && insertion.date >= Date.parse(first.createdAt) - 5000, 'inserted when Lan typed');

    const { xml } = await download(first.id, second.id);
    const deletion = changes(xml, 'w:del').find((change) => change.text.includes('do Nhà nước'));
    assert.ok(deletion, xml.slice(0, 3000));
    assert.equal(deletion.author, 'Lê Văn Hòa', 'the deletion is Hòa’s, not "Draftroom"');
    assert.ok(Math.abs(deletion.date - deletedAt) < 1500, `deleted at ${new Date(deletedAt).toISOString()}, dated ${new Date(deletion.date).toISOString()}`);
    assert.ok(Date.parse(second.createdAt) - deletion.date > 1000, 'not the time of the revision or the export');
    lan.destroy();
    hoa.destroy();
  } finally {
    await server.close();
  }
});
