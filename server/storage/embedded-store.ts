import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from './store.ts';
import { FileContentStore, type StoreLogger } from './file-content-store.ts';
import { LowdbRecordStore } from './lowdb-record-store.ts';
import { JsonlAuditStore } from './jsonl-audit-store.ts';
import { FileRevisionStore } from './file-revision-store.ts';
import { StorageHealth } from './health.ts';
import { nodeIo, type StorageIo } from './io.ts';
import { TableCommentStore } from './table-comment-store.ts';
import { TableSessionStore } from './table-session-store.ts';
import { TableClientAuthorStore } from './table-client-author-store.ts';
import { TableNotificationStore } from './table-notification-store.ts';
import { FileEditStore } from './file-edit-store.ts';
import { migrateLegacyCollections } from './migrate.ts';
import { FileAttachmentStore } from './file-attachment-store.ts';

/** Options of the embedded store. */
export interface EmbeddedStoreOptions {
  /** How often update logs are fdatasync'ed (0 leaves it to the OS). */
  fsyncIntervalMs: number;
  /** Disk operations; tests inject failures here. */
  io?: StorageIo;
}

/** True when the folder holds document content, comments or revisions (so it is not a new data folder). */
export function holdsData(dataDir: string): boolean {
  return ['documents', 'comments', 'revisions'].some((name) => {
    const path = join(dataDir, name);
    return existsSync(path) && readdirSync(path).length > 0;
  });
}

/**
 * The default store, needing no external server. In `<dataDir>`:
 * `records.json` (+ `records.json.bak`, the previous good copy) for accounts, organisations,
 * documents and revisions; `documents/` for Yjs content; `revisions/` for revision states;
 * `comments/<documentId>.table` for threads and submissions; `sessions.table`,
 * `client-authors.table`, `notifications.table`, `notification-preferences.table`,
 * `reminders.table` and `audit.jsonl` for what grows with use; `edits/<documentId>.log` for
 * who inserted and deleted what, and when; `attachments/<id>.bin` for submissions'
 * attachments. Collections that older
 * versions kept in `records.json` are moved to their tables at open.
 */
export async function openEmbeddedStore(dataDir: string, logger: StoreLogger, options: EmbeddedStoreOptions): Promise<Store> {
  const io = options.io ?? nodeIo;
  await mkdir(dataDir, { recursive: true });
  const health = new StorageHealth(dataDir, io);
  const tableOptions = { io, health, logger };
  const { store: records, legacy } = await LowdbRecordStore.open(join(dataDir, 'records.json'), { io, health, logger, dataDirHasContent: holdsData(dataDir) });
  const revisions = new FileRevisionStore(join(dataDir, 'revisions'));
  const content = new FileContentStore(join(dataDir, 'documents'), logger, { revisions, health });
  const audit = await JsonlAuditStore.open(join(dataDir, 'audit.jsonl'), io, health);
  const comments = new TableCommentStore(join(dataDir, 'comments'), tableOptions);
  const sessions = await TableSessionStore.open(join(dataDir, 'sessions.table'), tableOptions);
  const clientAuthors = await TableClientAuthorStore.open(join(dataDir, 'client-authors.table'), tableOptions);
  const notifications = await TableNotificationStore.open(dataDir, tableOptions);
  const edits = new FileEditStore(join(dataDir, 'edits'), tableOptions);
  await migrateLegacyCollections(legacy, { records, comments, sessions, clientAuthors }, logger);
  await comments.preload();
  // Every append is a completed write(2) before it is passed on, so it survives a crash of the
  // process; this periodic fdatasync bounds what a power failure can take (0 leaves it to the OS).
  const timer =
    options.fsyncIntervalMs > 0
      ? setInterval(() => {
          content.sync().catch((error: unknown) => logger.warn({ err: error }, 'fdatasync of update logs failed'));
        }, options.fsyncIntervalMs)
      : null;
  timer?.unref();
  return {
    records,
    content,
    audit,
    revisions,
    comments,
    sessions,
    clientAuthors,
    notifications,
    edits,
    attachments: new FileAttachmentStore(join(dataDir, 'attachments')),
    health: () => health.check(),
    async close() {
      if (timer) clearInterval(timer);
      await records.flush();
      await content.closeAll();
      await Promise.all([comments.close(), sessions.close(), clientAuthors.close(), notifications.close(), edits.close(), audit.close()]);
    },
  };
}
