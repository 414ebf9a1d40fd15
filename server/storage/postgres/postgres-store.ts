import type { Store } from '../store.ts';
import { PostgresAttachmentStore } from './attachment-store.ts';
import { PostgresAuditStore } from './audit-store.ts';
import { PostgresClientAuthorStore } from './client-author-store.ts';
import { PostgresCommentStore } from './comment-store.ts';
import { PostgresContentStore } from './content-store.ts';
import { PostgresEditStore } from './edit-store.ts';
import { DatabaseHealth, describe } from './database-health.ts';
import { runMigrations } from './migrations.ts';
import { openPool, type Pool } from './pool.ts';
import { PostgresNotificationStore } from './notification-store.ts';
import { PostgresRecordStore } from './record-store.ts';
import { PostgresRevisionStore } from './revision-store.ts';
import { PostgresSessionStore } from './session-store.ts';
import { StorageStartError } from '../storage-errors.ts';

/** Logger told about lost idle connections and applied migrations. */
export interface PostgresLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * The shared mode's store: the `Store` interfaces on PostgreSQL, plus what the fan-out between
 * processes needs to keep this process current (`records.refresh`/`onChange`, `sessions.forget*`)
 * and the pool, for tools (the migration command) and tests.
 */
export interface PostgresStore extends Store {
  records: PostgresRecordStore;
  content: PostgresContentStore;
  audit: PostgresAuditStore;
  revisions: PostgresRevisionStore;
  comments: PostgresCommentStore;
  sessions: PostgresSessionStore;
  clientAuthors: PostgresClientAuthorStore;
  notifications: PostgresNotificationStore;
  edits: PostgresEditStore;
  attachments: PostgresAttachmentStore;
  // Stores other features add (notifications, edit attribution…): one more field here, a file
  // next to this one, and a numbered step in `migrations.ts` for its tables.
  pool: Pool;
}

/**
 * Connects to `databaseUrl`, applies pending migrations (under an advisory lock, so processes
 * starting together are safe) and loads the records. A database that cannot be reached or
 * migrated stops the start with a `StorageStartError` naming it (without the password).
 */
export async function openPostgresStore(databaseUrl: string, logger: PostgresLogger): Promise<PostgresStore> {
  const pool = openPool(databaseUrl, (error) => logger.warn({ err: error }, 'an idle PostgreSQL connection failed; the next query reconnects'));
  const health = new DatabaseHealth(pool);
  let records: PostgresRecordStore;
  let sessions: PostgresSessionStore;
  try {
    const applied = await runMigrations(pool);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
    records = await PostgresRecordStore.open(pool);
    sessions = await PostgresSessionStore.open(pool, health);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StorageStartError(`PostgreSQL at ${safeUrl(databaseUrl)} cannot be used: ${describe(error)}. Check DATABASE_URL and that the server is running, then start again.`);
  }
  const content = new PostgresContentStore(pool);
  return {
    pool,
    records,
    content,
    audit: new PostgresAuditStore(pool, health),
    revisions: new PostgresRevisionStore(pool, health),
    comments: new PostgresCommentStore(pool, health),
    sessions,
    clientAuthors: new PostgresClientAuthorStore(pool, health),
    notifications: new PostgresNotificationStore(pool, health),
    edits: new PostgresEditStore(pool, health),
    attachments: new PostgresAttachmentStore(pool, health),
    health: () => health.check(),
    async close() {
      await records.flush();
      await content.sync();
      await pool.end();
    },
  };
}

/** The URL without its password, for messages. */
export function safeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** Whether `store` is the shared mode's store (PostgreSQL), whose pool other shared tables use. */
export function isPostgresStore(store: Store): store is PostgresStore {
  return 'pool' in store;
}
