import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppendTable, type TableOptions } from '../../server/storage/append-table.ts';
import { StorageHealth } from '../../server/storage/health.ts';
import { tempDataDir } from '../helpers/server.ts';
import { faultyIo, type FaultyIo } from '../helpers/faulty-io.ts';

interface Row {
  id: string;
  n: number;
}

const parse = (value: unknown): Row | null =>
  typeof value === 'object' && value !== null && typeof (value as Row).id === 'string' ? (value as Row) : null;

function options(dir: string, io: FaultyIo, warnings: string[] = []): TableOptions<Row> {
  return { io, health: new StorageHealth(dir, io), logger: { warn: (_details, message) => warnings.push(message) }, parse };
}

test('rows round-trip through the file; the last value of a key wins and null deletes it', async () => {
  const dir = tempDataDir();
  const path = join(dir, 't.table');
  const io = faultyIo();
  const table = await AppendTable.open<Row>(path, options(dir, io));
  await table.write([['a', { id: 'a', n: 1 }], ['b', { id: 'b', n: 1 }]]);
  await table.write([['a', { id: 'a', n: 2 }]]);
  await table.write([['b', null]]);
  await table.write([['c', { id: 'c', n: 1 }]]);
  await table.close();
  const reopened = await AppendTable.open<Row>(path, options(dir, io));
  assert.deepEqual([...reopened.values()], [{ id: 'a', n: 2 }, { id: 'c', n: 1 }]);
  await reopened.close();
});

test('concurrent writes share fdatasyncs (group commit) and all are durable', async () => {
  const dir = tempDataDir();
  const path = join(dir, 't.table');
  const io = faultyIo();
  const table = await AppendTable.open<Row>(path, options(dir, io));
  await Promise.all(Array.from({ length: 50 }, (_, i) => table.write([[`k${i}`, { id: `k${i}`, n: i }]])));
  assert.ok(io.syncs < 50, `50 concurrent writes took ${io.syncs} fdatasyncs`);
  await table.close();
  const reopened = await AppendTable.open<Row>(path, options(dir, io));
  assert.equal(reopened.size, 50);
  await reopened.close();
});

test('a refused write rejects with ERR_STORAGE_UNAVAILABLE, changes neither memory nor file, and the next write works', async () => {
  const dir = tempDataDir();
  const path = join(dir, 't.table');
  const io = faultyIo();
  const opts = options(dir, io);
  const table = await AppendTable.open<Row>(path, opts);
  await table.write([['a', { id: 'a', n: 1 }]]);
  const sizeBefore = statSync(path).size;
  io.failing = true;
  await assert.rejects(table.write([['a', { id: 'a', n: 2 }], ['b', { id: 'b', n: 1 }]]), (error: { code?: string; statusCode?: number }) => {
    assert.equal(error.code, 'ERR_STORAGE_UNAVAILABLE');
    assert.equal(error.statusCode, 503);
    return true;
  });
  assert.deepEqual(table.get('a'), { id: 'a', n: 1 });
  assert.equal(table.get('b'), undefined);
  assert.equal(statSync(path).size, sizeBefore, 'the half-written batch was cut');
  assert.match(opts.health.reason ?? '', /ENOSPC/);
  io.failing = false;
  await table.write([['b', { id: 'b', n: 5 }]]);
  assert.equal(opts.health.reason, null, 'a successful write clears the failure');
  await table.close();
  const reopened = await AppendTable.open<Row>(path, opts);
  assert.deepEqual([...reopened.values()], [{ id: 'a', n: 1 }, { id: 'b', n: 5 }]);
  await reopened.close();
});

test('a damaged record in the middle loses only itself; a torn tail is cut and kept aside', async () => {
  const dir = tempDataDir();
  const path = join(dir, 't.table');
  const io = faultyIo();
  const table = await AppendTable.open<Row>(path, options(dir, io));
  for (let i = 0; i < 10; i++) await table.write([[`k${i}`, { id: `k${i}`, n: i }]]);
  await table.close();
  const data = readFileSync(path);
  const frame = data.length / 10;
  data[4 * frame + 12] = (data[4 * frame + 12] ?? 0) ^ 0xff; // inside the payload of record 4
  writeFileSync(path, Buffer.concat([data, Buffer.from([9, 0, 0, 0, 1, 2])]));
  const warnings: string[] = [];
  const reopened = await AppendTable.open<Row>(path, options(dir, io, warnings));
  assert.deepEqual([...reopened.keys()], ['k0', 'k1', 'k2', 'k3', 'k5', 'k6', 'k7', 'k8', 'k9']);
  assert.equal(warnings.length, 1);
  assert.equal(statSync(path).size, data.length, 'the torn tail was cut');
  assert.ok(readdirSync(dir).some((name) => name.startsWith('t.table.damaged-')), 'a copy of the damaged file is kept');
  await reopened.write([['k10', { id: 'k10', n: 10 }]]);
  await reopened.close();
  const again = await AppendTable.open<Row>(path, options(dir, io));
  assert.equal(again.get('k10')?.n, 10);
  assert.equal(again.size, 10);
  await again.close();
});

test('compaction rewrites only live rows, drops expired ones, and keeps later writes', async () => {
  const dir = tempDataDir();
  const path = join(dir, 't.table');
  const io = faultyIo();
  const table = await AppendTable.open<Row>(path, { ...options(dir, io), expired: (row) => row.n < 0 });
  for (let round = 0; round < 30; round++) {
    await table.write(Array.from({ length: 50 }, (_, i) => [`k${i}`, { id: `k${i}`, n: round }] as const));
  }
  await table.write([['old', { id: 'old', n: -1 }]]);
  const bigSize = statSync(path).size;
  await table.compact();
  assert.ok(statSync(path).size < bigSize / 10, 'dead versions are gone');
  assert.equal(table.get('old'), undefined, 'expired rows are dropped');
  await table.write([['after', { id: 'after', n: 1 }]]);
  await table.close();
  const reopened = await AppendTable.open<Row>(path, options(dir, io));
  assert.equal(reopened.size, 51);
  assert.equal(reopened.get('k7')?.n, 29);
  assert.equal(reopened.get('after')?.n, 1);
  await reopened.close();
});
