/**
 * Heap per open document in Draftroom: documents are opened through the collaboration core's
 * `DocumentRegistry` over the embedded store (per-document update logs in `DATA_DIR`), with no
 * unload during the measurement. Updates are applied with a server origin, so each one goes
 * through the store's append path like a client edit.
 * Run: `node --expose-gc --import tsx tests/bench/heap-draftroom.ts`.
 */
import * as Y from 'yjs';
import { DocumentRegistry } from '../../server/collab/document-registry.ts';
import type { CollabLogger } from '../../server/collab/logger.ts';
import type { TransactionOrigin } from '../../server/collab/origins.ts';
import { openEmbeddedStore } from '../../server/storage/embedded-store.ts';
import { measureHeapPerDocument } from './heap-common.ts';

/** Reports only problems, on stderr (stdout carries the JSON result). */
const logger: CollabLogger = {
  info: () => undefined,
  warn: (details, message) => process.stderr.write(`warn: ${message} ${JSON.stringify(details)}\n`),
  error: (details, message) => process.stderr.write(`error: ${message} ${JSON.stringify(details)}\n`),
};

const dataDir = process.env.DATA_DIR;
if (dataDir === undefined || dataDir === '') throw new Error('DATA_DIR must be set');
const store = await openEmbeddedStore(dataDir, logger, { fsyncIntervalMs: 250 });
const registry = new DocumentRegistry({ content: store.content, logger, unloadDelayMs: 3_600_000 });
const origin: TransactionOrigin = { source: 'server', reason: 'bench' };

await measureHeapPerDocument(async (name, update) => {
  const shared = await registry.open(name);
  Y.applyUpdate(shared.doc, update, origin);
  await shared.whenStored();
  return shared;
});
await registry.close();
await store.close();
process.exit(0);
