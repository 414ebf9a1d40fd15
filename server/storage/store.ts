import type { AuditRecord, Database } from './records.ts';

/**
 * The storage boundary. The embedded implementation (lowdb + per-document logs) is the
 * default; a PostgreSQL implementation can be added behind the same interface.
 */
export interface Store {
  records: RecordStore;
  content: DocumentContentStore;
  audit: AuditStore;
  revisions: RevisionStateStore;
  /** Flushes everything and releases files. The store must not be used afterwards. */
  close(): Promise<void>;
}

/** Small, transactional access to the record rows. */
export interface RecordStore {
  /** Runs `reader` on the current rows. Do not keep references to the rows. */
  read<T>(reader: (data: Readonly<Database>) => T): T;
  /**
   * Runs `writer`, which may mutate the rows, then persists them. Writers run one at a
   * time, in call order; if `writer` throws, nothing is persisted and the error propagates.
   */
  write<T>(writer: (data: Database) => T): Promise<T>;
}

/** What is stored of one document's Yjs content. */
export interface StoredContent {
  /** Updates to apply in order (a snapshot first, if any); empty for a new document. */
  updates: Uint8Array[];
  /** Bytes of a damaged tail that were set aside while loading (0 when clean). */
  discardedBytes: number;
}

/**
 * Durable storage of Yjs updates, per document. Contract: once `append` has resolved, the
 * update survives a crash of the process; `compact` replaces everything stored for the
 * document with one state that includes every appended update.
 */
export interface DocumentContentStore {
  /** Reads everything stored for the document; never fails on a torn log tail. */
  load(documentId: string): Promise<StoredContent>;
  /** Durably appends one update. */
  append(documentId: string, update: Uint8Array): Promise<void>;
  /** True when the stored log has grown enough that a compaction is worth it. */
  needsCompaction(documentId: string): boolean;
  /** Replaces the stored content with `state` (a full `Y.encodeStateAsUpdate`). */
  compact(documentId: string, state: Uint8Array): Promise<void>;
  /** Closes the document's files; a later `load` opens them again. */
  release(documentId: string): Promise<void>;
  /** Flushes pending writes of every open document to the disk. */
  sync(): Promise<void>;
}

/**
 * The audit trail: append-only, never rewritten. Kept apart from the records because it
 * only grows, and rewriting it whole on every line (as lowdb does) would not scale.
 */
export interface AuditStore {
  /** Durably appends one entry. */
  append(entry: AuditRecord): Promise<void>;
  /** Entries matching `filter`, newest first, at most `limit`. */
  list(filter: (entry: AuditRecord) => boolean, limit: number): AuditRecord[];
}

/** Full encoded states of frozen revisions, written once and never changed. */
export interface RevisionStateStore {
  /** Durably stores a revision's state; returns the bytes it occupies on disk. */
  write(documentId: string, revisionId: string, state: Uint8Array): Promise<number>;
  /** Reads a revision's state back. Throws if it is missing or damaged. */
  read(documentId: string, revisionId: string): Promise<Uint8Array>;
  /** Deletes a revision's state (pruning old checkpoints). */
  remove(documentId: string, revisionId: string): Promise<void>;
}
