import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { openPostgresStore, type PostgresStore } from '../../../server/storage/postgres/postgres-store.ts';
import { createTestSchema, sharedModeSkip, type TestSchema } from '../../helpers/postgres.ts';
import { prng } from '../../helpers/prng.ts';

const silent = { warn() {}, info() {} };

describe('two processes on one database', { skip: await sharedModeSkip() }, () => {
  let schema: TestSchema;
  let first: PostgresStore;
  let second: PostgresStore;

  before(async () => {
    schema = await createTestSchema();
    [first, second] = await Promise.all([openPostgresStore(schema.url, silent), openPostgresStore(schema.url, silent)]);
  });

  after(async () => {
    await Promise.all([first.close(), second.close()]);
    await schema.drop();
  });

  test('concurrent compactions leave one snapshot holding every update', async () => {
    const random = prng(15);
    // Two editors whose updates reach the database through different processes.
    const docs = [new Y.Doc(), new Y.Doc()];
    const stores = [first, second];
    const appends: Array<Promise<void>> = [];
    docs.forEach((doc, index) => {
      doc.clientID = index + 1;
      doc.on('update', (update: Uint8Array) => appends.push((stores[index] as PostgresStore).content.append('doc1', update)));
    });
    for (let round = 0; round < 200; round++) {
      const doc = docs[round % 2] as Y.Doc;
      const text = doc.getText('t');
      text.insert(Math.floor(random() * (text.length + 1)), `${round} câu `);
    }
    await Promise.all(appends);
    // Each process compacts with only its own editor's state: the merge must still keep the other's.
    await Promise.all([first.content.compact('doc1', Y.encodeStateAsUpdate(docs[0] as Y.Doc)), second.content.compact('doc1', Y.encodeStateAsUpdate(docs[1] as Y.Doc))]);
    const snapshots = await schema.pool.query<{ count: string }>("SELECT count(*) AS count FROM document_snapshots WHERE document_id = 'doc1'");
    const log = await schema.pool.query<{ count: string }>("SELECT count(*) AS count FROM document_updates WHERE document_id = 'doc1'");
    assert.equal(snapshots.rows[0]?.count, '1');
    assert.equal(log.rows[0]?.count, '0', 'every logged update was merged');
    const expected = new Y.Doc();
    for (const doc of docs) Y.applyUpdate(expected, Y.encodeStateAsUpdate(doc));
    for (const store of stores) {
      const loaded = new Y.Doc();
      const stored = await store.content.load('doc1');
      assert.equal(stored.updates.length, 1, 'only the snapshot is left');
      for (const update of stored.updates) Y.applyUpdate(loaded, update);
      assert.equal(loaded.getText('t').toString(), expected.getText('t').toString());
      assert.deepEqual(Y.encodeStateVector(loaded), Y.encodeStateVector(expected));
    }
  });

  test('record writes racing from two processes are both kept (the loser re-reads and retries)', async () => {
    const writes: Array<Promise<void>> = [];
    for (let index = 0; index < 20; index++) {
      const store = index % 2 === 0 ? first : second;
      writes.push(
        store.records.write((data) => {
          data.organizations.push({ id: `org${index}`, name: `Tổ chức ${index}`, shortName: `TC${index}`, kind: 'other' });
        }),
      );
    }
    await Promise.all(writes);
    await first.records.refresh();
    await second.records.refresh();
    const ids = (store: PostgresStore): string[] => store.records.read((data) => data.organizations.map((org) => org.id).sort());
    assert.equal(ids(first).length, 20);
    assert.deepEqual(ids(first), ids(second));
    assert.equal(first.records.currentVersion, second.records.currentVersion);
  });
});
