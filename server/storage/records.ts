/**
 * Rows kept in the record store. These are storage shapes: they leave the server only
 * through the `present*()` functions of each domain, never raw.
 */

/** All roles, from most to least powerful (a stable order). */
export const ROLES = ['secretariat', 'editor', 'ministry', 'observer'] as const;

/** Roles, from most to least powerful. */
export type Role = (typeof ROLES)[number];

/** Kinds of organisation, in the order forms list them. */
export const ORGANIZATION_KINDS = ['ministry', 'ministerial_agency', 'government_agency', 'other'] as const;

/** Statuses of a comment thread, in the order filters and badges list them. */
export const THREAD_STATUSES = ['open', 'under_review', 'accepted', 'partially_accepted', 'not_accepted', 'withdrawn'] as const;

/** Why the secretariat leaves a thread out of the synthesis table. */
export const SET_ASIDE_REASONS = ['duplicate', 'out_of_scope', 'other'] as const;

/**
 * What a history entry that is not a decision records: the thread set aside from the
 * synthesis table or taken back into it, or its proposal applied to the draft or reverted.
 */
export const THREAD_EVENTS = ['set_aside', 'set_aside_undone', 'proposal_applied', 'proposal_reverted'] as const;

/** A person who can sign in. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The ministry or agency the user belongs to; required for `ministry`, optional otherwise. */
  organizationId: string | null;
  /** scrypt hash, see `auth/passwords.ts`. */
  passwordHash: string;
  /** Where notification e-mails go; absent or null: none (absent in rows written before it existed). */
  email?: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A sign-in session. Only a hash of the token is stored, so a leaked file grants nothing. */
export interface SessionRecord {
  /** SHA-256 of the bearer token, hex. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  /** Sliding expiry: extended on use. */
  expiresAt: string;
}

/** A ministry, ministerial-level agency or other body that takes part in consultations. */
export interface OrganizationRecord {
  id: string;
  name: string;
  shortName: string;
  kind: (typeof ORGANIZATION_KINDS)[number];
}

