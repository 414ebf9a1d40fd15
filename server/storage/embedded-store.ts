import { join } from 'node:path';
import type { Store } from './store.ts';
import { FileContentStore, type StoreLogger } from './file-content-store.ts';
import { LowdbRecordStore } from './lowdb-record-store.ts';
import { JsonlAuditStore } from './jsonl-audit-store.ts';
import { FileRevisionStore } from './file-revision-store.ts';

/**
 * The default store: records in `<dataDir>/records.json`, document content in
 * `<dataDir>/documents/`, revisions in `<dataDir>/revisions/`, the audit trail in `<dataDir>/audit.jsonl`. Needs no external server.
 */
export async function openEmbeddedStore(dataDir: string, logger: StoreLogger, fsyncIntervalMs: number): Promise<Store> {
  const records = await LowdbRecordStore.open(join(dataDir, 'records.json'));
  const content = new FileContentStore(join(dataDir, 'documents'), logger);
  const audit = new JsonlAuditStore(join(dataDir, 'audit.jsonl'));
  const revisions = new FileRevisionStore(join(dataDir, 'revisions'));
  // Every append is a completed write(2) before it is passed on, so it survives a crash of the
  // process; this periodic fdatasync bounds what a power failure can take (0 leaves it to the OS).
  const timer =
    fsyncIntervalMs > 0
      ? setInterval(() => {
          content.sync().catch((error: unknown) => logger.warn({ err: error }, 'fdatasync of update logs failed'));
        }, fsyncIntervalMs)
      : null;
  timer?.unref();
  return {
    records,
    content,
    audit,
    revisions,
    async close() {
      if (timer) clearInterval(timer);
      await records.flush();
      await content.closeAll();
    },
  };
}
