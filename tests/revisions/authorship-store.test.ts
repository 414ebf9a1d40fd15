import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { TableClientAuthorStore } from '../../server/storage/table-client-author-store.ts';
import { StorageHealth } from '../../server/storage/health.ts';
import { nodeIo } from '../../server/storage/io.ts';
import { tempDataDir } from '../helpers/server.ts';

test('client-id authorship keeps the first owner, stores each id once, and prunes ids no state holds', async () => {
  const dir = tempDataDir();
  const path = join(dir, 'client-authors.table');
  const options = { io: nodeIo, health: new StorageHealth(dir, nodeIo), logger: { warn() {} } };
  const store = await TableClientAuthorStore.open(path, options);
  await store.add([
    { documentId: 'd1', clientId: 1, userId: 'lan' },
    { documentId: 'd1', clientId: 2, userId: 'minh' },
    { documentId: 'd2', clientId: 1, userId: 'hoa' },
  ]);
  await store.add([{ documentId: 'd1', clientId: 1, userId: 'someone-else' }]);
  await store.prune('d1', new Set([1]));
  await store.close();
  const reopened = await TableClientAuthorStore.open(path, options);
  assert.deepEqual([...(await reopened.forDocument('d1'))], [[1, 'lan']]);
  assert.deepEqual([...(await reopened.forDocument('d2'))], [[1, 'hoa']]);
  await reopened.close();
});