/** An outline. Its content lives in the content store, keyed by the same id. */
export interface DocumentRecord {
  id: string;
  title: string;
  templateId: string | null;
  archived: boolean;
  /** Users (committee members, observers) given access by the secretariat. */
  members: string[];
  /** Organisations invited to read and comment; their ministry officers may open the document. */
  organizations: string[];
  /** Whether ministries see only their own organisation's threads, or every thread. */
  commentsVisibility: 'own_organization' | 'all_participants';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A frozen state of a document: named by the secretariat, or an automatic checkpoint. */
export interface RevisionRecord {
  id: string;
  documentId: string;
  kind: 'named' | 'checkpoint';
  /** "Dự thảo lần 2" for named revisions; a generated label for checkpoints. */
  name: string;
  note: string;
  /** Why a checkpoint was taken: `idle`, `last_editor_left`, `before_restore`, `after_restore`, `named`. */
  reason: string;
  createdBy: string | null;
  createdAt: string;
  /** Size of the encoded Yjs state, and of the compressed file that stores it. */
  stateBytes: number;
  storedBytes: number;
  /** The revision this one's content was restored from, if it records a restore. */
  restoredFrom: string | null;
}

/** Which account a Yjs client id (one browser tab's session) belongs to, per document. */
export interface ClientAuthorRecord {
  documentId: string;
  clientId: number;
  userId: string;
}

/** A run of Yjs item ids of one client: `[client, firstClock, length]` (clocks `firstClock … firstClock + length - 1`). */
export type IdRange = [client: number, clock: number, length: number];

/**
 * Who made one edit (or a few consecutive edits of one person, merged) and when: the ids of
 * the characters and blocks it inserted and of those it deleted. Yjs delete sets do not name
 * the deleter, so this is the only record of who deleted what.
 */
export interface EditRecord {
  userId: string;
  /** When the server received the edit (ms since the epoch). */
  at: number;
  inserted: IdRange[];
  deleted: IdRange[];
}

/** Where a comment thread is in its life. */
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/** One message in a thread (the first is the comment itself). */
export interface ThreadCommentRecord {
  id: string;
  authorId: string;
  body: string;
  createdAt: string;
}

/** Why and by whom a thread is left out of the synthesis table. */
export interface SetAsideRecord {
  reason: (typeof SET_ASIDE_REASONS)[number];
  /** The thread this one repeats, for `duplicate`; null otherwise. */
  duplicateOf: string | null;
  note: string;
  by: string;
  at: string;
}

/**
 * One attributed, timestamped change in a thread's history: a status change, or (with
 * `event`) the thread set aside from the synthesis table or taken back into it, the status
 * then being the one it kept.
 */
export interface StatusChangeRecord {
  status: ThreadStatus;
  explanation: string | null;
  by: string;
  at: string;
  /** Set when the entry records something other than a decision (see `ThreadEvent`). */
  event?: ThreadEvent;
  /** With `event: 'set_aside'`: the reason, duplicate and note. */
  setAside?: Pick<SetAsideRecord, 'reason' | 'duplicateOf' | 'note'>;
}

/** What a history entry that is not a decision records (see `THREAD_EVENTS`). */
export type ThreadEvent = (typeof THREAD_EVENTS)[number];

/**
 * Replacement text an organisation proposes for its thread's passage ("đề nghị sửa thành").
 * Once applied to the live draft, `appliedAt`/`appliedBy` say when and by whom, and
 * `replacedText` keeps the passage as it was, so the application can be reverted.
 */
export interface ProposalRecord {
  text: string;
  proposedBy: string;
  proposedAt: string;
  appliedAt: string | null;
  appliedBy: string | null;
  replacedText: string | null;
}

/** One attributed, timestamped re-attachment of an orphaned thread to a new passage. */
export interface AnchorChangeRecord {
  by: string;
  at: string;
  /** The quote the thread had before (null: it was tied to a whole section). */
  fromQuote: string | null;
  toQuote: string;
}

/** A comment thread on a document, in an organisation's name (null: the drafting group itself). */
export interface ThreadRecord {
  id: string;
  documentId: string;
  organizationId: string | null;
  authorId: string;
  /** `inline` (selected in the editor), `written` (item of an official submission), `oral` (said in a meeting). */
  source: 'inline' | 'written' | 'oral';
  /** The passage, for threads tied to text. */
  anchor: { start: string; end: string; quote: string; blockId: string | null } | null;
  /** The section's heading block id, for items tied to a whole section. */
  sectionBlockId: string | null;
  revisionId: string | null;
  submissionId: string | null;
  meeting: { name: string; date: string } | null;
  status: ThreadStatus;
  explanation: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  history: StatusChangeRecord[];
  /** Left out of the synthesis table by the secretariat; absent in rows written before it existed. */
  setAside?: SetAsideRecord | null;
  /** Re-attachments, oldest first; absent on threads never re-attached (and on older rows). */
  anchorHistory?: AnchorChangeRecord[];
  comments: ThreadCommentRecord[];
  createdAt: string;
  updatedAt: string;
  /**
   * Starts at 1 and grows by one with every change (decision, explanation, reply, proposal…),
   * so a change based on an older version can be refused. Rows written before versions
   * existed have none: read them through `threadVersion`.
   */
  version?: number;
  /** Proposed replacement wording for the passage, if the organisation gave one. */
  proposal?: ProposalRecord | null;
  /**
   * The consultation round the comment was made in (a ministry's comment while a round
   * consulting it is open, or an item of a response); absent on older rows and outside rounds.
   */
  roundId?: string | null;
  /**
   * A draft (bản nháp) of the organisation's response to `roundId`: visible only to that
   * organisation's officers until the response is sent, which clears it and sets `submissionId`.
   */
  draft?: boolean;
}

/** A thread's version; rows stored before versions existed count as version 1. */
export function threadVersion(thread: Pick<ThreadRecord, 'version'>): number {
  return thread.version ?? 1;
}

/** An organisation's official written submission (công văn) for a document. */
export interface SubmissionRecord {
  id: string;
  documentId: string;
  organizationId: string;
  revisionId: string | null;
  documentNumber: string;
  date: string;
  signer: string;
  noComments: boolean;
  attachment: { id: string; fileName: string; contentType: string; size: number } | null;
  threadIds: string[];
  /** The consultation round it answers (absent in rows written before rounds existed). */
  roundId?: string | null;
  /** The earlier response of the same organisation in the round that this one corrects, if any. */
  supersedes?: string | null;
  createdBy: string;
  createdAt: string;
}

/** Statuses of a consultation round. */
export const ROUND_STATES = ['open', 'closed'] as const;

/** One change in a round's life: opened, deadline extended (old and new deadline, reason), closed. */
export interface RoundEventRecord {
  kind: 'opened' | 'extended' | 'closed';
  by: string;
  at: string;
  /** The deadline before the change (extensions only). */
  from: string | null;
  /** The deadline after the change (opened, extended). */
  to: string | null;
  reason: string | null;
}

/**
 * A consultation round: one named revision sent to organisations with a request letter and a
 * deadline. Few and small (one per round, organisations listed by id), so kept in the records.
 */
export interface RoundRecord {
  id: string;
  documentId: string;
  title: string;
  /** The request letter (công văn đề nghị góp ý): its number and date (YYYY-MM-DD). */
  requestLetter: { number: string; date: string };
  /** The named revision sent. */
  revisionId: string;
  /** When answers are due, an ISO instant (a date-only deadline is the end of that day in Viet Nam). */
  deadline: string;
  /** Organisations consulted, by id, frozen when the round opens. */
  organizations: string[];
  /** Whether the list was "every invited organisation" at opening. */
  allInvited: boolean;
  ministriesSeeEachOther: boolean;
  state: (typeof ROUND_STATES)[number];
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  history: RoundEventRecord[];
}

/** Settings the secretariat edits; a null name means the default (see `server/settings/`). */
export interface SettingsRecord {
  terminology: { draftingBody: string | null; secretariat: string | null };
}

/** Settings of a new data folder: every name at its default. */
export function defaultSettings(): SettingsRecord {
  return { terminology: { draftingBody: null, secretariat: null } };
}

/**
 * Everything the record store (`records.json`) holds: small, rarely written rows. What grows
 * with use (threads, submissions, sessions, client-id authorship, audit) lives in append-only
 * tables instead, see `embedded-store.ts`.
 */
export interface Database {
  users: UserRecord[];
  organizations: OrganizationRecord[];
  documents: DocumentRecord[];
  revisions: RevisionRecord[];
  rounds: RoundRecord[];
  settings: SettingsRecord;
}

/** Collections that older versions kept in `records.json`; moved to tables once at start. */
export interface LegacyCollections {
  sessions: SessionRecord[];
  clientAuthors: ClientAuthorRecord[];
  threads: ThreadRecord[];
  submissions: SubmissionRecord[];
}

/** An empty database, the starting point of a new data directory. */
export function emptyDatabase(): Database {
  return { users: [], organizations: [], documents: [], revisions: [], rounds: [], settings: defaultSettings() };
}

/** Values an audit entry's details may hold. */
export type AuditDetailValue = string | number | boolean | null;

/** One line of the audit log. */
export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  documentId: string | null;
  details: Record<string, AuditDetailValue>;
}

/**
 * Brings rows written by an older version up to the current shape (missing fields get
 * defaults). Collections that moved out of `records.json` are returned apart, for migration.
 */
export function upgradeDatabase(stored: Partial<Database & LegacyCollections> | null | undefined): { data: Database; legacy: LegacyCollections } {
  const data: Database = {
    users: stored?.users ?? [],
    organizations: stored?.organizations ?? [],
    documents: stored?.documents ?? [],
    revisions: stored?.revisions ?? [],
    rounds: stored?.rounds ?? [],
    settings: { ...defaultSettings(), ...stored?.settings, terminology: { ...defaultSettings().terminology, ...stored?.settings?.terminology } },
  };
  const legacy: LegacyCollections = {
    sessions: stored?.sessions ?? [],
    clientAuthors: stored?.clientAuthors ?? [],
    threads: stored?.threads ?? [],
    submissions: stored?.submissions ?? [],
  };
  data.documents = data.documents.map((doc) => ({
    ...doc,
    members: doc.members ?? [],
    organizations: doc.organizations ?? [],
    commentsVisibility: doc.commentsVisibility ?? 'own_organization',
  }));
  return { data, legacy };
}
