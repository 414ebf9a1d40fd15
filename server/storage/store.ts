import type { AuditRecord, ClientAuthorRecord, Database, EditRecord, SessionRecord, SubmissionRecord, ThreadRecord } from './records.ts';
import type { StorageStatus } from './health.ts';
import type { NotificationPreferencesRecord, NotificationRecord, ReminderClaimRecord } from './notification-records.ts';

/**
 * The storage boundary. The embedded implementation (lowdb + per-document logs) is the
 * default; `postgres/postgres-store.ts` implements the same interfaces on PostgreSQL (shared mode).
 */
export interface Store {
  records: RecordStore;
  content: DocumentContentStore;
  audit: AuditStore;
  revisions: RevisionStateStore;
  comments: CommentStore;
  sessions: SessionStore;
  clientAuthors: ClientAuthorStore;
  notifications: NotificationStore;
  edits: EditAttributionStore;
  attachments: AttachmentContentStore;
  /** Whether storage can write; probes the disk when the last write failed. */
  health(): Promise<StorageStatus>;
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
   * The rows in memory change only once the disk has accepted the write; a failed write
   * rejects with `ERR_STORAGE_UNAVAILABLE` and changes nothing. In the shared mode a writer may
   * run more than once (another process wrote first: the rows are read again and it runs on
   * them), so it must decide only from the rows it is given and have no other effect.
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

/** What `AuditStore.list` selects. */
export interface AuditSelection {
  documentId?: string;
  actions?: readonly string[];
  limit: number;
  before?: string;
}

/** One page of the audit trail. */
export interface AuditPage {
  /** Entries newest first. */
  entries: AuditRecord[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  next: string | null;
}

/**
 * The audit trail: append-only, never rewritten. Kept apart from the records because it
 * only grows, and rewriting it whole on every line (as lowdb does) would not scale.
 */
export interface AuditStore {
  /** Durably appends one entry; on failure rejects with `ERR_STORAGE_UNAVAILABLE` and nothing is added. */
  append(entry: AuditRecord): Promise<void>;
  /**
   * Entries (of one document, if given; of the given `actions`, if given: exact names, or
   * prefixes when they end in a dot), newest first, at most `limit`, older than the `before` cursor.
   */
  list(query: AuditSelection): Promise<AuditPage>;
}

/**
 * Comment threads and official submissions, per document. Writes resolve once durable and
 * reject with `ERR_STORAGE_UNAVAILABLE` (changing nothing) when the disk refuses them. Returned
 * rows must not be mutated.
 */
export interface CommentStore {
  /** Threads of a document, oldest first. */
  threads(documentId: string): Promise<ThreadRecord[]>;
  /** One thread of a document, or undefined. */
  thread(documentId: string, threadId: string): Promise<ThreadRecord | undefined>;
  /** Submissions of a document, in filing order. */
  submissions(documentId: string): Promise<SubmissionRecord[]>;
  /** Stores new or replaced threads and submissions of one document in one atomic write. */
  save(documentId: string, changes: { threads?: ThreadRecord[]; submissions?: SubmissionRecord[] }): Promise<void>;
  /**
   * Replaces a thread by `change(current)` (undefined when there is none; `change` may throw,
   * and then nothing is written). Updates of one document run one at a time.
   */
  updateThread(documentId: string, threadId: string, change: (current: ThreadRecord | undefined) => ThreadRecord): Promise<ThreadRecord>;
}

/** Sign-in sessions. Expired sessions are pruned by the store. */
export interface SessionStore {
  /** The session with this token hash, expired or not, or undefined. */
  get(tokenHash: string): Promise<SessionRecord | undefined>;
  /**
   * The same answer from what the process already knows, without waiting (used to re-check
   * open sockets). An implementation backed by a server keeps it current from change events.
   */
  peek(tokenHash: string): SessionRecord | undefined;
  /** Creates or replaces a session. */
  put(session: SessionRecord): Promise<void>;
  /** Removes the session of a token (unknown tokens are ignored). */
  remove(tokenHash: string): Promise<void>;
  /** Removes every session of a user except the one with `keepTokenHash`. */
  removeUser(userId: string, keepTokenHash?: string | null): Promise<void>;
  /** Removes sessions that expired before `now`. */
  pruneExpired(now: number): Promise<void>;
}

/** Which account owns each Yjs client id, per document (authorship in comparisons). */
export interface ClientAuthorStore {
  /** Client id → user id for a document. */
  forDocument(documentId: string): Promise<Map<number, string>>;
  /** Records owners; a client id already owned keeps its first owner. */
  add(rows: ClientAuthorRecord[]): Promise<void>;
  /** Drops the document's rows whose client id is not in `keep` (no longer in any stored state). */
  prune(documentId: string, keep: ReadonlySet<number>): Promise<void>;
}

/**
 * Who inserted and who deleted what, and when, per document: an append-only log that grows
 * with use (never held whole in memory by the store). Read back only to attribute changes
 * in exports.
 */
export interface EditAttributionStore {
  /** Durably appends records of a document, in the order given. */
  append(documentId: string, records: readonly EditRecord[]): Promise<void>;
  /** Every record of a document in append order (empty for a document never edited since this was recorded). */
  forDocument(documentId: string): Promise<EditRecord[]>;
  /** Closes the document's file; a later call opens it again. */
  release(documentId: string): Promise<void>;
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

/**
 * Notifications per user, their preferences and the claims of scheduled reminders. Writes
 * resolve once durable and reject with `ERR_STORAGE_UNAVAILABLE` (changing nothing) when the
 * disk refuses them. Returned rows must not be mutated.
 */
export interface NotificationStore {
  /** Stores the rows whose id is not stored yet (so a repeated delivery changes nothing); returns those stored. */
  add(rows: readonly NotificationRecord[]): Promise<NotificationRecord[]>;
  /** A user's notifications newest first, at most `limit`, older than the one with id `before` (if given). */
  list(userId: string, limit: number, before?: string): Promise<NotificationRecord[]>;
  /** One notification of a user, or undefined. */
  get(userId: string, id: string): Promise<NotificationRecord | undefined>;
  /** How many of a user's notifications are unread. */
  unreadCount(userId: string): Promise<number>;
  /** Marks the given notifications of the user (or all) read at `at`; returns how many changed. */
  markRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number>;
  /** A user's preferences, or undefined when never set (everything on). */
  preferences(userId: string): Promise<NotificationPreferencesRecord | undefined>;
  /** Replaces a user's preferences. */
  setPreferences(preferences: NotificationPreferencesRecord): Promise<void>;
  /**
   * Takes the reminder `claim.key` for `claim.owner`: true when it was free, or taken but
   * never completed and claimed before `staleBefore` (its sender died); false otherwise.
   * Atomic: of concurrent claims of one key, only one gets true.
   */
  claimReminder(claim: ReminderClaimRecord, staleBefore: string): Promise<boolean>;
  /** Marks a claimed reminder as fully delivered. */
  completeReminder(key: string, at: string): Promise<void>;
  /** Every reminder claim, by key (the embedded → PostgreSQL migration copies them). */
  reminderClaims(): Promise<ReminderClaimRecord[]>;
  /** Removes every notification created before `createdBefore` (an ISO instant), read or not; returns how many. */
  prune(createdBefore: string): Promise<number>;
}

/** The bytes of submissions' attachments, by server-generated id; written once, never changed. */
export interface AttachmentContentStore {
  /** Durably stores a new attachment; an id already stored is refused (rejects). */
  put(id: string, data: Uint8Array): Promise<void>;
  /** The stored bytes, or undefined when there is no attachment with this id. */
  get(id: string): Promise<Uint8Array | undefined>;
}
