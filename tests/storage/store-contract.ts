import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import type { Store } from '../../server/storage/store.ts';
import type { AuditRecord, EditRecord, SubmissionRecord, ThreadRecord } from '../../server/storage/records.ts';
import type { NotificationRecord } from '../../server/storage/notification-records.ts';
import { threadRecord } from '../helpers/thread-record.ts';

/** How a contract run reaches one implementation: `open` again reopens the same stored data. */
export interface StoreHarness {
  open(): Promise<Store>;
  /** Removes what the run stored. */
  cleanup(): Promise<void>;
}

const account = {
  id: 'admin',
  username: 'admin',
  displayName: 'Quản trị viên',
  role: 'secretariat' as const,
  organizationId: null,
  passwordHash: 'x',
  disabled: false,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

const at = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

/** A thread row with the given id and status (everything else plain). */
function thread(documentId: string, id: string, body: string): ThreadRecord {
  return threadRecord({ id, documentId, authorId: 'lan', comments: [{ id: `${id}-c1`, authorId: 'lan', body, createdAt: at(0) }], createdAt: at(0), version: 1 });
}

function submission(documentId: string, id: string, threadIds: string[]): SubmissionRecord {
  return {
    id,
    documentId,
    organizationId: 'btp',
    revisionId: null,
    documentNumber: '12/BTP-PLDSKT',
    date: '2026-12-01',
    signer: 'Nguyễn Văn A',
    noComments: false,
    attachment: null,
    threadIds,
    createdBy: 'lan',
    createdAt: at(0),
  };
}

function audit(index: number, action: string, documentId: string | null): AuditRecord {
  return { id: `a${index}`, at: at(index), action, actorId: 'lan', documentId, details: { index } };
}

const NOTIFIED_AT = new Date().toISOString();

function notification(id: string, userId: string): NotificationRecord {
  return {
    id,
    userId,
    kind: 'round_opened',
    documentId: 'doc1',
    roundId: 'round1',
    threadId: null,
    title: 'Dự thảo mới cần góp ý',
    body: `Vòng góp ý ${id}`,
    link: '/documents/doc1?round=round1',
    createdAt: NOTIFIED_AT,
    readAt: null,
  };
}

async function textOf(store: Store, documentId: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of (await store.content.load(documentId)).updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

/**
 * The behaviour every `Store` implementation must show, run against one of them. Each test
 * opens the store, writes, closes, and (where it matters) reopens to read back what persisted.
 */
export function storeContract(name: string, harness: () => Promise<StoreHarness>, options: { skip?: string | false } = {}): void {
  describe(`store contract: ${name}`, { skip: options.skip ?? false }, () => {
    const withStore = async (run: (reopen: () => Promise<Store>) => Promise<void>): Promise<void> => {
      const opened = await harness();
      const stores: Store[] = [];
      try {
        await run(async () => {
          const store = await opened.open();
          // A data folder in use always has an account (the embedded store refuses to start on
          // content without one, taking it for lost records).
          if (stores.length === 0) await store.records.write((data) => void data.users.push(account));
          stores.push(store);
          return store;
        });
      } finally {
        for (const store of stores) await store.close().catch(() => undefined);
        await opened.cleanup();
      }
    };

    test('records: a write is read back after reopening; a writer that throws changes nothing', () =>
      withStore(async (open) => {
        const store = await open();
        await store.records.write((data) => {
          data.organizations.push({ id: 'btp', name: 'Bộ Tư pháp', shortName: 'BTP', kind: 'ministry' }, { id: 'bct', name: 'Bộ Công Thương', shortName: 'BCT', kind: 'ministry' });
        });
        await store.records.write((data) => {
          data.organizations = data.organizations.filter((org) => org.id !== 'btp');
          data.organizations.push({ id: 'bnv', name: 'Bộ Nội vụ', shortName: 'BNV', kind: 'ministry' });
        });
        await assert.rejects(
          store.records.write((data) => {
            data.organizations.length = 0;
            throw new Error('refused');
          }),
          /refused/,
        );
        assert.deepEqual(store.records.read((data) => data.organizations.map((org) => org.id)), ['bct', 'bnv']);
        await store.close();
        const reopened = await open();
        assert.deepEqual(reopened.records.read((data) => data.organizations.map((org) => org.name)), ['Bộ Công Thương', 'Bộ Nội vụ']);
      }));

    test('content: appended updates and a compaction reload into the same text', () =>
      withStore(async (open) => {
        const store = await open();
        assert.deepEqual((await store.content.load('doc1')).updates, []);
        const doc = new Y.Doc();
        const appends: Array<Promise<void>> = [];
        doc.on('update', (update: Uint8Array) => appends.push(store.content.append('doc1', update)));
        doc.getText('t').insert(0, 'Phần mở đầu. ');
        await Promise.all(appends);
        await store.content.compact('doc1', Y.encodeStateAsUpdate(doc));
        assert.equal(store.content.needsCompaction('doc1'), false);
        doc.getText('t').insert(doc.getText('t').length, 'Quan điểm chỉ đạo.');
        await Promise.all(appends);
        await store.content.release('doc1');
        await store.close();
        const reopened = await open();
        assert.equal(await textOf(reopened, 'doc1'), 'Phần mở đầu. Quan điểm chỉ đạo.');
        assert.equal((await reopened.content.load('doc1')).updates.length, 2, 'one snapshot and one logged update');
      }));

    test('revisions: a state is read back until removed', () =>
      withStore(async (open) => {
        const store = await open();
        const state = Y.encodeStateAsUpdate(new Y.Doc());
        assert.ok((await store.revisions.write('doc1', 'rev1', state)) > 0);
        assert.deepEqual(await store.revisions.read('doc1', 'rev1'), state);
        await store.revisions.remove('doc1', 'rev1');
        await assert.rejects(store.revisions.read('doc1', 'rev1'));
      }));

    test('comments: threads and submissions keep their order; a refused update writes nothing', () =>
      withStore(async (open) => {
        const store = await open();
        await store.comments.save('doc1', { threads: [thread('doc1', 't1', 'Đề nghị làm rõ.'), thread('doc1', 't2', 'Thống nhất.')], submissions: [submission('doc1', 's1', ['t1'])] });
        await store.comments.save('doc1', { threads: [thread('doc1', 't3', 'Bổ sung.')] });
        await store.comments.save('doc2', { threads: [thread('doc2', 'x1', 'Khác.')] });
        const updated = await store.comments.updateThread('doc1', 't1', (current) => {
          assert.ok(current);
          return { ...current, status: 'under_review', version: 2 };
        });
        assert.equal(updated.status, 'under_review');
        await assert.rejects(
          store.comments.updateThread('doc1', 't2', () => {
            throw new Error('stale version');
          }),
          /stale version/,
        );
        await store.close();
        const reopened = await open();
        assert.deepEqual((await reopened.comments.threads('doc1')).map((row) => [row.id, row.status]), [['t1', 'under_review'], ['t2', 'open'], ['t3', 'open']]);
        assert.deepEqual((await reopened.comments.submissions('doc1')).map((row) => row.threadIds), [['t1']]);
        assert.equal((await reopened.comments.thread('doc1', 't2'))?.comments[0]?.body, 'Thống nhất.');
        assert.equal(await reopened.comments.thread('doc2', 't1'), undefined);
      }));

    test('sessions: expired and removed sessions are gone, after reopening too', () =>
      withStore(async (open) => {
        const store = await open();
        const session = (tokenHash: string, userId: string, expiresInMs: number) => ({ tokenHash, userId, createdAt: at(0), expiresAt: at(expiresInMs) });
        await store.sessions.put(session('old', 'lan', -1000));
        await store.sessions.put(session('stale', 'lan', 60_000));
        await store.sessions.put(session('keep', 'lan', 60_000));
        await store.sessions.put(session('live', 'minh', 3600_000));
        await store.sessions.pruneExpired(Date.now());
        assert.equal(await store.sessions.get('old'), undefined);
        await store.sessions.removeUser('lan', 'keep');
        assert.equal(store.sessions.peek('stale'), undefined);
        assert.equal(store.sessions.peek('keep')?.userId, 'lan');
        await store.sessions.remove('live');
        await store.close();
        const reopened = await open();
        assert.deepEqual(['old', 'stale', 'live'].map((hash) => reopened.sessions.peek(hash)), [undefined, undefined, undefined]);
        assert.equal((await reopened.sessions.get('keep'))?.userId, 'lan');
      }));

    test('client authors: the first owner wins and pruning keeps only the given ids', () =>
      withStore(async (open) => {
        const store = await open();
        await store.clientAuthors.add([{ documentId: 'doc1', clientId: 1, userId: 'lan' }, { documentId: 'doc1', clientId: 2, userId: 'minh' }]);
        await store.clientAuthors.add([{ documentId: 'doc1', clientId: 1, userId: 'hoa' }, { documentId: 'doc2', clientId: 1, userId: 'hoa' }]);
        await store.clientAuthors.prune('doc1', new Set([1]));
        await store.close();
        const reopened = await open();
        assert.deepEqual([...(await reopened.clientAuthors.forDocument('doc1'))], [[1, 'lan']]);
        assert.deepEqual([...(await reopened.clientAuthors.forDocument('doc2'))], [[1, 'hoa']]);
      }));

    test('audit: newest first, pages by cursor, filters by document and action prefix', () =>
      withStore(async (open) => {
        const store = await open();
        const actions = ['document.created', 'thread.created', 'document.renamed', 'user.created', 'thread.decided', 'document.archived'];
        const entries = actions.map((action, index) => audit(index, action, action.startsWith('user') ? null : 'doc1'));
        for (const entry of entries) await store.audit.append(entry);
        const first = await store.audit.list({ limit: 2 });
        assert.deepEqual(first.entries.map((entry) => entry.id), ['a5', 'a4']);
        assert.ok(first.next);
        const second = await store.audit.list({ limit: 10, before: first.next });
        assert.deepEqual(second.entries.map((entry) => entry.id), ['a3', 'a2', 'a1', 'a0']);
        assert.equal(second.next, null);
        const documents = await store.audit.list({ limit: 2, documentId: 'doc1', actions: ['document.', 'thread.decided'] });
        assert.deepEqual(documents.entries.map((entry) => entry.action), ['document.archived', 'thread.decided']);
        const rest = await store.audit.list({ limit: 5, documentId: 'doc1', actions: ['document.', 'thread.decided'], before: documents.next ?? undefined });
        assert.deepEqual(rest.entries.map((entry) => entry.action), ['document.renamed', 'document.created']);
        await store.close();
        const reopened = await open();
        assert.deepEqual((await reopened.audit.list({ limit: 1 })).entries, entries.slice(-1));
      }));

    test('notifications: stored once, paged newest first, read marks, preferences, after reopening too', () =>
      withStore(async (open) => {
        const store = await open();
        const first = await store.notifications.add([notification('n1', 'lan'), notification('n2', 'lan'), notification('m1', 'minh'), notification('n3', 'lan')]);
        assert.deepEqual(first.map((row) => row.id), ['n1', 'n2', 'm1', 'n3']);
        const again = await store.notifications.add([notification('n1', 'lan'), notification('n4', 'lan'), notification('n4', 'lan')]);
        assert.deepEqual(again.map((row) => row.id), ['n4'], 'a repeated delivery stores nothing');
        assert.deepEqual((await store.notifications.list('lan', 2)).map((row) => row.id), ['n4', 'n3']);
        assert.deepEqual((await store.notifications.list('lan', 5, 'n3')).map((row) => row.id), ['n2', 'n1']);
        assert.deepEqual(await store.notifications.list('lan', 5, 'm1'), [], "another user's id is no cursor");
        assert.equal(await store.notifications.unreadCount('lan'), 4);
        const readAt = at(0);
        assert.equal(await store.notifications.markRead('lan', ['n1', 'm1'], readAt), 1);
        assert.equal(await store.notifications.markRead('lan', 'all', readAt), 3);
        assert.equal(await store.notifications.markRead('lan', 'all', readAt), 0);
        assert.equal(await store.notifications.unreadCount('lan'), 0);
        assert.equal(await store.notifications.unreadCount('minh'), 1);
        assert.equal(await store.notifications.get('minh', 'n1'), undefined);
        assert.equal(await store.notifications.preferences('lan'), undefined);
        const preferences = { userId: 'lan', inApp: { overdue: false }, email: { round_opened: false, comment_replied: true }, updatedAt: at(0) };
        await store.notifications.setPreferences(preferences);
        await store.notifications.setPreferences({ ...preferences, inApp: {} });
        await store.close();
        const reopened = await open();
        assert.deepEqual(await reopened.notifications.get('lan', 'n2'), { ...notification('n2', 'lan'), readAt });
        assert.equal((await reopened.notifications.get('minh', 'm1'))?.readAt, null);
        assert.deepEqual((await reopened.notifications.list('lan', 10)).map((row) => row.id), ['n4', 'n3', 'n2', 'n1']);
        assert.deepEqual(await reopened.notifications.preferences('lan'), { ...preferences, inApp: {} });
      }));

    test('notifications: pruning removes those created before the instant, read or not, for every user, and stays done after reopening', () =>
      withStore(async (open) => {
        const store = await open();
        const made = (id: string, userId: string, createdAt: string): NotificationRecord => ({ ...notification(id, userId), createdAt });
        await store.notifications.add([made('old1', 'lan', '2025-01-10T08:00:00.000Z'), made('old2', 'minh', '2025-06-01T00:00:00.000Z'), made('new1', 'lan', '2026-11-30T08:00:00.000Z'), made('edge', 'lan', '2026-01-01T00:00:00.000Z')]);
        await store.notifications.markRead('minh', 'all', at(0));
        assert.equal(await store.notifications.prune('2026-01-01T00:00:00.000Z'), 2);
        assert.equal(await store.notifications.prune('2026-01-01T00:00:00.000Z'), 0, 'pruning again removes nothing');
        // Newest stored first; the one created exactly at the instant stays.
        assert.deepEqual((await store.notifications.list('lan', 10)).map((row) => row.id), ['edge', 'new1']);
        assert.equal(await store.notifications.unreadCount('lan'), 2);
        assert.deepEqual(await store.notifications.list('minh', 10), []);
        assert.equal(await store.notifications.get('lan', 'old1'), undefined);
        await store.close();
        const reopened = await open();
        assert.deepEqual((await reopened.notifications.list('lan', 10)).map((row) => row.id), ['edge', 'new1']);
        assert.equal(await reopened.notifications.get('minh', 'old2'), undefined);
      }));

    test('notifications: of two concurrent claims of a reminder one wins; completed claims stay, stale ones are taken again', () =>
      withStore(async (open) => {
        const store = await open();
        const claim = (key: string, owner: string, claimedAt: string) => ({ key, owner, claimedAt, completedAt: null });
        const staleBefore = at(-60_000);
        const results = await Promise.all([store.notifications.claimReminder(claim('r:o:overdue:d', 'a', at(0)), staleBefore), store.notifications.claimReminder(claim('r:o:overdue:d', 'b', at(0)), staleBefore)]);
        assert.deepEqual(results.filter(Boolean).length, 1, `exactly one claimer wins (${results.join(', ')})`);
        assert.equal(await store.notifications.claimReminder(claim('r:o:overdue:d', 'c', at(1)), staleBefore), false, 'a fresh claim is not taken');
        await store.notifications.claimReminder(claim('r:o:deadline_in_1_day:d', 'dead', at(-120_000)), staleBefore);
        assert.equal(await store.notifications.claimReminder(claim('r:o:deadline_in_1_day:d', 'c', at(0)), staleBefore), true, 'a stale claim is taken again');
        const completedAt = at(0);
        await store.notifications.completeReminder('r:o:overdue:d', completedAt);
        assert.equal(await store.notifications.claimReminder(claim('r:o:overdue:d', 'c', at(0)), at(3_600_000)), false, 'a completed claim is never taken again');
        await store.close();
        const reopened = await open();
        const claims = await reopened.notifications.reminderClaims();
        assert.deepEqual(
          claims.map((row) => [row.key, row.owner, row.completedAt]),
          [
            ['r:o:deadline_in_1_day:d', 'c', null],
            ['r:o:overdue:d', results[0] ? 'a' : 'b', completedAt],
          ],
        );
        assert.equal(await reopened.notifications.claimReminder(claim('r:o:deadline_in_1_day:d', 'e', at(0)), staleBefore), false, 'claims persist');
      }));

    test('edits: appended records come back in order per document after reopening', () =>
      withStore(async (open) => {
        const store = await open();
        const edit = (userId: string, offset: number): EditRecord => ({ userId, at: 1_796_000_000_000 + offset, inserted: [[1, offset, 3]], deleted: offset > 0 ? [[2, 0, offset]] : [] });
        await store.edits.append('doc1', [edit('lan', 0), edit('minh', 1)]);
        await store.edits.append('doc2', [edit('hoa', 5)]);
        await store.edits.append('doc1', []);
        await store.edits.append('doc1', [edit('lan', 2)]);
        await store.edits.release('doc1');
        await store.close();
        const reopened = await open();
        assert.deepEqual(await reopened.edits.forDocument('doc1'), [edit('lan', 0), edit('minh', 1), edit('lan', 2)]);
        assert.deepEqual(await reopened.edits.forDocument('doc2'), [edit('hoa', 5)]);
        assert.deepEqual(await reopened.edits.forDocument('doc3'), []);
      }));

    test('attachments: stored once, read back, unknown ids answer undefined', () =>
      withStore(async (open) => {
        const store = await open();
        const bytes = new Uint8Array(Buffer.from('%PDF-1.7 công văn'));
        await store.attachments.put('att1', bytes);
        await assert.rejects(store.attachments.put('att1', bytes));
        assert.deepEqual(new Uint8Array(((await store.attachments.get('att1')) ?? new Uint8Array())), bytes);
        assert.equal(await store.attachments.get('missing'), undefined);
        assert.deepEqual(await store.health(), { ok: true });
      }));
  });
}
