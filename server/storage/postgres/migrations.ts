import { LOCK_NAMESPACE, type Pool } from './pool.ts';

/** One numbered schema change. Applied once, in order, each in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema of the shared mode, oldest first. Never edit an applied step: append a new one.
 * Helpers adding a store (notifications, edit attribution…) append their own numbered step
 * here, next to the store file that uses it.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, content, revisions, comments, sessions, client authors, audit, attachments',
    sql: `
      CREATE TABLE record_state (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version bigint NOT NULL);
      INSERT INTO record_state (version) VALUES (0);
      CREATE TABLE record_rows (
        collection text NOT NULL,
        id text NOT NULL,
        position bigint NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE TABLE document_updates (
        seq bigserial PRIMARY KEY,
        document_id text NOT NULL,
        data bytea NOT NULL
      );
      CREATE INDEX document_updates_by_document ON document_updates (document_id, seq);
      CREATE TABLE document_snapshots (
        document_id text PRIMARY KEY,
        data bytea NOT NULL,
        compacted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE revision_states (
        document_id text NOT NULL,
        revision_id text NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (document_id, revision_id)
      );
      CREATE TABLE comment_rows (
        document_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('thread', 'submission')),
        id text NOT NULL,
        position bigserial,
        data jsonb NOT NULL,
        PRIMARY KEY (document_id, kind, id)
      );
      CREATE INDEX comment_rows_in_order ON comment_rows (document_id, kind, position);
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        data jsonb NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
      CREATE TABLE client_authors (
        document_id text NOT NULL,
        client_id bigint NOT NULL,
        user_id text NOT NULL,
        PRIMARY KEY (document_id, client_id)
      );
      CREATE TABLE audit_entries (
        seq bigserial PRIMARY KEY,
        id text NOT NULL,
        at text NOT NULL,
        action text NOT NULL,
        actor_id text,
        document_id text,
        details jsonb NOT NULL
      );
      CREATE INDEX audit_entries_by_document ON audit_entries (document_id, seq);
      CREATE TABLE attachments (
        id text PRIMARY KEY,
        data bytea NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'notifications, notification preferences, reminder claims (notification-store.ts)',
    sql: `
      CREATE TABLE notifications (
        seq bigserial NOT NULL,
        id text PRIMARY KEY,
        user_id text NOT NULL,
        read_at text,
        data jsonb NOT NULL
      );
      CREATE INDEX notifications_by_user ON notifications (user_id, seq);
      CREATE TABLE notification_preferences (
        user_id text PRIMARY KEY,
        data jsonb NOT NULL
      );
      CREATE TABLE reminder_claims (
        key text PRIMARY KEY,
        owner text NOT NULL,
        claimed_at text NOT NULL,
        completed_at text
      );
    `,
  },
  {
    version: 3,
    name: 'edit attribution (edit-store.ts)',
    sql: `
      CREATE TABLE edit_batches (
        seq bigserial PRIMARY KEY,
        document_id text NOT NULL,
        records jsonb NOT NULL
      );
      CREATE INDEX edit_batches_by_document ON edit_batches (document_id, seq);
    `,
  },
  {
    version: 4,
    name: 'import previews shared by the processes (import-preview-store.ts)',
    sql: `
      CREATE TABLE import_previews (
        seq bigserial NOT NULL,
        id text PRIMARY KEY,
        owner_id text NOT NULL,
        expires_at bigint NOT NULL,
        value jsonb NOT NULL
      );
      CREATE INDEX import_previews_by_seq ON import_previews (seq);
    `,
  },
];

/**
 * Brings the database (the current schema of the connection's `search_path`) up to
 * `MIGRATIONS`, under a session advisory lock keyed by the schema, so processes starting at
 * once apply each step exactly once: the others wait, then find nothing left to do. Returns the
 * versions this call applied. A failed step rolls back and throws; nothing after it runs.
 */
export async function runMigrations(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [LOCK_NAMESPACE.migrations]);
    try {
      // Created under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide.
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        applied.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [LOCK_NAMESPACE.migrations]);
    }
  } finally {
    client.release();
  }
  return applied;
}
