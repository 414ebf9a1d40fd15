import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { rmSync } from 'node:fs';
import { requestJson, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts';
import { listenThreadEvents, type ThreadEventStream } from '../helpers/thread-events.ts';
import { anchorFor, findParagraph } from '../comments/helpers.ts';
import { roundOrganizations } from './organizations.ts';
import type { PublicSubmission, PublicThread, ThreadsResponse } from '../../server/comments/schemas.ts';
import type { RoundDashboard, RoundWithStatuses } from '../../server/rounds/schemas.ts';
import type { PublicRevision } from '../../server/revisions/schemas.ts';
import type { NotificationList } from '../../server/notifications/schemas.ts';

// A full consultation round through the API, the way ministries answer it: each officer prepares
// drafts private to the organisation, then sends one official response. 19 organisations, a
// clock the test moves; deadline "2026-03-10" is the end of 10 March in Viet Nam. Every
// notification of every person is checked, and the server restarts on its data folder in the
// middle of the deadline reminders.

let clock = Date.UTC(2026, 2, 1, 3);
/** 10:00 in Viet Nam on `d` March 2026 (plus `hour` hours UTC). */
const day = (d: number, hour = 3): number => Date.UTC(2026, 2, d, hour);

let server: TestServer;
const dataDir = tempDataDir();
let reader: TestClient;
let documentId: string;
let revisionId: string;
let roundId: string;
const tokens: Record<string, string> = {};
const organizations: string[] = [];
let headings: string[] = [];
const firstResponse: Record<number, string> = {};

const api = (who: string, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

const ok = async <T>(promise: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> => {
  const result = await promise;
  assert.equal(result.status, status, JSON.stringify(result.body));
  return result.body as T;
};

const refused = async (promise: Promise<{ status: number; body: unknown }>, status: number, code: string, message?: string): Promise<void> => {
  const result = await promise;
  assert.equal(result.status, status, `${message ?? ''} ${JSON.stringify(result.body)}`);
  assert.equal((result.body as { error?: { code?: string } }).error?.code, code, message);
};

/** The officer of organisation `i` (`officer0` … `officer18`). */
const officer = (i: number): string => `officer${i}`;
const org = (i: number): string => organizations[i] as string;

/** A draft comment of organisation `i` on a section (the round is the default: the only open one). */
const draft = (i: number, section: string, body = `Góp ý của tổ chức ${i}`) =>
  ok<PublicThread>(api(officer(i), 'POST', '/threads', { body, sectionBlockId: section, revisionId }), 201);

/** Organisation `i` sends its response (its drafts become the response's comments). */
const send = (i: number, number: string, extra: Record<string, unknown> = {}) =>
  api(officer(i), 'POST', '/submissions', { documentNumber: number, date: '2026-03-05', signer: 'Thứ trưởng', noComments: false, items: [], ...extra });

const threadsOf = async (who: string, query = ''): Promise<PublicThread[]> => (await ok<ThreadsResponse>(api(who, 'GET', `/threads${query}`))).threads;
const dashboardOf = (who = 'admin') => ok<RoundDashboard>(api(who, 'GET', `/rounds/${roundId}/dashboard`));

/** Everyone with an account, and the notification kinds each has seen so far (oldest first). */
const people: string[] = [];
const heard: Record<string, string[]> = {};

const kindsOf = async (who: string): Promise<string[]> => {
  const list = await ok<NotificationList>(requestJson(server.baseUrl, 'GET', '/api/notifications?limit=100', { token: tokens[who] }));
  assert.equal(list.nextBefore, null, `${who}: one page holds them all`);
  return list.notifications.map((notification) => notification.kind).reverse();
};

/**
 * Asserts the notifications every person received since the last call, exactly: `added` lists
 * who got which kinds (in order); everyone else got none.
 */
const heardSince = async (added: Record<string, string[]>, message: string): Promise<void> => {
  const actual: Record<string, string[]> = {};
  for (const who of people) {
    const kinds = await kindsOf(who);
    const before = heard[who] ?? [];
    assert.deepEqual(kinds.slice(0, before.length), before, `${message}: ${who} keeps what it had`);
    const fresh = kinds.slice(before.length);
    if (fresh.length > 0) actual[who] = fresh;
    heard[who] = kinds;
  }
  assert.deepEqual(actual, added, message);
};

/** `kinds` for each officer of the organisations `indexes`. */
const toOfficers = (indexes: readonly number[], ...kinds: string[]): Record<string, string[]> =>
  Object.fromEntries(indexes.map((i) => [officer(i), kinds]));

/** The organisations that never answer, and the two that answer late: they get every reminder. */
const UNANSWERED = [10, 11, 15, 16, 17, 18] as const;

const runReminders = () => server.app.reminders.runDueReminders();

const start = () => startTestServer({ dataDir, now: () => clock, reminderIntervalMs: 3600_000 });

const counts = (partial: Partial<RoundDashboard['counts']>): RoundDashboard['counts'] => ({
  pending: 0,
  preparing: 0,
  responded: 0,
  no_comments: 0,
  overdue: 0,
  responded_late: 0,
  oral: 0,
  ...partial,
});

/** A tiny but real PDF, as the scan of the signed letter. */
const scan = { fileName: 'cong-van.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%scan\n').toString('base64') };

before(async () => {
  server = await start();
  tokens.admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(tokens.admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  organizations.push(...(await roundOrganizations(server, tokens.admin)).organizations);
  const accounts: Array<{ username: string; role: string; organizationId?: string }> = [
    { username: 'editor', role: 'editor' },
    { username: 'observer', role: 'observer' },
    { username: 'colleague', role: 'ministry', organizationId: org(0) },
    ...Array.from({ length: 19 }, (_, i) => ({ username: officer(i), role: 'ministry', organizationId: org(i) })),
  ];
  people.push('admin', ...accounts.map((person) => person.username));
  const ids: Record<string, string> = {};
  for (const person of accounts) {
    ids[person.username] = await server.createUser(tokens.admin, { ...person, password: `pw-${person.username}-1`, displayName: `Người ${person.username}` });
    tokens[person.username] = await server.login(person.username, `pw-${person.username}-1`);
  }
  await ok(requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: tokens.admin, body: { members: [ids.editor, ids.observer], organizations: [] } }));
  // Other organisations' comments are open to all participants on this document: the round's
  // own setting (ministries do not see each other) must still win for the round's comments.
  await ok(api('admin', 'PUT', '/comment-settings', { visibility: 'all_participants' }));
  reader = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(reader);
  headings = reader.fragment
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading')
    .map((node) => String(node.getAttribute('id')));
  assert.ok(headings.length >= 3);
  revisionId = (await ok<{ id: string }>(api('admin', 'POST', '/revisions', { name: 'Dự thảo lần 1' }), 201)).id;
  clock = day(1);
  roundId = (
    await ok<RoundWithStatuses>(
      api('admin', 'POST', '/rounds', {
        title: 'Lấy ý kiến đề cương lần 1',
        requestLetter: { number: '123/BQP-VP', date: '2026-03-01' },
        revisionId,
        deadline: '2026-03-10',
        organizations,
        ministriesSeeEachOther: false,
      }),
      201,
    )
  ).id;
  // Every officer of the 19 organisations is told, and nobody else.
  await heardSince({ ...toOfficers(organizations.map((_, i) => i), 'round_opened'), colleague: ['round_opened'] }, 'opening the round');
});

after(async () => {
  reader.destroy();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('drafts of one organisation are invisible to every other role and organisation until sent, live events included', async () => {
  const watchers = ['admin', 'editor', 'observer', 'colleague', officer(1)];
  const streams = new Map<string, ThreadEventStream<PublicThread>>(watchers.map((who) => [who, listenThreadEvents<PublicThread>(server.baseUrl, documentId, tokens[who] as string)]));
  try {
    // Give each stream time to subscribe before anything happens.
    await new Promise((resolve) => setTimeout(resolve, 300));
    clock = day(2);
    const onPassage = await ok<PublicThread>(
      api(officer(0), 'POST', '/threads', { body: 'Bổ sung bão lũ', anchor: anchorFor(reader, 'thiên tai cực đoan'), revisionId }),
      201,
    );
    const onSection = await draft(0, headings[0] as string, 'Làm rõ phạm vi');
    for (const thread of [onPassage, onSection]) assert.deepEqual([thread.draft, thread.roundId, thread.revisionId], [true, roundId, revisionId]);
    const drafts = new Set([onPassage.id, onSection.id]);
    // A comment everyone sees, after the drafts: once a stream has it, it would have had the drafts.
    const marker = await ok<PublicThread>(api('editor', 'POST', '/threads', { body: 'Ghi chú của Tổ biên soạn', anchor: anchorFor(reader, 'khủng bố') }), 201);
    for (const [who, stream] of streams) {
      await waitFor(() => stream.events.some((event) => event.id === marker.id), `${who} receives the editor's comment`);
      const seen = stream.events.filter((event) => drafts.has(event.id)).length;
      assert.equal(seen, who === 'colleague' ? 2 : 0, `${who}: live events of the drafts`);
    }

    for (const who of ['admin', 'editor', 'observer', officer(1)]) {
      const list = await ok<ThreadsResponse>(api(who, 'GET', '/threads'));
      assert.deepEqual(list.threads.filter((thread) => drafts.has(thread.id)), [], who);
      assert.equal(list.counts.byOrganization[org(0)], undefined, `${who}: the counts do not tell either`);
      assert.deepEqual((await threadsOf(who, `?revisionId=${revisionId}`)).filter((thread) => drafts.has(thread.id)), [], who);
      const revisions = await ok<PublicRevision[]>(api(who, 'GET', '/revisions'));
      assert.equal(revisions.find((revision) => revision.id === revisionId)?.threadCount, 0, `${who}: comments on the version sent`);
    }
    const mine = (await threadsOf('colleague')).filter((thread) => drafts.has(thread.id));
    assert.deepEqual(mine.map((thread) => thread.draft), [true, true], 'an officer of the same organisation sees them, marked as drafts');
    // Nobody else can reach a draft by its id either.
    for (const who of ['admin', 'editor', officer(1)]) {
      await refused(api(who, 'POST', `/threads/${onSection.id}/comments`, { body: 'Trả lời' }), 404, 'ERR_THREAD_NOT_FOUND', who);
    }
    await refused(api('admin', 'POST', `/threads/${onSection.id}/status`, { status: 'accepted' }), 404, 'ERR_THREAD_NOT_FOUND');
    await refused(api('admin', 'PUT', `/threads/${onSection.id}/set-aside`, { reason: 'out_of_scope' }), 404, 'ERR_THREAD_NOT_FOUND');
    await refused(api('admin', 'PUT', `/threads/${marker.id}/set-aside`, { reason: 'duplicate', duplicateOf: onSection.id }), 404, 'ERR_THREAD_NOT_FOUND');
    await refused(api('admin', 'PUT', `/threads/${onPassage.id}/anchor`, { anchor: anchorFor(reader, 'khủng bố') }), 404, 'ERR_THREAD_NOT_FOUND');
    const csv = await fetch(`${server.baseUrl}/api/documents/${documentId}/synthesis.csv`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    assert.equal(csv.status, 200);
    const table = await csv.text();
    assert.ok(!table.includes('Bổ sung bão lũ') && !table.includes('Làm rõ phạm vi'), 'the synthesis table leaves drafts out');
    // The dashboard knows the organisation is preparing, but not what or where.
    const dashboard = await dashboardOf();
    const row = dashboard.organizations.find((candidate) => candidate.organization.id === org(0));
    assert.deepEqual([row?.status, row?.commentCount], ['preparing', 0]);
    assert.equal(dashboard.sections.reduce((sum, section) => sum + section.count, 0), 0);
    // A withdrawn draft is no longer preparation, and is never sent.
    const dropped = await draft(0, headings[1] as string, 'Bỏ');
    await ok(api('colleague', 'POST', `/threads/${dropped.id}/status`, { status: 'withdrawn' }));
    await heardSince({}, 'drafts and their withdrawal tell nobody');
  } finally {
    for (const stream of streams.values()) stream.close();
  }
});

test('sending the response publishes the drafts with it, locks them, and a second response must correct the first', async () => {
  const watcher = listenThreadEvents<PublicThread>(server.baseUrl, documentId, tokens.admin as string);
  const other = listenThreadEvents<PublicThread>(server.baseUrl, documentId, tokens[officer(1)] as string);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    clock = day(3);
    await refused(send(0, '1/BA', { noComments: true }), 400, 'ERR_VALIDATION', '"no comments" while drafts are pending');
    const response = await ok<PublicSubmission>(send(0, '1/BA', { attachment: scan }), 201);
    firstResponse[0] = response.id;
    assert.deepEqual([response.roundId, response.supersedes, response.supersededBy, response.threadIds.length], [roundId, null, null, 2]);
    await waitFor(() => response.threadIds.every((id) => watcher.events.some((event) => event.id === id && !event.draft)), 'the secretariat sees the sent comments live');
    const sent = (await threadsOf('admin')).filter((thread) => response.threadIds.includes(thread.id));
    assert.deepEqual(
      sent.map((thread) => [thread.draft, thread.submissionId, thread.organization?.id]),
      [
        [false, response.id, org(0)],
        [false, response.id, org(0)],
      ],
    );
    // The round does not let ministries see each other: organisation 1 sees none of it.
    assert.deepEqual((await threadsOf(officer(1))).filter((thread) => response.threadIds.includes(thread.id)), []);
    assert.ok(!other.events.some((event) => response.threadIds.includes(event.id)));
    assert.deepEqual((await ok<PublicSubmission[]>(api(officer(1), 'GET', '/submissions'))).map((submission) => submission.id), []);
    await refused(api(officer(1), 'GET', `/submissions/${response.id}/attachment`), 404, 'ERR_SUBMISSION_NOT_FOUND');
    const attachment = await fetch(`${server.baseUrl}/api/documents/${documentId}/submissions/${response.id}/attachment`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    assert.equal(attachment.status, 200);
    assert.equal(Buffer.from(await attachment.arrayBuffer()).toString('latin1').slice(0, 5), '%PDF-');

    // Locked: the organisation can no longer withdraw or reword what it sent; the secretariat still decides.
    const [first] = response.threadIds;
    const passage = sent.find((thread) => thread.anchor !== null);
    await refused(api('colleague', 'POST', `/threads/${first}/status`, { status: 'withdrawn' }), 409, 'ERR_RESPONSE_LOCKED');
    await refused(api(officer(0), 'PUT', `/threads/${passage?.id}/proposal`, { text: 'Bão, lũ và hạn hán' }), 409, 'ERR_RESPONSE_LOCKED');
    await ok(api('admin', 'POST', `/threads/${first}/status`, { status: 'accepted' }));
    // One response per round: another one must say which response it corrects.
    await refused(send(0, '2/BA', { noComments: true }), 409, 'ERR_RESPONSE_ALREADY_SENT');
    await refused(send(0, '2/BA', { noComments: true, supersedes: 'no-such-response' }), 404, 'ERR_SUBMISSION_NOT_FOUND');
    const row = (await dashboardOf()).organizations.find((candidate) => candidate.organization.id === org(0));
    assert.deepEqual([row?.status, row?.commentCount, row?.response?.documentNumber, row?.decisions.accepted], ['responded', 2, '1/BA', 1]);
    // The secretariat hears of the response; the organisation of the decision on its comment.
    await heardSince({ admin: ['response_received'], officer0: ['comment_decided'], colleague: ['comment_decided'] }, 'a response and a decision');
  } finally {
    watcher.close();
    other.close();
  }
});

test('a full round: 12 answer with comments (two late), 3 have none, 4 never answer and turn overdue; a correction supersedes', async () => {
  const [a, b, c] = headings as [string, string, string];
  // Organisations 1–9 answer on time, on days 4 to 8: one comment each, two for the odd ones.
  for (let i = 1; i < 10; i += 1) {
    clock = day(4 + Math.floor((i - 1) / 2), 3 + i);
    await draft(i, a);
    if (i % 2 === 1) await draft(i, i % 4 === 1 ? b : c);
    const response = await ok<PublicSubmission>(send(i, `${i + 1}/CV`), 201);
    firstResponse[i] = response.id;
    assert.equal(response.threadIds.length, i % 2 === 1 ? 2 : 1);
  }
  // Three say they have no comments.
  for (const i of [12, 13, 14]) {
    clock = day(6, i - 10);
    await ok(send(i, `${i + 1}/CV`, { noComments: true }), 201);
  }
  // Organisation 10 starts preparing; organisation 2 corrects its letter with one more comment.
  clock = day(7);
  await draft(10, b);
  assert.equal(await runReminders(), 0, 'more than 3 days before the deadline: no reminder yet');
  clock = day(8, 10);
  await draft(2, c, 'Bổ sung sau');
  const correction = await ok<PublicSubmission>(send(2, '3b/CV', { supersedes: firstResponse[2] }), 201);
  assert.deepEqual([correction.supersedes, correction.threadIds.length], [firstResponse[2], 1]);
  const letters = await ok<PublicSubmission[]>(api('admin', 'GET', '/submissions'));
  assert.equal(letters.find((letter) => letter.id === firstResponse[2])?.supersededBy, correction.id, 'the earlier letter stays, marked superseded');
  assert.equal(letters.find((letter) => letter.id === correction.id)?.supersededBy, null);
  await refused(send(2, '3c/CV', { supersedes: firstResponse[2] }), 409, 'ERR_RESPONSE_ALREADY_SENT', 'a correction corrects the response in force');
  // Each response, the correction included, is one notification to the secretariat.
  await heardSince({ admin: Array.from({ length: 13 }, () => 'response_received') }, 'twelve responses and a correction');

  // Under 3 days before the deadline: the six organisations without a response are reminded
  // (organisation 10 too, though it is preparing), once.
  clock = day(8, 13);
  assert.equal(await runReminders(), 6);
  assert.equal(await runReminders(), 0, 'each reminder once');
  await heardSince(toOfficers(UNANSWERED, 'deadline_in_3_days'), '3 days before the deadline');

  // A real restart on the same data folder in the middle of the reminders: nothing sent twice.
  reader.destroy();
  await server.close({ keepData: true });
  clock = day(9);
  server = await start();
  assert.equal(await runReminders(), 0, 'the 3-day reminders are not sent again after the restart');
  reader = connectClient(server.wsUrl, documentId, tokens.admin as string);
  await waitSynced(reader);
  await heardSince({}, 'the restart sends nothing');

  assert.deepEqual((await dashboardOf()).counts, counts({ responded: 10, no_comments: 3, preparing: 1, pending: 5 }));
  clock = day(10, 3);
  assert.equal(await runReminders(), 6);
  clock = day(10, 16);
  assert.equal(await runReminders(), 0, 'still the last day: nothing new');
  await heardSince(toOfficers(UNANSWERED, 'deadline_in_1_day'), 'under a day before the deadline');
  // The deadline passes: the six without a response are overdue, the one preparing included.
  clock = day(11);
  assert.deepEqual((await dashboardOf()).counts, counts({ responded: 10, no_comments: 3, overdue: 6 }));
  assert.equal(await runReminders(), 6);
  assert.equal(await runReminders(), 0);
  await heardSince(toOfficers(UNANSWERED, 'overdue'), 'the deadline passed');
  // Two answer late, with comments: accepted and marked late.
  clock = day(11, 5);
  await ok(send(10, '11/CV'), 201);
  await draft(11, c);
  await draft(11, a);
  await ok(send(11, '12/CV'), 201);
  await heardSince({ admin: ['response_received', 'response_received'] }, 'the two late responses');
  // Nothing more is due for this round, whenever the server looks.
  clock = day(15);
  assert.equal(await runReminders(), 0);
  const received = (await ok<NotificationList>(requestJson(server.baseUrl, 'GET', '/api/notifications?limit=100', { token: tokens.admin }))).notifications
    .filter((notification) => notification.kind === 'response_received')
    .map((notification) => notification.title)
    .reverse();
  const names = new Map((await ok<Array<{ id: string; name: string }>>(requestJson(server.baseUrl, 'GET', '/api/organizations', { token: tokens.admin }))).map((row) => [row.id, row.name]));
  assert.deepEqual(
    received,
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 2, 10, 11].map((i) => `${names.get(org(i))} đã trả lời: Lấy ý kiến đề cương lần 1`),
    'one per response, naming its organisation',
  );

  const dashboard = await dashboardOf();
  assert.deepEqual(dashboard.counts, counts({ responded: 10, responded_late: 2, no_comments: 3, overdue: 4 }));
  const rows = new Map(dashboard.organizations.map((row) => [row.organization.id, row]));
  assert.equal(rows.size, 19);
  const expected: Array<[status: string, comments: number, responses: number, letter: string | null]> = [
    ['responded', 2, 1, '1/BA'],
    ...Array.from({ length: 9 }, (_, k): [string, number, number, string] => {
      const i = k + 1;
      return i === 2 ? ['responded', 2, 2, '3b/CV'] : ['responded', i % 2 === 1 ? 2 : 1, 1, `${i + 1}/CV`];
    }),
    ['responded_late', 1, 1, '11/CV'],
    ['responded_late', 2, 1, '12/CV'],
    ['no_comments', 0, 1, '13/CV'],
    ['no_comments', 0, 1, '14/CV'],
    ['no_comments', 0, 1, '15/CV'],
    ['overdue', 0, 0, null],
    ['overdue', 0, 0, null],
    ['overdue', 0, 0, null],
    ['overdue', 0, 0, null],
  ];
  assert.deepEqual(
    organizations.map((id) => {
      const row = rows.get(id);
      return [row?.status, row?.commentCount, row?.responses, row?.response?.documentNumber ?? null];
    }),
    expected,
  );
  assert.deepEqual([rows.get(org(10))?.response?.late, rows.get(org(1))?.response?.late], [true, false]);
  const total = expected.reduce((sum, [, comments]) => sum + comments, 0);
  assert.equal(total, 20);
  assert.equal(dashboard.sections.reduce((sum, section) => sum + section.count, 0), total, 'every sent comment counted once by section');
  assert.equal((await threadsOf('admin', `?revisionId=${revisionId}`)).filter((thread) => thread.roundId === roundId).length, total);
  // A ministry sees only its own row and its own comments.
  const own = await dashboardOf(officer(3));
  assert.deepEqual([own.organizations.map((row) => row.organization.id), own.counts], [[org(3)], counts({ responded: 1 })]);
  assert.deepEqual(
    [...new Set((await threadsOf(officer(3))).filter((thread) => thread.roundId !== null).map((thread) => thread.organization?.id))],
    [org(3)],
  );
});

test('a comment on the version sent also shows on the live draft, orphaned with its quote once the words are gone', async () => {
  const sent = (await threadsOf('admin')).filter((thread) => thread.anchor?.quote === 'thiên tai cực đoan');
  assert.equal(sent.length, 1);
  assert.deepEqual([sent[0]?.revisionId, sent[0]?.position.status, sent[0]?.position.text], [revisionId, 'active', 'thiên tai cực đoan']);
  // The drafting group keeps writing: the words are deleted from the live draft.
  const { text } = findParagraph(reader, 'thiên tai cực đoan');
  const at = text.toString().indexOf('thiên tai cực đoan');
  reader.doc.transact(() => text.delete(at, 'thiên tai cực đoan'.length));
  let position: PublicThread['position'] | undefined;
  // The deletion reaches the server through the socket: ask until it has arrived.
  for (let attempt = 0; attempt < 50 && position?.status !== 'orphaned'; attempt += 1) {
    position = (await threadsOf('admin')).find((thread) => thread.id === sent[0]?.id)?.position;
    if (position?.status !== 'orphaned') await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual([position?.status, position?.text], ['orphaned', 'thiên tai cực đoan']);
  // The version sent is unchanged: it still reads the words the comment quotes.
  const revision = await ok<{ content: unknown }>(api(officer(0), 'GET', `/revisions/${revisionId}`));
  assert.ok(JSON.stringify(revision.content).includes('thiên tai cực đoan'));
});

test('when a round lets ministries see each other, they see the sent comments, never the drafts', async () => {
  clock = day(12);
  await ok(api('admin', 'POST', `/rounds/${roundId}/close`));
  const second = await ok<RoundWithStatuses>(
    api('admin', 'POST', '/rounds', {
      title: 'Lấy ý kiến đề cương lần 2',
      requestLetter: { number: '140/BQP-VP', date: '2026-03-12' },
      revisionId,
      deadline: '2026-03-25',
      organizations: [org(0), org(1)],
      ministriesSeeEachOther: true,
    }),
    201,
  );
  const pending = await ok<PublicThread>(api(officer(0), 'POST', '/threads', { body: 'Ý kiến vòng hai', sectionBlockId: headings[2] }), 201);
  assert.deepEqual([pending.roundId, pending.revisionId, pending.draft], [second.id, revisionId, true], 'in the open round, on the version it sent');
  assert.ok(!(await threadsOf(officer(1))).some((thread) => thread.id === pending.id), 'a draft stays private');
  const response = await ok<PublicSubmission>(send(0, '5/BA'), 201);
  assert.equal(response.roundId, second.id);
  await heardSince(
    { admin: ['response_received'], colleague: ['round_opened'], officer0: ['round_opened'], officer1: ['round_opened'] },
    'the second round is sent to its two organisations, and one answers',
  );
  const seen = await threadsOf(officer(1));
  assert.ok(seen.some((thread) => thread.id === pending.id && !thread.draft), 'the sent comment is visible to the other ministry');
  assert.ok(!seen.some((thread) => thread.roundId === roundId && thread.organization?.id === org(0)), 'the first round still hides them');
  assert.deepEqual(
    (await ok<PublicSubmission[]>(api(officer(1), 'GET', '/submissions'))).filter((submission) => submission.organization.id === org(0)).map((submission) => submission.id),
    [response.id],
    'the other ministry’s letter of this round, not of the first',
  );
  // A passage the drafting group wrote after the version sent is commented on the live draft only.
  const { text } = findParagraph(reader, 'khủng bố');
  reader.doc.transact(() => text.insert(0, 'Câu viết sau khi gửi. '));
  let added: PublicThread | undefined;
  for (let attempt = 0; attempt < 50 && added === undefined; attempt += 1) {
    const created = await api(officer(1), 'POST', '/threads', { body: 'Về câu mới', anchor: anchorFor(reader, 'Câu viết sau khi gửi.') });
    if (created.status === 201) added = created.body as PublicThread;
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual([added?.roundId, added?.revisionId, added?.draft, added?.position.status], [second.id, null, true, 'active']);
  // A closed round takes no more drafts in its name.
  await refused(api(officer(1), 'POST', '/threads', { body: 'Muộn', sectionBlockId: headings[0], roundId }), 409, 'ERR_ROUND_CLOSED');
});
