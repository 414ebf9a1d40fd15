import { emptyDatabase, upgradeDatabase, type Database } from '../records.ts';
import type { RecordStore } from '../store.ts';
import { unavailable } from './database-health.ts';
import { inTransaction, type Pool, type PoolClient } from './pool.ts';

type Collection = keyof Database;
const COLLECTIONS = Object.keys(emptyDatabase()) as Collection[];

/** Collections that hold one object rather than rows with ids (stored as one row with this id). */
const SINGLETON_ID = 'only';
const isSingleton = (collection: Collection): collection is 'settings' => collection === 'settings';

/** The rows of one collection as stored: a singleton is one row with id `SINGLETON_ID`. */
function rowsOf(data: Database, collection: Collection): Array<{ id: string; value: unknown }> {
  if (isSingleton(collection)) return [{ id: SINGLETON_ID, value: data[collection] }];
  const items: ReadonlyArray<{ id: string }> = data[collection];
  return items.map((item) => ({ id: item.id, value: item }));
}

/** Tried this many times when other processes keep winning the race for the records. */
const MAX_ATTEMPTS = 50;

/** The ids of the rows that changed (written, added or removed), per collection; `settings` uses id `only`. */
export type ChangedRows = Partial<Record<Collection, string[]>>;

/** Told after a write of this process committed: the version the records now have. */
export interface RecordChange {
  version: number;
  collections: Collection[];
  /** Which rows the write changed. */
  changed: ChangedRows;
}

/**
 * Told after this process read other processes' writes: the version now held, which rows
 * differ from what it held before, and the records as they were before (never mutated).
 */
export interface RecordRefresh {
  version: number;
  changed: ChangedRows;
  previous: Readonly<Database>;
}

/** What is known of one stored row: its order and its JSON (to tell changed rows apart). */
interface StoredRow {
  position: number;
  json: string;
}

/** A write lost the race: another process committed first. */
class VersionConflict extends Error {}

/**
 * The records in PostgreSQL (`record_rows`, one row per record; `settings`, one object, is one
 * row with id `only`), with every row kept in memory
 * so `read` stays synchronous. A write runs `writer` on a copy, then commits only the rows that
 * changed, in one transaction that first moves `record_state.version` from the version this
 * process last saw: when another process wrote in between, nothing is written, the records
 * are read again and `writer` runs again on them (so a writer may run more than once and must
 * decide only from the rows it is given). Writes of this process run one at a time.
 *
 * Other processes' writes reach this one through `refresh()`; the fan-out between processes
 * (Redis) calls it when it hears of a change (`onChange` gives the version to publish).
 */
