import type { ClientAuthorRecord } from './records.ts';
import type { ClientAuthorStore } from './store.ts';
import { AppendTable, type TableOptions } from './append-table.ts';

function parseClientAuthor(value: unknown): ClientAuthorRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Record<string, unknown>;
  return typeof row.documentId === 'string' && typeof row.clientId === 'number' && typeof row.userId === 'string' ? (value as ClientAuthorRecord) : null;
}

const keyOf = (documentId: string, clientId: number): string => `${documentId}:${clientId}`;

/**
 * Client-id authorship in one append-only table (`client-authors.table`) keyed by document and
 * client id, so a client id is stored once; `prune` deletes rows no stored state needs.
 */
export class TableClientAuthorStore implements ClientAuthorStore {
  private readonly byDocument = new Map<string, Map<number, string>>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly table: AppendTable<ClientAuthorRecord>) {
    for (const row of table.values()) this.index(row);
  }

  /** Opens the table at `path`. */
  static async open(path: string, options: Omit<TableOptions<ClientAuthorRecord>, 'parse'>): Promise<TableClientAuthorStore> {
    return new TableClientAuthorStore(await AppendTable.open(path, { ...options, parse: parseClientAuthor }));
  }

  private index(row: ClientAuthorRecord): void {
    let clients = this.byDocument.get(row.documentId);
    if (!clients) this.byDocument.set(row.documentId, (clients = new Map()));
    clients.set(row.clientId, row.userId);
  }

  async forDocument(documentId: string): Promise<Map<number, string>> {
    return new Map(this.byDocument.get(documentId));
  }

  /** Serialises writes so "first owner wins" is decided against what is already stored. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  add(rows: ClientAuthorRecord[]): Promise<void> {
    return this.serial(async () => {
      const fresh = new Map<string, ClientAuthorRecord>();
      for (const row of rows) {
        const key = keyOf(row.documentId, row.clientId);
        if (!this.table.get(key) && !fresh.has(key)) fresh.set(key, { documentId: row.documentId, clientId: row.clientId, userId: row.userId });
      }
      await this.table.write([...fresh].map(([key, row]) => [key, row] as const));
      for (const row of fresh.values()) this.index(row);
    });
  }

  prune(documentId: string, keep: ReadonlySet<number>): Promise<void> {
    return this.serial(async () => {
      const clients = this.byDocument.get(documentId);
      if (!clients) return;
      const doomed = [...clients.keys()].filter((clientId) => !keep.has(clientId));
      await this.table.write(doomed.map((clientId) => [keyOf(documentId, clientId), null] as const));
      for (const clientId of doomed) clients.delete(clientId);
    });
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    await this.queue;
    await this.table.close();
  }
}
