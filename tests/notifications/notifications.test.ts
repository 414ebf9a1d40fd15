import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp.ts';
import type { NotificationList, NotificationPreferences } from '../../server/notifications/schemas.ts';
import type { Config } from '../../server/config.ts';

// Notifications of a consultation round through the API: three consulted organisations, one
// invited but not consulted, a clock the test moves, e-mail to a real SMTP server, and a real
// restart of the server on the same data folder in the middle of the reminders.

let clock = Date.UTC(2026, 2, 1, 3);
/** 10:00 in Viet Nam on `d` March 2026 (or another UTC hour). */
const day = (d: number, hour = 3): number => Date.UTC(2026, 2, d, hour);
const PUBLIC_URL = 'https://draft.example.gov.vn';

let smtp: SmtpCapture;
let server: TestServer;
let dataDir: string;
let documentId: string;
let revisionId: string;
let roundId: string;
let headings: string[] = [];
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const orgs: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
const EVERYONE = ['admin', 'sec2', 'a1', 'a2', 'b1', 'c1', 'd1', 'ed'] as const;

const start = async (): Promise<TestServer> =>
  startTestServer({
    dataDir,
    now: () => clock,
    mail: { smtpUrl: smtp.url, from: 'Draftroom <noreply@draftroom.test>' },
    publicUrl: PUBLIC_URL,
    reminderIntervalMs: 3600_000,
  } satisfies Partial<Config>);

const call = (who: string | null, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, path, { token: who === null ? undefined : tokens[who], body });

