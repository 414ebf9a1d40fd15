import * as Y from 'yjs';
import { emptyDatabase, type AuditRecord, type Database, type DocumentRecord, type SubmissionRecord, type ThreadRecord } from '../records.ts';
import type { NotificationRecord } from '../notification-records.ts';
import type { Store } from '../store.ts';
import type { PostgresStore } from './postgres-store.ts';

/** Rows written per statement when copying threads and submissions. */
const CHUNK = 500;

/** One line of the verification: what was counted or compared, on each side. */
export interface VerificationRow {
  what: string;
  embedded: number | string;
  postgres: number | string;
  ok: boolean;
}

/** What the migration found when it compared the copy with the source. */
export interface Verification {
  rows: VerificationRow[];
  ok: boolean;
}

/** Progress messages of a long copy. */
export type Progress = (message: string) => void;

/** True when the database already holds accounts or documents (a server has used it). */
export function targetInUse(target: PostgresStore): boolean {
  return target.records.read((data) => data.users.length > 0 || data.documents.length > 0);
}

/** A document's stored content as one encoded state (the snapshot the copy stores). */
async function encodedState(store: Store, documentId: string): Promise<Uint8Array> {
  const doc = new Y.Doc();
  try {
    for (const update of (await store.content.load(documentId)).updates) Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
    await store.content.release(documentId);
  }
}

/** Every audit entry of `store`, oldest first. */
async function allAudit(store: Store): Promise<AuditRecord[]> {
  const newestFirst: AuditRecord[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await store.audit.list({ limit: 1000, before });
    newestFirst.push(...page.entries);
    if (page.next === null) break;
    before = page.next;
  }
  return newestFirst.reverse();
}

/** The attachment ids the submissions of `store` refer to. */
function attachmentIds(submissions: readonly SubmissionRecord[]): string[] {
  return submissions.flatMap((submission) => (submission.attachment ? [submission.attachment.id] : []));
}

/**
 * Copies everything an embedded store holds into an empty PostgreSQL store: the records, each
 * document's content (as one snapshot), revision states, threads and submissions, attachments,
 * client-id authorship, the audit trail (in its order), notifications with preferences and
 * reminder claims, and edit attribution. Sessions are not copied: people sign in again. The source is only read.
 */
export async function copyEmbeddedToPostgres(source: Store, target: PostgresStore, progress: Progress): Promise<void> {
  const records: Database = source.records.read((data) => structuredClone(data));
  await target.records.write((data) => {
    for (const collection of Object.keys(emptyDatabase()) as Array<keyof Database>) {
      (data as unknown as Record<string, unknown>)[collection] = records[collection];
    }
  });
  progress(`records copied (${records.users.length} accounts, ${records.documents.length} documents, ${records.revisions.length} revisions)`);
  for (const document of records.documents) {
    await target.content.compact(document.id, await encodedState(source, document.id));
    const threads = await source.comments.threads(document.id);
    const submissions = await source.comments.submissions(document.id);
    for (let index = 0; index < Math.max(threads.length, submissions.length); index += CHUNK) {
      await target.comments.save(document.id, { threads: threads.slice(index, index + CHUNK), submissions: submissions.slice(index, index + CHUNK) });
    }
    for (const id of attachmentIds(submissions)) {
      const data = await source.attachments.get(id);
      if (data !== undefined) await target.attachments.put(id, data);
    }
    const authors = await source.clientAuthors.forDocument(document.id);
    await target.clientAuthors.add([...authors].map(([clientId, userId]) => ({ documentId: document.id, clientId, userId })));
    progress(`document ${document.id} copied (${threads.length} threads, ${submissions.length} submissions)`);
  }
  for (const revision of records.revisions) {
    const state = await source.revisions.read(revision.documentId, revision.id).catch(() => null);
    if (state === null) progress(`revision ${revision.id} of document ${revision.documentId} has no readable state in the data folder; not copied`);
    else await target.revisions.write(revision.documentId, revision.id, state);
  }
  const audit = await allAudit(source);
  for (const entry of audit) await target.audit.append(entry);
  progress(`audit trail copied (${audit.length} entries)`);
  let notificationCount = 0;
  for (const user of records.users) {
    const rows = await allNotifications(source, user.id);
    for (let index = 0; index < rows.length; index += CHUNK) await target.notifications.add(rows.slice(index, index + CHUNK));
    notificationCount += rows.length;
    const preferences = await source.notifications.preferences(user.id);
    if (preferences) await target.notifications.setPreferences(preferences);
  }
  // The target is empty, so every claim is free and is stored as it is (completed or not).
  const claims = await source.notifications.reminderClaims();
  for (const claim of claims) await target.notifications.claimReminder(claim, '');
  progress(`notifications copied (${notificationCount} notifications, ${claims.length} reminder claims)`);
  let editCount = 0;
  for (const document of records.documents) {
    const edits = await source.edits.forDocument(document.id);
    for (let index = 0; index < edits.length; index += CHUNK) await target.edits.append(document.id, edits.slice(index, index + CHUNK));
    await source.edits.release(document.id);
    editCount += edits.length;
  }
  progress(`edit attribution copied (${editCount} records)`);
}