export class PostgresRecordStore implements RecordStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(change: RecordChange) => void>();
  private readonly refreshListeners = new Set<(refresh: RecordRefresh) => void>();

  private constructor(
    private readonly pool: Pool,
    private data: Database,
    private rows: Map<Collection, Map<string, StoredRow>>,
    private version: number,
  ) {}

  /** Loads every record. */
  static async open(pool: Pool): Promise<PostgresRecordStore> {
    const loaded = await load(pool);
    return new PostgresRecordStore(pool, loaded.data, loaded.rows, loaded.version);
  }

  /** The version of the records this process holds. */
  get currentVersion(): number {
    return this.version;
  }

  read<T>(reader: (data: Readonly<Database>) => T): T {
    return reader(this.data);
  }

  write<T>(writer: (data: Database) => T): Promise<T> {
    return this.serial(async () => {
      for (let attempt = 1; ; attempt++) {
        const draft = structuredClone(this.data);
        const result = writer(draft);
        const plan = planWrite(this.rows, draft);
        if (plan.changes.length === 0) return result;
        try {
          const version = await inTransaction(this.pool, async (client) => {
            const moved = await client.query<{ version: number }>('UPDATE record_state SET version = version + 1 WHERE version = $1 RETURNING version', [this.version]);
            const next = moved.rows[0]?.version;
            if (next === undefined) throw new VersionConflict();
            for (const change of plan.changes) await applyChange(client, change);
            return next;
          });
          this.data = draft;
          this.rows = plan.rows;
          this.version = version;
          const changed: ChangedRows = {};
          for (const change of plan.changes) changed[change.collection] = [...change.upserts.map((row) => row.id), ...change.deletes];
          this.emit({ version, collections: plan.changes.map((change) => change.collection), changed });
          return result;
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw unavailable('writing the records', error);
          if (attempt >= MAX_ATTEMPTS) throw unavailable('writing the records', new Error(`still conflicting after ${attempt} attempts`));
          await this.reload();
        }
      }
    });
  }

  /**
   * Reads the records again when the database holds a newer version than this process (another
   * process wrote). Runs between this process's writes, never during one.
   */
  refresh(): Promise<void> {
    return this.serial(async () => {
      const stored = await this.pool.query<{ version: number }>('SELECT version FROM record_state');
      if ((stored.rows[0]?.version ?? 0) !== this.version) await this.reload();
    });
  }

  /** Calls `listener` after each write of this process has committed; returns the unsubscribe. */
  onChange(listener: (change: RecordChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` each time this process read rows other processes wrote (a `refresh`, or a
   * write that lost the race), with the rows that differ; returns the unsubscribe. Listeners
   * must not throw: the records are already replaced when they run, and a throw would fail the
   * refresh or write that read them.
   */
  onRefresh(listener: (refresh: RecordRefresh) => void): () => void {
    this.refreshListeners.add(listener);
    return () => this.refreshListeners.delete(listener);
  }

  /** Waits for queued writes. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private async reload(): Promise<void> {
    const loaded = await load(this.pool);
    const previous = this.data;
    const changed = changedRows(this.rows, loaded.rows);
    this.data = loaded.data;
    this.rows = loaded.rows;
    this.version = loaded.version;
    if (Object.keys(changed).length === 0) return;
    for (const listener of this.refreshListeners) listener({ version: loaded.version, changed, previous });
  }

  private emit(change: RecordChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** The ids of rows added, removed or changed between two loads, per collection. */
function changedRows(before: Map<Collection, Map<string, StoredRow>>, after: Map<Collection, Map<string, StoredRow>>): ChangedRows {
  const changed: ChangedRows = {};
  for (const collection of COLLECTIONS) {
    const old = before.get(collection) ?? new Map<string, StoredRow>();
    const now = after.get(collection) ?? new Map<string, StoredRow>();
    const ids: string[] = [];
    for (const [id, row] of now) if (old.get(id)?.json !== row.json) ids.push(id);
    for (const id of old.keys()) if (!now.has(id)) ids.push(id);
    if (ids.length > 0) changed[collection] = ids;
  }
  return changed;
}

interface CollectionChange {
  collection: Collection;
  upserts: Array<{ id: string; position: number; json: string }>;
  deletes: string[];
}

/**
 * What to write so the stored rows of each collection become `draft`'s, in its order. Rows
 * kept in their stored order with new ones at the end cost only the changed rows; any other
 * reordering renumbers the collection.
 */
function planWrite(stored: Map<Collection, Map<string, StoredRow>>, draft: Database): { changes: CollectionChange[]; rows: Map<Collection, Map<string, StoredRow>> } {
  const changes: CollectionChange[] = [];
  const rows = new Map<Collection, Map<string, StoredRow>>();
  for (const collection of COLLECTIONS) {
    const before = stored.get(collection) ?? new Map<string, StoredRow>();
    const items = rowsOf(draft, collection);
    let ordered = true;
    let lastPosition = -1;
    let seenNew = false;
    let maxPosition = -1;
    for (const row of before.values()) maxPosition = Math.max(maxPosition, row.position);
    for (const item of items) {
      const known = before.get(item.id);
      if (!known) seenNew = true;
      else if (seenNew || known.position <= lastPosition) ordered = false;
      else lastPosition = known.position;
    }
    const after = new Map<string, StoredRow>();
    const change: CollectionChange = { collection, upserts: [], deletes: [] };
    items.forEach((item, index) => {
      const json = JSON.stringify(item.value);
      const known = before.get(item.id);
      const position = ordered ? (known?.position ?? ++maxPosition) : index;
      after.set(item.id, { position, json });
      if (!known || known.json !== json || known.position !== position) change.upserts.push({ id: item.id, position, json });
    });
    for (const id of before.keys()) if (!after.has(id)) change.deletes.push(id);
    rows.set(collection, after);
    if (change.upserts.length > 0 || change.deletes.length > 0) changes.push(change);
  }
  return { changes, rows };
}

async function applyChange(client: PoolClient, change: CollectionChange): Promise<void> {
  if (change.deletes.length > 0) {
    await client.query('DELETE FROM record_rows WHERE collection = $1 AND id = ANY($2::text[])', [change.collection, change.deletes]);
  }
  if (change.upserts.length > 0) {
    await client.query(
      `INSERT INTO record_rows (collection, id, position, data)
       SELECT $1, id, position, data FROM unnest($2::text[], $3::bigint[], $4::jsonb[]) AS u(id, position, data)
       ON CONFLICT (collection, id) DO UPDATE SET position = EXCLUDED.position, data = EXCLUDED.data`,
      [change.collection, change.upserts.map((row) => row.id), change.upserts.map((row) => row.position), change.upserts.map((row) => row.json)],
    );
  }
}

/** Reads the version and every row in one snapshot of the database. */
async function load(pool: Pool): Promise<{ data: Database; rows: Map<Collection, Map<string, StoredRow>>; version: number }> {
  return inTransaction(
    pool,
    async (client) => {
      const version = (await client.query<{ version: number }>('SELECT version FROM record_state')).rows[0]?.version ?? 0;
      const result = await client.query<{ collection: string; id: string; position: number; data: string }>(
        'SELECT collection, id, position, data::text AS data FROM record_rows ORDER BY collection, position, id',
      );
      const stored: Record<string, unknown> = {};
      const rows = new Map<Collection, Map<string, StoredRow>>();
      for (const row of result.rows) {
        const collection = COLLECTIONS.find((name) => name === row.collection);
        if (!collection) continue;
        if (isSingleton(collection)) stored[collection] = JSON.parse(row.data) as unknown;
        else ((stored[collection] ??= []) as unknown[]).push(JSON.parse(row.data) as unknown);
        let byId = rows.get(collection);
        if (!byId) rows.set(collection, (byId = new Map()));
        // The JSON is compared with what a later write produces, so keep it in that form.
        byId.set(row.id, { position: row.position, json: '' });
      }
      // Rows come from our own writes, so they have the record shapes; upgrade fills defaults.
      const { data } = upgradeDatabase(stored as Partial<Database>);
      for (const collection of COLLECTIONS) {
        const byId = rows.get(collection);
        for (const item of rowsOf(data, collection)) {
          const row = byId?.get(item.id);
          if (row) row.json = JSON.stringify(item.value);
        }
      }
      return { data, rows, version };
    },
    'repeatable read',
  );
}
