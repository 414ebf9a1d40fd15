import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { parse } from 'csv-parse/sync';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { unzip } from '../helpers/zip.ts';
import { anchorFor, findParagraph } from './helpers.ts';
import type { RoundDashboard } from '../../server/rounds/schemas.ts';
import type { CarryOver } from '../../server/rounds/carry-over.ts';

// The synthesis table of one consultation round, on a clock the test moves: six organisations
// answer every way a round allows; the preamble must equal the round's dashboard, the rows must
// be the round's comments quoted in the version sent; then a second round carries the decisions.

let clock = Date.UTC(2026, 2, 1, 3);
let server: TestServer;
let writer: TestClient;
let documentId: string;
let firstRevision: string;
let firstRound: string;
const tokens: Record<string, string> = {};
const ORGS = ['bo-y-te', 'bo-tai-chinh', 'bo-cong-an', 'bo-giao-duc-dao-tao', 'bo-xay-dung', 'bo-ngoai-giao'];
const [BYT, BTC, BCA, BGD, BXD, BNG] = ORGS as [string, string, string, string, string, string];
let passage = '';
let headings: string[] = [];

const api = (who: string, method: string, path: string, body?: unknown) => requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

const ok = async <T>(promise: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> => {
  const result = await promise;
  assert.equal(result.status, status, JSON.stringify(result.body));
  return result.body as T;
};

const download = async (path: string): Promise<Buffer> => {
  const response = await fetch(`${server.baseUrl}/api/documents/${documentId}/${path}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
};

/** Text of each paragraph of an XML fragment, joined by newlines (entities decoded). */
const textOf = (xml: string): string =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((paragraph) => [...paragraph[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => (t[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&')).join(''))
    .join('\n');

/** Each table of the document, as rows of cell texts. */
const tablesOf = (xml: string): string[][][] =>
  [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...(table[1] ?? '').matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1] ?? ''))),
  );

/** The paragraphs outside tables (title, preamble). */
const loose = (xml: string): string[] => textOf(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')).split('\n').filter((line) => line !== '');

/** The count in a preamble sentence starting with `prefix` ("Có ý kiến góp ý (3): …"), 0 when the sentence is absent. */
const listed = (lines: string[], prefix: string): number => {
  const line = lines.find((candidate) => candidate.startsWith(prefix));
  return line === undefined ? 0 : Number(/\((\d+)\)/.exec(line)?.[1]);
};

before(async () => {
  server = await startTestServer({ now: () => clock });
  tokens.admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(tokens.admin, 'Chiến lược thử nghiệm theo đợt', 'nts-2030-2045');
  for (const [username, organizationId] of [
    ['byt', BYT],
    ['bxd', BXD],
    ['bng', BNG],
  ] as const) {
    await server.createUser(tokens.admin, { username, role: 'ministry', organizationId, password: `pw-${username}-long`, displayName: `Cán bộ ${username}` });
    tokens[username] = await server.login(username, `pw-${username}-long`);
  }
  writer = connectClient(server.wsUrl, documentId, tokens.admin);
  await waitSynced(writer);
  const nodes = writer.fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  headings = nodes.filter((node) => node.nodeName === 'heading').map((node) => String(node.getAttribute('id')));
  const paragraph = nodes.find((node) => node.nodeName === 'paragraph' && node.toString().length > 40);
  const text = paragraph?.get(0);
  assert.ok(text instanceof Y.XmlText);
  passage = text.toString().slice(0, 24);
  firstRevision = (await ok<{ id: string }>(api('admin', 'POST', '/revisions', { name: 'Dự thảo lần 1' }), 201)).id;
});

after(async () => {
  writer.destroy();
  await server.close();
});

test('a round’s synthesis: preamble from the round equal to its dashboard, its comments quoted as sent, CSV alike, and a live round event', async () => {
  firstRound = (
    await ok<{ id: string }>(
      api('admin', 'POST', '/rounds', {
        title: 'Lấy ý kiến đề cương lần 1',
        requestLetter: { number: '123/BQP-VP', date: '2026-03-01' },
        revisionId: firstRevision,
        deadline: '2026-03-10',
        organizations: ORGS,
        ministriesSeeEachOther: false,
      }),
      201,
    )
  ).id;
  // Listen to the document's event stream as the dashboard page does.
  const events = new AbortController();
  const stream = await fetch(`${server.baseUrl}/api/documents/${documentId}/threads/events`, { headers: { authorization: `Bearer ${tokens.admin}` }, signal: events.signal });
  const reader = stream.body?.getReader();
  assert.ok(reader);
  let received = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      received += new TextDecoder().decode(value);
    }
  })();

  // Bộ Y tế: a written response with one item on a passage of the version sent.
  const anchor = anchorFor(writer, passage);
  clock = Date.UTC(2026, 2, 5, 3);
  await ok(
    api('admin', 'POST', '/submissions', {
      organizationId: BYT,
      documentNumber: '45/BYT-PC',
      date: '2026-03-05',
      signer: 'Thứ trưởng',
      noComments: false,
      items: [{ body: 'Đề nghị làm rõ đoạn này.', anchor }],
    }),
    201,
  );
  await waitFor(() => received.includes(`event: round\ndata: {"roundId":"${firstRound}"}`), "the round event", 5000);
  // Bộ Công an: no comments. Bộ Giáo dục: spoke at a meeting. Bộ Xây dựng: an officer's draft, never sent.
  await ok(api('admin', 'POST', '/submissions', { organizationId: BCA, documentNumber: '7/BCA', date: '2026-03-06', signer: 'Thứ trưởng', noComments: true, items: [] }), 201);
  await ok(api('admin', 'POST', '/threads', { body: 'Ý kiến tại hội thảo.', sectionBlockId: headings[0], organizationId: BGD, meeting: { name: 'Hội thảo góp ý', date: '2026-03-07' } }), 201);
  await ok(api('bxd', 'POST', '/threads', { body: 'Bản nháp chưa gửi.', sectionBlockId: headings[1], revisionId: firstRevision }), 201);
  // Bộ Tài chính answers after the deadline; Bộ Ngoại giao never does.
  clock = Date.UTC(2026, 2, 12, 3);
  await ok(
    api('admin', 'POST', '/submissions', {
      organizationId: BTC,
      documentNumber: '99/BTC-PC',
      date: '2026-03-12',
      signer: 'Thứ trưởng',
      noComments: false,
      items: [{ body: 'Góp ý muộn về mục thứ hai.', sectionBlockId: headings[1] }],
    }),
    201,
  );
  events.abort();
  await pump;
  // The drafting group rewrites the passage in the live draft: the table still quotes what was sent.
  const { text } = findParagraph(writer, passage);
  writer.doc.transact(() => {
    text.delete(0, passage.length);
    text.insert(0, 'Câu đã được viết lại hoàn toàn');
  });
  const written = (await ok<{ threads: Array<{ id: string; organization: { id: string } | null }> }>(api('admin', 'GET', '/threads'))).threads;
  const bytThread = written.find((thread) => thread.organization?.id === BYT);
  assert.ok(bytThread);
  await ok(api('admin', 'POST', `/threads/${bytThread.id}/status`, { status: 'accepted', explanation: 'Đã làm rõ.' }));

  const dashboard = await ok<RoundDashboard>(api('admin', 'GET', `/rounds/${firstRound}/dashboard`));
  assert.deepEqual(
    Object.fromEntries(dashboard.organizations.map((row) => [row.organization.id, row.status])),
    { [BYT]: 'responded', [BTC]: 'responded_late', [BCA]: 'no_comments', [BGD]: 'oral', [BXD]: 'overdue', [BNG]: 'overdue' },
  );

  const xml = unzip(await download(`synthesis.docx?roundId=${firstRound}`)).get('word/document.xml')?.toString('utf8') ?? '';
  const lines = loose(xml);
  assert.deepEqual(lines.slice(2, 4), ['(Dự thảo lần 1)', 'Đợt lấy ý kiến: Lấy ý kiến đề cương lần 1']);
  assert.ok(lines.includes('Thực hiện Công văn số 123/BQP-VP ngày 01/03/2026 đề nghị góp ý (hạn trả lời: 10/03/2026).'), lines.join('\n'));
  // The preamble's figures are the dashboard's.
  const { counts } = dashboard;
  const answeredWithComments = counts.responded + counts.responded_late + counts.oral;
  assert.ok(lines.includes(`Đã lấy ý kiến ${dashboard.organizations.length} cơ quan, tổ chức; ${answeredWithComments + counts.no_comments} cơ quan, tổ chức đã có ý kiến; ${counts.pending + counts.preparing + counts.overdue} cơ quan, tổ chức chưa có ý kiến.`), lines.join('\n'));
  assert.equal(listed(lines, 'Có ý kiến góp ý'), answeredWithComments);
  assert.equal(listed(lines, 'Nhất trí, không có ý kiến khác'), counts.no_comments);
  assert.equal(listed(lines, 'Chưa có ý kiến'), counts.pending + counts.preparing + counts.overdue);
  assert.equal(listed(lines, 'Trả lời sau thời hạn'), dashboard.organizations.filter((row) => row.response?.late === true).length);
  const answeredComments = dashboard.organizations.filter((row) => ['responded', 'responded_late', 'oral'].includes(row.status)).reduce((sum, row) => sum + row.commentCount, 0);
  assert.ok(lines.some((line) => line.startsWith(`Tổng số ${answeredComments} ý kiến góp ý; ${answeredComments} ý kiến được tổng hợp`)), lines.join('\n'));
  assert.match(lines.find((line) => line.startsWith('Có ý kiến góp ý')) ?? '', /Bộ Y tế \(Công văn số 45\/BYT-PC ngày 05\/03\/2026\)/);
  assert.match(lines.find((line) => line.startsWith('Trả lời sau thời hạn')) ?? '', /Bộ Tài chính \(Công văn số 99\/BTC-PC ngày 12\/03\/2026\)/);

  // Rows: the round's answered comments only (not the unsent draft), the passage as it was sent.
  const table = tablesOf(xml)[1] ?? [];
  const body = table.filter((row) => row.length === 5).slice(1);
  assert.equal(body.length, answeredComments);
  assert.ok(!body.some((row) => row[2]?.includes('Bản nháp chưa gửi.')));
  const bytRow = body.find((row) => row[2] === 'Đề nghị làm rõ đoạn này.');
  assert.equal(bytRow?.[1], `“${passage}”`);
  assert.equal(bytRow?.[4], 'Tiếp thu. Đã làm rõ.');

  const csv = (await download(`synthesis.csv?roundId=${firstRound}`)).toString('utf8').replace(/^\uFEFF/, '');
  const records = parse(csv, { relax_quotes: true }) as string[][];
  assert.equal(records.length - 1, answeredComments);
  assert.ok(records.some((record) => record[1] === `“${passage}”` && record[2] === 'Đề nghị làm rõ đoạn này.'));
  // The review desk's round filter: exactly the threads the dashboard counts.
  const ofRound = await ok<{ threads: unknown[] }>(api('admin', 'GET', `/threads?roundId=${firstRound}`));
  assert.equal(ofRound.threads.length, dashboard.organizations.reduce((sum, row) => sum + row.commentCount, 0));
  // A round of another document does not exist here.
  assert.equal((await api('admin', 'GET', '/synthesis.csv?roundId=no-such-round')).status, 404);
});

test('the next round starts from a later revision and carries the earlier decisions with their comments', async () => {
  await ok(api('admin', 'POST', `/rounds/${firstRound}/close`));
  const secondRevision = (await ok<{ id: string }>(api('admin', 'POST', '/revisions', { name: 'Dự thảo lần 2' }), 201)).id;
  const second = await ok<{ id: string }>(
    api('admin', 'POST', '/rounds', {
      title: 'Lấy ý kiến đề cương lần 2',
      requestLetter: { number: '200/BQP-VP', date: '2026-03-20' },
      revisionId: secondRevision,
      deadline: '2026-03-30',
      organizations: [BYT, BTC, BNG],
      ministriesSeeEachOther: false,
    }),
    201,
  );
  const carried = await ok<CarryOver>(api('admin', 'GET', `/rounds/${second.id}/carry-over`));
  assert.deepEqual(carried.revision, { id: secondRevision, name: 'Dự thảo lần 2' });
  assert.equal(carried.previous?.id, firstRound);
  assert.deepEqual(carried.previous?.revision, { id: firstRevision, name: 'Dự thảo lần 1' });
  assert.equal(carried.previous?.state, 'closed');
  assert.equal(carried.decisions.length, 3, 'the answered comments of BYT, BTC and BGD, not the unsent draft of BXD');
  const byt = carried.decisions.find((decision) => decision.organization.id === BYT);
  assert.deepEqual({ status: byt?.status, explanation: byt?.explanation, comment: byt?.comment, quote: byt?.quote }, {
    status: 'accepted',
    explanation: 'Đã làm rõ.',
    comment: 'Đề nghị làm rõ đoạn này.',
    quote: passage,
  });
  assert.equal(carried.counts.accepted, 1);
  // A ministry sees its own organisation's decisions only; the first round has none for it otherwise.
  const own = await ok<CarryOver>(api('byt', 'GET', `/rounds/${second.id}/carry-over`));
  assert.deepEqual(own.decisions.map((decision) => decision.organization.id), [BYT]);
  const first = await ok<CarryOver>(api('admin', 'GET', `/rounds/${firstRound}/carry-over`));
  assert.equal(first.previous, null);
  assert.deepEqual(first.decisions, []);
  // Bộ Xây dựng is not consulted in the second round: it does not see it.
  assert.equal((await api('bxd', 'GET', `/rounds/${second.id}/carry-over`)).status, 404);
});
