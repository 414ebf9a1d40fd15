import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { StorageStartError } from '../../server/storage/storage-errors.ts';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';
import { spawnServer } from '../helpers/process.ts';

/** Runs a server once on a new folder, adds an account and a document, and leaves the folder as a used server does. */
async function makeUsedDataDir(): Promise<{ dataDir: string; documentId: string }> {
  const dataDir = tempDataDir();
  const server = await startTestServer({ dataDir });
  const token = await server.login('admin', server.adminPassword);
  await server.createUser(token, { username: 'lan', password: 'mat-khau-dai', displayName: 'Lan', role: 'editor' });
  const documentId = await server.createDocument(token, 'Chiến lược');
  await server.close({ keepData: true });
  return { dataDir, documentId };
}

// One used folder is made for the file and each test damages its own copy: starting a server
// and hashing passwords for every test cost more than the rest of the file together.
let original: Promise<{ dataDir: string; documentId: string }> | undefined;
after(async () => {
  if (original) rmSync((await original).dataDir, { recursive: true, force: true });
});

/** A fresh copy of a data folder with an extra account and a document, as a used server leaves it. */
async function usedDataDir(): Promise<{ dataDir: string; documentId: string }> {
  original ??= makeUsedDataDir();
  const { dataDir: source, documentId } = await original;
  const dataDir = tempDataDir();
  cpSync(source, dataDir, { recursive: true });
  return { dataDir, documentId };
}

/** Tries to build the app on `dataDir`; returns the refusal, or null after checking the data is whole. */
async function startOn(dataDir: string, documentId: string): Promise<StorageStartError | null> {
  try {
    const server = await startTestServer({ dataDir });
    const token = await server.login('lan', 'mat-khau-dai');
    const document = await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}`, { token });
    assert.equal(document.status, 403, 'the document record is back (lan is not a member, so 403 rather than 404)');
    await server.close({ keepData: true });
    return null;
  } catch (error) {
    if (error instanceof StorageStartError) return error;
    throw error;
  }
}

const damages: Array<[string, (path: string) => void]> = [
  ['missing', (path) => rmSync(path)],
  ['empty', (path) => writeFileSync(path, '')],
  ['{}', (path) => writeFileSync(path, '{}')],
  ['null', (path) => writeFileSync(path, 'null')],
  ['truncated', (path) => writeFileSync(path, readFileSync(path).subarray(0, 40))],
];

for (const [name, damage] of damages) {
  test(`records.json ${name}: recovered from records.json.bak with every account and document`, async () => {
    const { dataDir, documentId } = await usedDataDir();
    damage(join(dataDir, 'records.json'));
    assert.equal(await startOn(dataDir, documentId), null);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test(`records.json ${name} and no usable copy: the start is refused, naming the file, and nothing is overwritten`, async () => {
    const { dataDir, documentId } = await usedDataDir();
    const path = join(dataDir, 'records.json');
    damage(path);
    writeFileSync(`${path}.bak`, '{"users": [');
    const before = existsSync(path) ? readFileSync(path) : null;
    const refusal = await startOn(dataDir, documentId);
    assert.ok(refusal instanceof StorageStartError, 'the start is refused');
    assert.match(refusal.message, /records\.json/);
    assert.match(refusal.message, /npm run restore/);
    assert.deepEqual(existsSync(path) ? readFileSync(path) : null, before, 'records.json is left as it was');
    rmSync(dataDir, { recursive: true, force: true });
  });
}

test('a brand-new empty data folder still starts and creates admin', async () => {
  const server = await startTestServer();
  assert.ok(await server.login('admin', server.adminPassword));
  await server.close();
});

test('the server process exits non-zero with a message naming the file and what to do', async () => {
  const { dataDir } = await usedDataDir();
  writeFileSync(join(dataDir, 'records.json'), '{"users": [{"id"');
  rmSync(join(dataDir, 'records.json.bak'));
  await assert.rejects(spawnServer(dataDir), (error: Error) => {
    assert.match(error.message, /records\.json is not valid JSON/);
    assert.match(error.message, /npm run restore/);
    return true;
  });
  rmSync(dataDir, { recursive: true, force: true });
});