const ok = async <T>(promise: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> => {
  const result = await promise;
  assert.equal(result.status, status, JSON.stringify(result.body));
  return result.body as T;
};

const listOf = (who: string) => ok<NotificationList>(call(who, 'GET', '/api/notifications?limit=100'));

/** Kinds of every notification of each person, oldest first. */
const kindsOfAll = async (): Promise<Record<string, string[]>> => {
  const result: Record<string, string[]> = {};
  for (const who of EVERYONE) result[who] = (await listOf(who)).notifications.map((n) => n.kind).reverse();
  return result;
};

/** E-mails received since `from`, as `recipient subject` lines, after every pending send. */
const mailsSince = async (from: number): Promise<string[]> => {
  await server.app.notifications.flush();
  return smtp.messages.slice(from).map((mail) => `${mail.to.join(',')} ${mail.subject}`).sort();
};

/** The count of e-mails received once every pending send is done. */
const mailMarkNow = async (): Promise<number> => {
  await server.app.notifications.flush();
  return smtp.messages.length;
};

const runReminders = () => server.app.reminders.runDueReminders();

before(async () => {
  smtp = await startSmtpCapture();
  dataDir = tempDataDir();
  server = await start();
  tokens.admin = await server.login('admin', server.adminPassword);
  ids.admin = (await ok<{ user: { id: string } }>(call('admin', 'GET', '/api/auth/me'))).user.id;
  documentId = await server.createDocument(tokens.admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const seeded = await ok<Array<{ id: string }>>(call('admin', 'GET', '/api/organizations'));
  [orgs.A, orgs.B, orgs.C, orgs.D] = seeded.slice(0, 4).map((org) => org.id) as [string, string, string, string];
  const people = [
    { username: 'sec2', role: 'secretariat', email: 'thu.ky@vanphong.test' },
    { username: 'a1', role: 'ministry', organizationId: orgs.A, email: 'can.bo.a1@bo-a.test' },
    { username: 'a2', role: 'ministry', organizationId: orgs.A },
    { username: 'b1', role: 'ministry', organizationId: orgs.B, email: 'can.bo.b1@bo-b.test' },
    { username: 'c1', role: 'ministry', organizationId: orgs.C, email: 'can.bo.c1@bo-c.test' },
    { username: 'd1', role: 'ministry', organizationId: orgs.D, email: 'can.bo.d1@bo-d.test' },
    // An editor attached to organisation A but not a member of the document: never told anything about it.
    { username: 'ed', role: 'editor', organizationId: orgs.A, email: 'bien.tap@vanphong.test' },
  ];
  for (const person of people) {
    ids[person.username] = await server.createUser(tokens.admin, { ...person, password: `pw-${person.username}-long`, displayName: `Cán bộ ${person.username}` });
    tokens[person.username] = await server.login(person.username, `pw-${person.username}-long`);
  }
  // D is invited to read the document but is not consulted in the round.
  await ok(call('admin', 'PUT', `/api/documents/${documentId}/access`, { members: [], organizations: [orgs.D] }));
  const reader = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(reader);
  headings = reader.fragment
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading')
    .map((node) => String(node.getAttribute('id')));
  reader.destroy();
  revisionId = (await ok<{ id: string }>(call('admin', 'POST', `/api/documents/${documentId}/revisions`, { name: 'Dự thảo lần 1' }), 201)).id;
});

after(async () => {
  await server.close();
  await smtp.close();
});

test('accounts carry an optional e-mail address, set and changed by the secretariat', async () => {
  const users = await ok<Array<{ username: string; email: string | null }>>(call('admin', 'GET', '/api/users'));
  assert.equal(users.find((user) => user.username === 'a1')?.email, 'can.bo.a1@bo-a.test');
  assert.equal(users.find((user) => user.username === 'a2')?.email, null);
  const bad = await call('admin', 'PATCH', `/api/users/${ids.a2}`, { email: 'not an address' });
  assert.equal(bad.status, 400);
  const changed = await ok<{ email: string | null }>(call('admin', 'PATCH', `/api/users/${ids.c1}`, { email: 'Can.Bo.C1@BO-C.test' }));
  assert.equal(changed.email, 'Can.Bo.C1@bo-c.test', 'the domain is stored in lower case');
  await ok(call('admin', 'PATCH', `/api/users/${ids.c1}`, { email: 'can.bo.c1@bo-c.test' }));
  assert.equal((await call('a1', 'PATCH', `/api/users/${ids.a1}`, { email: 'x@y.test' })).status, 403);
  const me = await ok<{ user: { email: string | null } }>(call('a1', 'GET', '/api/auth/me'));
  assert.equal(me.user.email, 'can.bo.a1@bo-a.test');
});

test('opening a round tells every user of each consulted organisation, in the app and by e-mail', async () => {
  const mailMark = await mailMarkNow();
  clock = day(1);
  const opened = await ok<{ id: string }>(
    call('admin', 'POST', `/api/documents/${documentId}/rounds`, {
      title: 'Lấy ý kiến đề cương lần 1',
      requestLetter: { number: '123/BQP-VP', date: '2026-03-01' },
      revisionId,
      deadline: '2026-03-10',
      organizations: [orgs.A, orgs.B, orgs.C],
      ministriesSeeEachOther: false,
    }),
    201,
  );
  roundId = opened.id;
  assert.deepEqual(await kindsOfAll(), {
    admin: [],
    sec2: [],
    a1: ['round_opened'],
    a2: ['round_opened'],
    b1: ['round_opened'],
    c1: ['round_opened'],
    d1: [],
    ed: [],
  });
  const list = await listOf('a1');
  assert.equal(list.unread, 1);
  const [first] = list.notifications;
  assert.ok(first);
  assert.equal(first.title, 'Đợt lấy ý kiến mới: Lấy ý kiến đề cương lần 1');
  assert.equal(first.link, `/documents/${documentId}?round=${roundId}`);
  assert.equal(first.readAt, null);
  assert.equal(first.createdAt, new Date(day(1)).toISOString());
  assert.match(first.body, /Hạn góp ý: 23:59, 10\/03\/2026/);
  assert.equal(first.body, first.body.normalize('NFC'));

  const subject = '[Draftroom] Đợt lấy ý kiến mới: Lấy ý kiến đề cương lần 1';
  assert.deepEqual(await mailsSince(mailMark), [`can.bo.a1@bo-a.test ${subject}`, `can.bo.b1@bo-b.test ${subject}`, `can.bo.c1@bo-c.test ${subject}`]);
  const mail = smtp.messages.find((message) => message.to.includes('can.bo.a1@bo-a.test'));
  assert.ok(mail);
  assert.equal(mail.from, 'noreply@draftroom.test');
  assert.match(mail.text, /^Kính gửi Cán bộ a1,/);
  assert.ok(mail.text.includes(`${PUBLIC_URL}/documents/${documentId}?round=${roundId}`), mail.text);
  assert.ok(mail.html.includes(`href="${PUBLIC_URL}/documents/${documentId}?round=${roundId}"`), mail.html);
  assert.ok(mail.text.includes('Dự thảo “Chiến lược an ninh phi truyền thống” được gửi lấy ý kiến'), mail.text);
});

test('each person switches kinds off, in the app and by e-mail separately', async () => {
  const initial = await ok<NotificationPreferences>(call('b1', 'GET', '/api/notifications/preferences'));
  assert.equal(initial.mailConfigured, true);
  assert.equal(initial.emailAddress, 'can.bo.b1@bo-b.test');
  assert.ok(Object.values(initial.inApp).every(Boolean) && Object.values(initial.email).every(Boolean));
  const b1 = await ok<NotificationPreferences>(call('b1', 'PUT', '/api/notifications/preferences', { email: { deadline_in_3_days: false } }));
  assert.equal(b1.email.deadline_in_3_days, false);
  assert.equal(b1.inApp.deadline_in_3_days, true);
  const c1 = await ok<NotificationPreferences>(call('c1', 'PUT', '/api/notifications/preferences', { inApp: { deadline_in_3_days: false } }));
  assert.equal(c1.inApp.deadline_in_3_days, false);
  assert.equal(c1.email.deadline_in_3_days, true);
  assert.equal((await call('c1', 'PUT', '/api/notifications/preferences', { inApp: { no_such_kind: false } })).status, 400);
  assert.equal((await call('c1', 'PUT', '/api/notifications/preferences', {})).status, 400);
  assert.equal((await call(null, 'GET', '/api/notifications/preferences')).status, 401);
});

test('a response in the round tells the secretariat, but not the one who filed it', async () => {
  const mailMark = await mailMarkNow();
  clock = day(2);
  const [a, b] = headings as [string, string];
  await ok(
    call('a1', 'POST', `/api/documents/${documentId}/submissions`, {
      documentNumber: '45/BA-PC',
      date: '2026-03-02',
      signer: 'Thứ trưởng',
      noComments: false,
      items: [
        { body: 'Đề nghị bổ sung nội dung về an ninh mạng', sectionBlockId: a },
        { body: 'Đề nghị làm rõ phạm vi', sectionBlockId: b },
      ],
    }),
    201,
  );
  const kinds = await kindsOfAll();
  assert.deepEqual(kinds.admin, ['response_received']);
  assert.deepEqual(kinds.sec2, ['response_received']);
  assert.deepEqual(kinds.a1, ['round_opened']);
  const [received] = (await listOf('sec2')).notifications;
  assert.ok(received);
  assert.match(received.title, /đã trả lời: Lấy ý kiến đề cương lần 1$/);
  assert.match(received.body, /công văn số 45\/BA-PC ngày 02\/03\/2026/);
  assert.equal(received.link, `/documents/${documentId}?round=${roundId}`);
  assert.deepEqual(await mailsSince(mailMark), [`thu.ky@vanphong.test ${received.title.replace(/^/, '[Draftroom] ')}`]);
});

test('replies and decisions reach the users of the organisation whose comment it is, never their author', async () => {
  const threads = await ok<{ threads: Array<{ id: string; organization: { id: string } | null; version: number }> }>(
    call('admin', 'GET', `/api/documents/${documentId}/threads`),
  );
  const thread = threads.threads.find((candidate) => candidate.organization?.id === orgs.A);
  assert.ok(thread);
  const before = await kindsOfAll();
  const added = (after: Record<string, string[]>) => Object.fromEntries(EVERYONE.map((who) => [who, (after[who] ?? []).slice((before[who] ?? []).length)]));

  await ok(call('admin', 'POST', `/api/documents/${documentId}/threads/${thread.id}/comments`, { body: 'Tổ biên tập đã ghi nhận' }), 201);
  await ok(call('a1', 'POST', `/api/documents/${documentId}/threads/${thread.id}/comments`, { body: 'Xin cảm ơn, đề nghị cập nhật sớm' }), 201);
  const decided = await ok<{ version: number }>(
    call('admin', 'POST', `/api/documents/${documentId}/threads/${thread.id}/status`, { status: 'accepted' }),
  );
  assert.ok(decided.version > thread.version);
  assert.deepEqual(added(await kindsOfAll()), {
    admin: [],
    sec2: [],
    a1: ['comment_replied', 'comment_decided'],
    a2: ['comment_replied', 'comment_replied', 'comment_decided'],
    b1: [],
    c1: [],
    d1: [],
    ed: [],
  });
  const [decision, reply] = (await listOf('a2')).notifications;
  assert.ok(decision && reply);
  assert.equal(decision.title.endsWith(': Tiếp thu'), true, decision.title);
  assert.equal(decision.link, `/documents/${documentId}?thread=${thread.id}`);
  assert.match(reply.title, /^Cán bộ a1 đã trả lời góp ý của /);
  assert.match(reply.body, /Xin cảm ơn, đề nghị cập nhật sớm$/);
});

test('unread counts, marking one read and all read, only one’s own', async () => {
  const list = await listOf('a2');
  assert.equal(list.unread, 4);
  const [newest] = list.notifications;
  assert.ok(newest);
  assert.deepEqual(await ok(call('a2', 'POST', `/api/notifications/${newest.id}/read`)), { changed: 1, unread: 3 });
  assert.deepEqual(await ok(call('a2', 'POST', `/api/notifications/${newest.id}/read`)), { changed: 0, unread: 3 }, 'reading twice changes nothing');
  assert.equal((await listOf('a2')).notifications[0]?.readAt, new Date(clock).toISOString());
  const notMine = await call('a1', 'POST', `/api/notifications/${newest.id}/read`);
  assert.equal(notMine.status, 404);
  assert.equal((notMine.body as { error: { code: string } }).error.code, 'ERR_NOTIFICATION_NOT_FOUND');
  assert.deepEqual(await ok(call('a2', 'POST', '/api/notifications/read-all')), { changed: 3, unread: 0 });
  assert.deepEqual(await ok(call('a2', 'POST', '/api/notifications/read-all')), { changed: 0, unread: 0 });
  assert.equal((await listOf('a1')).unread, 3, 'another person’s notifications are untouched');
  // Pages: newest first, the cursor continues where the page ended.
  const page1 = await ok<NotificationList>(call('a2', 'GET', '/api/notifications?limit=2'));
  assert.equal(page1.notifications.length, 2);
  assert.ok(page1.nextBefore);
  const page2 = await ok<NotificationList>(call('a2', 'GET', `/api/notifications?limit=2&before=${page1.nextBefore}`));
  assert.deepEqual([...page1.notifications, ...page2.notifications].map((n) => n.id), list.notifications.map((n) => n.id));
  assert.equal(page2.nextBefore, null);
});

test('a person’s stream gets the unread count, then each new notification live', async () => {
  const controller = new AbortController();
  const response = await fetch(`${server.baseUrl}/api/notifications/stream`, { headers: { authorization: `Bearer ${tokens.b1}` }, signal: controller.signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = response.body!.getReader();
  let buffer = '';
  const nextEvent = async (): Promise<{ event: string; data: unknown }> => {
    for (;;) {
      const match = /event: (\S+)\ndata: (.*)\n\n/.exec(buffer);
      if (match) {
        buffer = buffer.slice((match.index ?? 0) + match[0].length);
        return { event: match[1] ?? '', data: JSON.parse(match[2] ?? 'null') };
      }
      const chunk = await reader.read();
      if (chunk.done) throw new Error('stream ended');
      buffer += new TextDecoder().decode(chunk.value);
    }
  };
  assert.deepEqual(await nextEvent(), { event: 'unread', data: { unread: 1 } });
  await ok(call('b1', 'POST', '/api/notifications/read-all'));
  assert.deepEqual(await nextEvent(), { event: 'unread', data: { unread: 0 } });
  // The secretariat records a comment in B's name and replies to it: b1 hears at once.
  const thread = await ok<{ id: string }>(
    call('admin', 'POST', `/api/documents/${documentId}/threads`, { organizationId: orgs.B, body: 'Ý kiến của Bộ B gửi qua điện thoại', sectionBlockId: headings[0] }),
    201,
  );
  await ok(call('admin', 'POST', `/api/documents/${documentId}/threads/${thread.id}/comments`, { body: 'Đã ghi nhận' }), 201);
  const live = (await nextEvent()) as { event: string; data: { notification: { kind: string; threadId: string }; unread: number } };
  assert.equal(live.event, 'notification');
  assert.equal(live.data.unread, 1);
  assert.equal(live.data.notification.kind, 'comment_replied');
  assert.equal(live.data.notification.threadId, thread.id);
  controller.abort();
  assert.equal((await call(null, 'GET', '/api/notifications/stream')).status, 401);
});

test('deadline reminders go once each to the organisations that have not answered, across a restart', async () => {
  const mailMark = await mailMarkNow();
  const before = await kindsOfAll();
  const added = async () => {
    const after = await kindsOfAll();
    return Object.fromEntries(EVERYONE.map((who) => [who, (after[who] ?? []).slice((before[who] ?? []).length)]).filter(([, kinds]) => (kinds?.length ?? 0) > 0));
  };
  clock = day(6);
  assert.equal(await runReminders(), 0, 'more than 3 days before the deadline');
  clock = day(8);
  assert.equal(await runReminders(), 2, 'B and C have not answered; A has');
  assert.equal(await runReminders(), 0, 'each once');
  // c1 turned the 3-day reminder off in the app (and gets its e-mail); b1 turned its e-mail off.
  assert.deepEqual(await added(), { b1: ['deadline_in_3_days'] });
  const threeDays = '[Draftroom] Còn dưới 3 ngày đến hạn góp ý: Lấy ý kiến đề cương lần 1';
  assert.deepEqual(await mailsSince(mailMark), [`can.bo.c1@bo-c.test ${threeDays}`]);

  // A real restart on the same data folder: the reminders already sent are not sent again.
  await server.close({ keepData: true });
  server = await start();
  assert.equal(await runReminders(), 0, 'nothing sent twice after a restart');
  assert.deepEqual(await added(), { b1: ['deadline_in_3_days'] });

  clock = day(10, 3);
  assert.equal(await runReminders(), 2);
  clock = day(10, 12);
  assert.equal(await runReminders(), 0);
  clock = day(11);
  assert.equal(await runReminders(), 2, 'overdue');
  assert.equal(await runReminders(), 0);
  assert.deepEqual(await added(), {
    b1: ['deadline_in_3_days', 'deadline_in_1_day', 'overdue'],
    c1: ['deadline_in_1_day', 'overdue'],
  });
  const [overdue] = (await listOf('c1')).notifications;
  assert.ok(overdue);
  assert.equal(overdue.title, 'Đã quá hạn góp ý: Lấy ý kiến đề cương lần 1');
  assert.match(overdue.body, /chưa gửi ý kiến về dự thảo “Chiến lược an ninh phi truyền thống”\. Hạn góp ý đã qua lúc 23:59, 10\/03\/2026\.$/);

  // An extension re-arms the reminders for the new deadline.
  await ok(call('admin', 'POST', `/api/documents/${documentId}/rounds/${roundId}/extend`, { deadline: '2026-03-20', reason: 'Theo đề nghị của các bộ' }));
  clock = day(18);
  assert.equal(await runReminders(), 2);
  // B answers (late for the first deadline, but within the extension); only C is reminded after.
  clock = day(19);
  await ok(
    call('admin', 'POST', `/api/documents/${documentId}/submissions`, { organizationId: orgs.B, documentNumber: '9/BB', date: '2026-03-19', signer: 'Thứ trưởng', noComments: true, items: [] }),
    201,
  );
  clock = day(20, 3);
  assert.equal(await runReminders(), 1);
  clock = day(21);
  assert.equal(await runReminders(), 1);
  assert.equal(await runReminders(), 0);
  assert.deepEqual(await added(), {
    sec2: ['response_received'],
    b1: ['deadline_in_3_days', 'deadline_in_1_day', 'overdue', 'deadline_in_3_days'],
    // c1 keeps the 3-day reminder off in the app.
    c1: ['deadline_in_1_day', 'overdue', 'deadline_in_1_day', 'overdue'],
  });
  // By e-mail too, each reminder once: the 1-day one to b1 for the first deadline (B answered
  // before the second one's window) and to c1 for both, whatever restarts happened.
  await server.app.notifications.flush();
  const oneDay = smtp.messages.filter((mail) => mail.subject.startsWith('[Draftroom] Còn dưới 1 ngày')).map((mail) => mail.to.join(',')).sort();
  assert.deepEqual(oneDay, ['can.bo.b1@bo-b.test', 'can.bo.c1@bo-c.test', 'can.bo.c1@bo-c.test']);
  // Nobody outside B and C heard of the reminders; D (invited, not consulted) heard nothing at all.
  assert.deepEqual((await kindsOfAll()).d1, []);
});