/** Every notification of a user in `store`, oldest first. */
async function allNotifications(store: Store, userId: string): Promise<NotificationRecord[]> {
  const newestFirst: NotificationRecord[] = [];
  for (;;) {
    const page = await store.notifications.list(userId, 1000, newestFirst.at(-1)?.id);
    newestFirst.push(...page);
    if (page.length < 1000) break;
  }
  return newestFirst.reverse();
}

/** Every edit record of every document, as JSON in order (to compare both sides). */
async function allEdits(store: Store, documents: readonly DocumentRecord[]): Promise<{ count: number; json: string }> {
  let count = 0;
  const parts: string[] = [];
  for (const document of documents) {
    const edits = await store.edits.forDocument(document.id);
    await store.edits.release(document.id);
    count += edits.length;
    parts.push(canonical([document.id, edits]));
  }
  return { count, json: parts.join('\n') };
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the order keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/**
 * Compares the copy with the source: the count of every kind of row (records compared whole,
 * `settings` included), then each document's encoded state and each revision state, byte for
 * byte, and notifications, reminder claims and edit attribution as JSON.
 */
export async function verifyMigration(source: Store, target: PostgresStore): Promise<Verification> {
  const rows: VerificationRow[] = [];
  const count = (what: string, embedded: number, postgres: number): void => {
    rows.push({ what, embedded, postgres, ok: embedded === postgres });
  };
  const records = source.records.read((data) => structuredClone(data));
  await target.records.refresh();
  const copied = target.records.read((data) => data);
  for (const collection of Object.keys(emptyDatabase()) as Array<keyof Database>) {
    const ok = canonical(records[collection]) === canonical(copied[collection]);
    // `settings` is one object: compared whole, counted as one row.
    const size = (value: Database[keyof Database]): number => (Array.isArray(value) ? value.length : 1);
    rows.push({ what: `records: ${collection}`, embedded: size(records[collection]), postgres: size(copied[collection]), ok });
  }
  let threads: ThreadRecord[] = [];
  let submissions: SubmissionRecord[] = [];
  let authors = 0;
  let sameContent = 0;
  for (const document of records.documents) {
    threads = threads.concat(await source.comments.threads(document.id));
    submissions = submissions.concat(await source.comments.submissions(document.id));
    authors += (await source.clientAuthors.forDocument(document.id)).size;
    if (same(await encodedState(source, document.id), await encodedState(target, document.id))) sameContent += 1;
  }
  const targetComments = await target.comments.count();
  count('threads', threads.length, targetComments.threads);
  count('submissions', submissions.length, targetComments.submissions);
  const attachments = attachmentIds(submissions);
  let attachmentsPresent = 0;
  for (const id of attachments) if ((await source.attachments.get(id)) !== undefined) attachmentsPresent += 1;
  count('attachments', attachmentsPresent, await target.attachments.count());
  let targetAuthors = 0;
  for (const document of records.documents) targetAuthors += (await target.clientAuthors.forDocument(document.id)).size;
  count('client authors', authors, targetAuthors);
  count('audit entries', (await allAudit(source)).length, await target.audit.count());
  count('documents with identical encoded state', records.documents.length, sameContent);
  let sameRevisions = 0;
  let readableRevisions = 0;
  for (const revision of records.revisions) {
    const state = await source.revisions.read(revision.documentId, revision.id).catch(() => null);
    if (state === null) continue;
    readableRevisions += 1;
    const copy = await target.revisions.read(revision.documentId, revision.id).catch(() => null);
    if (copy !== null && same(state, copy)) sameRevisions += 1;
  }
  count('revision states, byte for byte', readableRevisions, sameRevisions);
  count('revision states stored', readableRevisions, await target.revisions.count());
  let notifications = '';
  let notificationCount = 0;
  let preferences = 0;
  let targetNotifications = '';
  for (const user of records.users) {
    const mine = await allNotifications(source, user.id);
    notificationCount += mine.length;
    notifications += canonical(mine);
    targetNotifications += canonical(await allNotifications(target, user.id));
    if ((await source.notifications.preferences(user.id)) !== undefined) preferences += 1;
  }
  const targetCounts = await target.notifications.count();
  rows.push({ what: 'notifications', embedded: notificationCount, postgres: targetCounts.notifications, ok: notificationCount === targetCounts.notifications && notifications === targetNotifications });
  count('notification preferences', preferences, targetCounts.preferences);
  const claims = await source.notifications.reminderClaims();
  const targetClaims = await target.notifications.reminderClaims();
  rows.push({ what: 'reminder claims', embedded: claims.length, postgres: targetClaims.length, ok: canonical(claims) === canonical(targetClaims) });
  const edits = await allEdits(source, records.documents);
  const targetEdits = await allEdits(target, records.documents);
  rows.push({ what: 'edit attribution records', embedded: edits.count, postgres: targetEdits.count, ok: edits.json === targetEdits.json });
  return { rows, ok: rows.every((row) => row.ok) };
}

/** The verification as a plain text table. */
export function formatVerification(verification: Verification): string {
  const header: [string, string, string, string] = ['what', 'embedded', 'PostgreSQL', 'ok'];
  const lines = verification.rows.map((row): [string, string, string, string] => [row.what, String(row.embedded), String(row.postgres), row.ok ? 'yes' : 'NO']);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)));
  const render = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}
