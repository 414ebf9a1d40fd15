/**
 * Heap per open document in the reference server: documents are opened through
 * `@y/websocket-server/utils` `getYDoc` (with LevelDB persistence when `YPERSISTENCE` is set).
 * Run: `node --expose-gc --import tsx tests/bench/heap-reference.ts`.
 */
import * as Y from 'yjs';
import { getYDoc } from '@y/websocket-server/utils';
import { measureHeapPerDocument } from './heap-common.ts';

await measureHeapPerDocument(async (name, update) => {
  const doc = getYDoc(name);
  await doc.whenInitialized;
  Y.applyUpdate(doc, update, 'bench');
  return doc;
});
process.exit(0);
