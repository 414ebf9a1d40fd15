import type { LegacyCollections, SubmissionRecord, ThreadRecord } from './records.ts';
import type { ClientAuthorStore, CommentStore, RecordStore, SessionStore } from './store.ts';
import type { StoreLogger } from './file-content-store.ts';

/**
 * Moves collections that older versions kept in `records.json` (threads, submissions,
 * sessions, client-id authorship) into their tables, once. Crash-safe and idempotent: the
 * tables are written first (writing a row again only replaces it with itself), and only then
 * is `records.json` rewritten without them; a crash in between repeats the move at next start.
 */
export async function migrateLegacyCollections(
  legacy: LegacyCollections,
  stores: { records: RecordStore; comments: CommentStore; sessions: SessionStore; clientAuthors: ClientAuthorStore },
  logger: StoreLogger,
): Promise<void> {
  const total = legacy.threads.length + legacy.submissions.length + legacy.sessions.length + legacy.clientAuthors.length;
  if (total === 0) return;
  const byDocument = new Map<string, { threads: ThreadRecord[]; submissions: SubmissionRecord[] }>();
  const of = (documentId: string) => {
    let entry = byDocument.get(documentId);
    if (!entry) byDocument.set(documentId, (entry = { threads: [], submissions: [] }));
    return entry;
  };
  for (const thread of legacy.threads) of(thread.documentId).threads.push(thread);
  for (const submission of legacy.submissions) of(submission.documentId).submissions.push(submission);
  for (const [documentId, changes] of byDocument) await stores.comments.save(documentId, changes);
  const now = Date.now();
  for (const session of legacy.sessions) if (Date.parse(session.expiresAt) > now) await stores.sessions.put(session);
  await stores.clientAuthors.add(legacy.clientAuthors);
  // Any write of the records drops the moved collections: the store no longer carries them.
  await stores.records.write(() => undefined);
  logger.warn(
    { threads: legacy.threads.length, submissions: legacy.submissions.length, sessions: legacy.sessions.length, clientAuthors: legacy.clientAuthors.length },
    'moved growing collections out of records.json into their tables',
  );
}
