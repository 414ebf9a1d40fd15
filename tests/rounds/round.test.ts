import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { roundOrganizations } from './organizations.ts';
import type { RoundDashboard, RoundWithStatuses, PublicRound } from '../../server/rounds/schemas.ts';

// A full consultation round through the API with 19 organisations, on a clock the test moves.
// Deadline "2026-03-10" is the end of 10 March in Viet Nam: 2026-03-10T16:59:59.999Z.

let clock = Date.UTC(2026, 2, 1, 3);
/** 10:00 in Viet Nam on `day` March 2026. */
const day = (d: number, hour = 3): number => Date.UTC(2026, 2, d, hour);

let server: TestServer;
let reader: TestClient;
let documentId: string;
let revisionId: string;
let roundId: string;
const tokens: Record<string, string> = {};
const organizations: string[] = [];
let outsider: string;
let headings: string[] = [];

const api = (who: string | null, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: who === null ? undefined : tokens[who], body });

const ok = async <T>(promise: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> => {
  const result = await promise;
  assert.equal(result.status, status, JSON.stringify(result.body));
  return result.body as T;
};

const code = (result: { body: unknown }): string | undefined => (result.body as { error?: { code?: string } } | null)?.error?.code;

/** Files a response in `org`'s name as the secretariat, with one item per listed heading (none: "no comments"). */
const respond = (org: string, number: string, sections: string[], extra: Record<string, unknown> = {}) =>
  api('admin', 'POST', '/submissions', {
    organizationId: org,
    documentNumber: number,
    date: '2026-03-05',
    signer: 'Thứ trưởng',
    noComments: sections.length === 0,
    items: sections.map((sectionBlockId, index) => ({ body: `Góp ý ${index + 1} của ${org}`, sectionBlockId })),
    ...extra,
  });

const statusesOf = async (who = 'admin'): Promise<Record<string, string>> => {
  const round = await ok<RoundWithStatuses>(api(who, 'GET', `/rounds/${roundId}`));
  return Object.fromEntries(round.statuses.map((row) => [row.organization.id, row.status]));
};

const countsOf = async (): Promise<RoundDashboard['counts']> => (await ok<RoundDashboard>(api('admin', 'GET', `/rounds/${roundId}/dashboard`))).counts;

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

before(async () => {
  server = await startTestServer({ now: () => clock });
  tokens.admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(tokens.admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const chosen = await roundOrganizations(server, tokens.admin, true);
  organizations.push(...chosen.organizations);
  outsider = chosen.outsider as string;
  assert.equal(organizations.length, 19);
  const people = [
    { username: 'editor', role: 'editor' },
    { username: 'observer', role: 'observer' },
    { username: 'consulted', role: 'ministry', organizationId: organizations[0] },
    { username: 'outsider', role: 'ministry', organizationId: outsider },
  ];
  const ids: Record<string, string> = {};
  for (const person of people) {
    ids[person.username] = await server.createUser(tokens.admin, { ...person, password: `pw-${person.username}-1`, displayName: `Người ${person.username}` });
    tokens[person.username] = await server.login(person.username, `pw-${person.username}-1`);
  }
  // The outsider's organisation is invited to the document, but not consulted in the round.
  await ok(requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, {
    token: tokens.admin,
    body: { members: [ids.editor, ids.observer], organizations: [outsider] },
  }));
  reader = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(reader);
  headings = reader.fragment
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading')
    .map((node) => String(node.getAttribute('id')));
  assert.ok(headings.length >= 3);
  revisionId = (await ok<{ id: string }>(api('admin', 'POST', '/revisions', { name: 'Dự thảo lần 1' }), 201)).id;
});

after(async () => {
  reader.destroy();
  await server.close();
});

const openBody = () => ({
  title: 'Lấy ý kiến đề cương lần 1',
  requestLetter: { number: '123/BQP-VP', date: '2026-03-01' },
  revisionId,
  deadline: '2026-03-10',
  organizations,
  ministriesSeeEachOther: false,
});

test('a round opens only on a named revision of the document, with a future deadline and known organisations', async () => {
  const checkpoint = await ok<{ id: string; kind: string }>(api('admin', 'POST', `/revisions/${revisionId}/restore`));
  assert.equal(checkpoint.kind, 'checkpoint');
  const notNamed = await api('admin', 'POST', '/rounds', { ...openBody(), revisionId: checkpoint.id });
  assert.equal(notNamed.status, 409);
  assert.equal(code(notNamed), 'ERR_REVISION_NOT_NAMED');
  const missing = await api('admin', 'POST', '/rounds', { ...openBody(), revisionId: 'no-such-revision' });
  assert.equal(missing.status, 404);
  assert.equal(code(missing), 'ERR_REVISION_NOT_FOUND');
  const past = await api('admin', 'POST', '/rounds', { ...openBody(), deadline: '2026-02-28' });
  assert.equal(past.status, 400);
  assert.equal(code(past), 'ERR_VALIDATION');
  const unknown = await api('admin', 'POST', '/rounds', { ...openBody(), organizations: ['no-such-org'] });
  assert.equal(unknown.status, 404);
  assert.equal(code(unknown), 'ERR_ORGANIZATION_NOT_FOUND');
  const badDeadline = await api('admin', 'POST', '/rounds', { ...openBody(), deadline: 'tomorrow' });
  assert.equal(badDeadline.status, 400);
  for (const who of ['editor', 'observer', 'consulted']) {
    const refused = await api(who, 'POST', '/rounds', openBody());
    assert.equal(refused.status, 403, who);
  }
  assert.equal((await api(null, 'POST', '/rounds', openBody())).status, 401);
  assert.deepEqual(await ok(api('admin', 'GET', '/rounds')), []);
});

test('a full round: 12 answer with comments (two late), 3 have none, 4 never answer and turn overdue', async () => {
  clock = day(1);
  const opened = await ok<RoundWithStatuses>(api('admin', 'POST', '/rounds', openBody()), 201);
  roundId = opened.id;
  assert.equal(opened.deadline, '2026-03-10T16:59:59.999Z');
  assert.equal(opened.state, 'open');
  assert.equal(opened.revision.name, 'Dự thảo lần 1');
  assert.equal(opened.organizations.length, 19);
  assert.equal(opened.statuses.length, 19);
  assert.ok(opened.statuses.every((row) => row.status === 'pending'));
  assert.deepEqual(opened.history.map((event) => [event.kind, event.to]), [['opened', '2026-03-10T16:59:59.999Z']]);
  // Opening the round invited the consulted organisations to the document.
  const document = await ok<{ organizations: string[] }>(requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/access`, { token: tokens.admin }));
  for (const org of organizations) assert.ok(document.organizations.includes(org), org);

  const [a, b, c] = headings as [string, string, string];
  // Ten on time with comments, on days 2 to 8; organisation 1 corrects its first letter later.
  const firstResponses: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    clock = day(2 + Math.floor(i / 2), 3 + i);
    const submission = await ok<{ id: string; roundId: string | null; revisionId: string | null }>(respond(organizations[i] as string, `${i + 1}/CV`, [a, i % 2 === 0 ? b : c]), 201);
    assert.equal(submission.roundId, roundId, 'the only open round is the default');
    assert.equal(submission.revisionId, revisionId, 'the revision sent is the default');
    firstResponses.push(submission.id);
  }
  clock = day(8, 10);
  // A second response must name the one it corrects.
  const unnamed = await respond(organizations[1] as string, '2b/CV', [c, c, c], { roundId });
  assert.equal(unnamed.status, 409);
  assert.equal(code(unnamed), 'ERR_RESPONSE_ALREADY_SENT');
  await ok(respond(organizations[1] as string, '2b/CV', [c, c, c], { roundId, supersedes: firstResponses[1] }), 201);
  // Three say they have no comments.
  for (let i = 12; i < 15; i += 1) {
    clock = day(6, i - 10);
    await ok(respond(organizations[i] as string, `${i + 1}/CV`, []), 201);
  }
  // Organisation 15 prepares a comment but sends nothing; organisation 0 also spoke at a meeting.
  clock = day(7);
  await ok(api('admin', 'POST', '/threads', { organizationId: organizations[15], body: 'Ý kiến đang chuẩn bị', sectionBlockId: a }), 201);
  await ok(api('admin', 'POST', '/threads', { organizationId: organizations[0], body: 'Phát biểu tại cuộc họp', sectionBlockId: b, meeting: { name: 'Họp tổ biên tập', date: '2026-03-07' } }), 201);

  clock = day(9);
  assert.deepEqual(await countsOf(), counts({ responded: 10, no_comments: 3, preparing: 1, pending: 5 }));

  // The deadline passes: the six who have not answered are overdue.
  clock = day(11);
  assert.deepEqual(await countsOf(), counts({ responded: 10, no_comments: 3, overdue: 6 }));
  // Two answer late, with comments: accepted and marked late.
  for (const i of [10, 11]) {
    clock = day(11, i - 6);
    await ok(respond(organizations[i] as string, `${i + 1}/CV`, [b, c]), 201);
  }
  const dashboard = await ok<RoundDashboard>(api('admin', 'GET', `/rounds/${roundId}/dashboard`));
  assert.deepEqual(dashboard.counts, counts({ responded: 10, responded_late: 2, no_comments: 3, overdue: 4 }));
  const rows = new Map(dashboard.organizations.map((row) => [row.organization.id, row]));
  assert.equal(rows.size, 19);
  const row = (i: number) => rows.get(organizations[i] as string)!;
  assert.deepEqual(row(0).response && { number: row(0).response!.documentNumber, late: row(0).response!.late }, { number: '1/CV', late: false });
  assert.equal(row(0).oral, true);
  assert.equal(row(0).commentCount, 3, 'two written items and the oral comment');
  assert.equal(row(1).responses, 2);
  assert.equal(row(1).response?.documentNumber, '2b/CV', 'the latest response supersedes the first');
  assert.equal(row(1).commentCount, 3, 'only the latest response’s items count');
  assert.equal(row(10).status, 'responded_late');
  assert.equal(row(10).response?.late, true);
  assert.equal(row(12).status, 'no_comments');
  assert.equal(row(12).commentCount, 0);
  assert.equal(row(15).status, 'overdue');
  assert.equal(row(15).commentCount, 1);
  for (const i of [16, 17, 18]) assert.deepEqual([row(i).status, row(i).response, row(i).commentCount], ['overdue', null, 0]);

  // Comments per section, by the heading each comment is tied to.
  const expected = new Map<string, number>([
    [a, 9 + 1], // organisations 0, 2–9 (1 corrected away from a) + the prepared comment of 15
    [b, 5 + 1 + 2], // even organisations 0–8, the oral comment, the two late ones
    [c, 4 + 3 + 2], // odd organisations 3–9, the correction's three items, the two late ones
  ]);
  const found = new Map(dashboard.sections.map((section) => [section.sectionId, section.count]));
  assert.deepEqual([a, b, c].map((id) => found.get(id)), [a, b, c].map((id) => expected.get(id)));
  assert.deepEqual(
    dashboard.sections.map((section) => section.sectionId),
    headings.filter((id) => found.has(id)),
    'in document order',
  );
  assert.equal(dashboard.sections.reduce((sum, section) => sum + section.count, 0), 27);
  assert.ok(dashboard.sections.every((section) => section.sectionNumber !== null && section.sectionTitle !== null));
  // Organisations answered, cumulative by day (Viet Nam time).
  assert.deepEqual(dashboard.responsesOverTime, [
    { date: '2026-03-02', responses: 2 },
    { date: '2026-03-03', responses: 4 },
    { date: '2026-03-04', responses: 6 },
    { date: '2026-03-05', responses: 8 },
    { date: '2026-03-06', responses: 13 },
    { date: '2026-03-11', responses: 15 },
  ]);
  assert.equal(dashboard.deadline, '2026-03-10T16:59:59.999Z');
  assert.equal(dashboard.now, new Date(day(11, 5)).toISOString());
});

test('decisions on an organisation’s comments show in its row', async () => {
  const threads = (await ok<{ threads: Array<{ id: string; organization: { id: string } | null; source: string }> }>(api('admin', 'GET', '/threads'))).threads;
  const own = threads.filter((thread) => thread.organization?.id === organizations[0] && thread.source === 'written');
  assert.equal(own.length, 2);
  await ok(api('admin', 'POST', `/threads/${own[0]!.id}/status`, { status: 'accepted' }));
  await ok(api('admin', 'POST', `/threads/${own[1]!.id}/status`, { status: 'not_accepted', explanation: 'Không phù hợp phạm vi' }));
  const dashboard = await ok<RoundDashboard>(api('admin', 'GET', `/rounds/${roundId}/dashboard`));
  const row = dashboard.organizations.find((candidate) => candidate.organization.id === organizations[0])!;
  assert.deepEqual(row.decisions, { open: 1, under_review: 0, accepted: 1, partially_accepted: 0, not_accepted: 1, withdrawn: 0 });
});

test('every role reads what it may: a ministry only the rounds consulting it and its own row', async () => {
  for (const who of ['admin', 'editor', 'observer']) {
    const list = await ok<PublicRound[]>(api(who, 'GET', '/rounds'));
    assert.deepEqual(list.map((round) => round.id), [roundId], who);
    assert.equal((await ok<RoundWithStatuses>(api(who, 'GET', `/rounds/${roundId}`))).statuses.length, 19, who);
    assert.equal((await ok<RoundDashboard>(api(who, 'GET', `/rounds/${roundId}/dashboard`))).organizations.length, 19, who);
  }
  const mine = await ok<PublicRound[]>(api('consulted', 'GET', '/rounds'));
  assert.deepEqual(mine.map((round) => round.organizations.map((org) => org.id)), [[organizations[0]]]);
  const round = await ok<RoundWithStatuses>(api('consulted', 'GET', `/rounds/${roundId}`));
  assert.deepEqual(round.statuses.map((row) => [row.organization.id, row.status]), [[organizations[0], 'responded']]);
  const dashboard = await ok<RoundDashboard>(api('consulted', 'GET', `/rounds/${roundId}/dashboard`));
  assert.deepEqual(dashboard.organizations.map((row) => row.organization.id), [organizations[0]]);
  assert.deepEqual(dashboard.counts, counts({ responded: 1 }));
  assert.equal(dashboard.sections.reduce((sum, section) => sum + section.count, 0), 3);
  assert.deepEqual(dashboard.responsesOverTime, [{ date: '2026-03-02', responses: 1 }]);

  assert.deepEqual(await ok(api('outsider', 'GET', '/rounds')), []);
  for (const path of [`/rounds/${roundId}`, `/rounds/${roundId}/dashboard`]) {
    const hidden = await api('outsider', 'GET', path);
    assert.equal(hidden.status, 404, path);
    assert.equal(code(hidden), 'ERR_ROUND_NOT_FOUND');
  }
  const notConsulted = await api('outsider', 'POST', '/submissions', { roundId, documentNumber: '9/CV', date: '2026-03-11', signer: 'Vụ trưởng', noComments: true, items: [] });
  assert.equal(notConsulted.status, 409);
  assert.equal(code(notConsulted), 'ERR_NOT_CONSULTED');
  const noSuchRound = await api('admin', 'GET', '/rounds/no-such-round');
  assert.equal(noSuchRound.status, 404);
  assert.equal(code(noSuchRound), 'ERR_ROUND_NOT_FOUND');
  assert.equal((await api(null, 'GET', '/rounds')).status, 401);
  for (const who of ['editor', 'observer', 'consulted', 'outsider']) {
    assert.equal((await api(who, 'POST', `/rounds/${roundId}/extend`, { deadline: '2026-03-20', reason: 'Thử' })).status, 403, who);
    assert.equal((await api(who, 'POST', `/rounds/${roundId}/close`)).status, 403, who);
  }
});

test('an extension is recorded and turns overdue back to pending; late answers stay late', async () => {
  clock = day(12);
  const earlier = await api('admin', 'POST', `/rounds/${roundId}/extend`, { deadline: '2026-03-09', reason: 'Sai' });
  assert.equal(earlier.status, 400);
  const extended = await ok<RoundWithStatuses>(api('admin', 'POST', `/rounds/${roundId}/extend`, { deadline: '2026-03-20T17:00:00+07:00', reason: 'Theo đề nghị của các bộ' }));
  assert.equal(extended.deadline, '2026-03-20T10:00:00.000Z');
  const last = extended.history.at(-1)!;
  assert.deepEqual(
    { kind: last.kind, by: last.by.displayName, at: last.at, from: last.from, to: last.to, reason: last.reason },
    {
      kind: 'extended',
      by: extended.openedBy.displayName,
      at: new Date(day(12)).toISOString(),
      from: '2026-03-10T16:59:59.999Z',
      to: '2026-03-20T10:00:00.000Z',
      reason: 'Theo đề nghị của các bộ',
    },
  );
  assert.deepEqual(await countsOf(), counts({ responded: 10, responded_late: 2, no_comments: 3, preparing: 1, pending: 3 }));
  clock = day(21);
  assert.deepEqual(await countsOf(), counts({ responded: 10, responded_late: 2, no_comments: 3, overdue: 4 }));
});

test('a closed round refuses new responses, extensions and a second close; everything is in the audit log', async () => {
  clock = day(22);
  const closed = await ok<RoundWithStatuses>(api('admin', 'POST', `/rounds/${roundId}/close`));
  assert.equal(closed.state, 'closed');
  assert.equal(closed.closedAt, new Date(day(22)).toISOString());
  const late = await respond(organizations[16] as string, '17/CV', [], { roundId });
  assert.equal(late.status, 409);
  assert.equal(code(late), 'ERR_ROUND_CLOSED');
  // Without a round, a submission is filed as before rounds existed and the round's status does not change.
  const outside = await ok<{ roundId: string | null }>(respond(organizations[16] as string, '17/CV', []), 201);
  assert.equal(outside.roundId, null);
  assert.equal((await statusesOf())[organizations[16] as string], 'overdue');
  for (const [path, body] of [
    [`/rounds/${roundId}/extend`, { deadline: '2026-04-01', reason: 'Muộn' }],
    [`/rounds/${roundId}/close`, undefined],
  ] as const) {
    const refused = await api('admin', 'POST', path, body);
    assert.equal(refused.status, 409, path);
    assert.equal(code(refused), 'ERR_ROUND_CLOSED');
  }
  const audit = await ok<Array<{ action: string; details: Record<string, unknown> }>>(
    requestJson(server.baseUrl, 'GET', `/api/audit?documentId=${documentId}`, { token: tokens.admin }),
  );
  const actions = audit.filter((entry) => entry.action.startsWith('round.')).map((entry) => [entry.action, entry.details.roundId]);
  assert.deepEqual(actions, [
    ['round.closed', roundId],
    ['round.extended', roundId],
    ['round.opened', roundId],
  ]);
});

test('"all invited" consults the document’s invited organisations; a ministry answers in its own name', async () => {
  clock = day(23);
  const round = await ok<RoundWithStatuses>(api('admin', 'POST', '/rounds', { ...openBody(), title: 'Lần 2', deadline: '2026-04-01', organizations: 'all_invited' }), 201);
  assert.equal(round.allInvited, true);
  assert.equal(round.organizations.length, 20);
  const filed = await ok<{ roundId: string | null; organization: { id: string } }>(
    api('consulted', 'POST', '/submissions', { documentNumber: '1/BQP', date: '2026-03-23', signer: 'Thứ trưởng', noComments: true, items: [] }),
    201,
  );
  assert.deepEqual([filed.roundId, filed.organization.id], [round.id, organizations[0]]);
  const mine = await ok<RoundWithStatuses>(api('consulted', 'GET', `/rounds/${round.id}`));
  assert.deepEqual(mine.statuses.map((row) => row.status), ['no_comments']);
  const list = await ok<PublicRound[]>(api('admin', 'GET', '/rounds'));
  assert.deepEqual(list.map((candidate) => candidate.id), [round.id, roundId], 'newest first');
});
