import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { unzip } from '../helpers/zip.ts';
import { anchorFor } from './helpers.ts';
import { listenThreadEvents, type ThreadEventStream } from '../helpers/thread-events.ts';

let server: TestServer;
let admin: string;
let documentId: string;
let reader: TestClient;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const people = [
    { username: 'editor', role: 'editor' },
    { username: 'observer', role: 'observer' },
    { username: 'byt', role: 'ministry', organizationId: 'bo-y-te' },
    { username: 'byt2', role: 'ministry', organizationId: 'bo-y-te' },
    { username: 'btc', role: 'ministry', organizationId: 'bo-tai-chinh' },
    { username: 'bgd', role: 'ministry', organizationId: 'bo-giao-duc-dao-tao' },
  ];
  for (const person of people) {
    ids[person.username] = await server.createUser(admin, { ...person, password: `pw-${person.username}-1`, displayName: `Người ${person.username}` });
    tokens[person.username] = await server.login(person.username, `pw-${person.username}-1`);
  }
  tokens.admin = admin;
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, {
    token: admin,
    body: { members: [ids.editor, ids.observer], organizations: ['bo-y-te', 'bo-tai-chinh', 'bo-giao-duc-dao-tao', 'bo-cong-an', 'bo-xay-dung'] },
  });
  reader = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(reader);
});
after(async () => {
  reader.destroy();
  await server.close();
});

const as = (who: string, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

interface Thread {
  id: string;
  organization: { id: string; name: string } | null;
  status: string;
  explanation: string | null;
  decidedBy: { displayName: string } | null;
  comments: Array<{ body: string }>;
  history: Array<{ status: string; by: { displayName: string } }>;
  position: { sectionNumber: string | null };
}

const startThread = async (who: string, passage: string, body: string, extra: Record<string, unknown> = {}): Promise<Thread> => {
  const result = await as(who, 'POST', '/threads', { body, anchor: anchorFor(reader, passage), ...extra });
  assert.equal(result.status, 201, JSON.stringify(result.body));
  return result.body as Thread;
};

/** Follows a document's event stream as `who`: thread events, settings events, and whether the server ended it. */
function listen(who: string): ThreadEventStream<Thread> {
  return listenThreadEvents<Thread>(server.baseUrl, documentId, tokens[who] as string);
}

test('permissions for each role and each action', async () => {
  // Start a thread: everyone but observers; a ministry only in its own organisation's name.
  const own = await startThread('byt', 'thiên tai cực đoan', 'Bổ sung dịch bệnh truyền nhiễm.');
  assert.equal(own.organization?.id, 'bo-y-te');
  assert.equal((await as('byt', 'POST', '/threads', { body: 'x', anchor: anchorFor(reader, 'khủng bố'), organizationId: 'bo-tai-chinh' })).status, 403, 'not for another organisation');
  assert.equal((await as('observer', 'POST', '/threads', { body: 'x', anchor: anchorFor(reader, 'khủng bố') })).status, 403);
  const editorThread = await startThread('editor', 'khủng bố', 'Ghi chú của Tổ biên soạn.');
  assert.equal(editorThread.organization, null);

  // Replies: editors and the secretariat; a ministry only in its own organisation's threads; observers never.
  assert.equal((await as('editor', 'POST', `/threads/${own.id}/comments`, { body: 'Đã ghi nhận.' })).status, 201);
  assert.equal((await as('byt2', 'POST', `/threads/${own.id}/comments`, { body: 'Cùng bộ.' })).status, 201);
  assert.equal((await as('btc', 'POST', `/threads/${own.id}/comments`, { body: 'x' })).status, 404, 'another ministry does not even see it');
  assert.equal((await as('observer', 'POST', `/threads/${own.id}/comments`, { body: 'x' })).status, 403);

  // Decisions: only the secretariat; explanations required for partial and rejection.
  for (const who of ['byt', 'editor', 'observer']) {
    assert.equal((await as(who, 'POST', `/threads/${own.id}/status`, { status: 'accepted' })).status, 403, `${who} cannot decide`);
  }
  const missing = await as('admin', 'POST', `/threads/${own.id}/status`, { status: 'not_accepted' });
  assert.equal(missing.status, 400);
  assert.equal((missing.body as { error: { code: string } }).error.code, 'ERR_EXPLANATION_REQUIRED');
  assert.equal((await as('admin', 'POST', `/threads/${own.id}/status`, { status: 'under_review' })).status, 200);
  const decided = (await as('admin', 'POST', `/threads/${own.id}/status`, { status: 'partially_accepted', explanation: 'Tiếp thu phần dịch bệnh.' })).body as Thread;
  assert.equal(decided.status, 'partially_accepted');
  assert.equal(decided.decidedBy?.displayName, 'Quản trị viên');
  assert.deepEqual(decided.history.map((change) => change.status), ['open', 'under_review', 'partially_accepted']);

  // Withdraw: the ministry its own undecided threads only.
  const second = await startThread('byt', 'an ninh nguồn nước', 'Nêu thêm lưu vực sông Mê Công.');
  assert.equal((await as('btc', 'POST', `/threads/${second.id}/status`, { status: 'withdrawn' })).status, 404);
  assert.equal((await as('byt', 'POST', `/threads/${own.id}/status`, { status: 'withdrawn' })).status, 403, 'decided threads stay');
  assert.equal(((await as('byt2', 'POST', `/threads/${second.id}/status`, { status: 'withdrawn' })).body as Thread).status, 'withdrawn');
  assert.equal((await as('admin', 'POST', `/threads/${second.id}/status`, { status: 'accepted' })).status, 409, 'withdrawn is final');

  // Oral comments: recorded by the secretariat for an organisation, with the meeting.
  const oral = await as('admin', 'POST', '/threads', {
    body: 'Đề nghị làm rõ vai trò chủ trì.',
    anchor: anchorFor(reader, 'Bộ Công an là cơ quan thường trực'),
    organizationId: 'bo-cong-an',
    meeting: { name: 'Phiên họp thứ nhất Tổ Biên soạn', date: '2026-11-20' },
  });
  assert.equal(oral.status, 201);
  assert.equal((oral.body as { source: string }).source, 'oral');
  assert.equal((await as('editor', 'POST', '/threads', { body: 'x', anchor: anchorFor(reader, 'khủng bố'), meeting: { name: 'Họp', date: '2026-11-20' } })).status, 403);
});

test('visibility: a ministry sees its own threads until the secretariat opens all threads to everyone', async () => {
  await startThread('btc', 'Kinh phí từ ngân sách nhà nước', 'Cân đối trong dự toán hằng năm.');
  const ownOnly = (await as('byt', 'GET', '/threads')).body as { threads: Thread[]; visibility: string };
  assert.equal(ownOnly.visibility, 'own_organization');
  assert.ok(ownOnly.threads.every((thread) => thread.organization?.id === 'bo-y-te'));
  assert.ok(((await as('admin', 'GET', '/threads')).body as { threads: Thread[] }).threads.some((thread) => thread.organization?.id === 'bo-tai-chinh'));
  assert.equal((await as('byt', 'PUT', '/comment-settings', { visibility: 'all_participants' })).status, 403);
  assert.equal((await as('admin', 'PUT', '/comment-settings', { visibility: 'all_participants' })).status, 200);
  const all = (await as('byt', 'GET', '/threads')).body as { threads: Thread[] };
  assert.ok(all.threads.some((thread) => thread.organization?.id === 'bo-tai-chinh'));
  await as('admin', 'PUT', '/comment-settings', { visibility: 'own_organization' });
});

test('filters and counts by organisation, status and section', async () => {
  const all = (await as('admin', 'GET', '/threads')).body as { threads: Thread[]; counts: { byOrganization: Record<string, number>; byStatus: Record<string, number> } };
  assert.equal(Object.values(all.counts.byStatus).reduce((a, b) => a + b, 0), all.threads.length);
  assert.ok((all.counts.byOrganization['bo-y-te'] ?? 0) >= 2);
  const yTe = (await as('admin', 'GET', '/threads?organizationId=bo-y-te')).body as { threads: Thread[] };
  assert.ok(yTe.threads.length >= 2 && yTe.threads.every((thread) => thread.organization?.id === 'bo-y-te'));
  const withdrawn = (await as('admin', 'GET', '/threads?status=withdrawn')).body as { threads: Thread[] };
  assert.ok(withdrawn.threads.every((thread) => thread.status === 'withdrawn') && withdrawn.threads.length >= 1);
});

test('comment bodies are stored and returned as plain text, never as HTML', async () => {
  const payload = '<script>alert(1)</script><img src=x onerror="alert(2)"> Đề nghị bổ sung';
  const thread = await startThread('byt', 'dịch bệnh mới nổi', payload);
  assert.equal(thread.comments[0]?.body, payload);
  const response = await fetch(`${server.baseUrl}/api/documents/${documentId}/threads`, { headers: { authorization: `Bearer ${admin}` } });
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
});

test('new threads, replies and decisions arrive live on the event stream, filtered by visibility', async () => {
  const editor = listen('editor');
  const otherMinistry = listen('btc');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const thread = await startThread('byt', 'tội phạm mạng', 'Thêm an ninh dữ liệu y tế.');
  await waitFor(() => editor.events.some((event) => event.id === thread.id), 'the editor hears of the new thread');
  await as('admin', 'POST', `/threads/${thread.id}/status`, { status: 'accepted', explanation: 'Đã bổ sung.' });
  await waitFor(() => editor.events.some((event) => event.id === thread.id && event.status === 'accepted'), 'the decision arrives');
  assert.ok(!otherMinistry.events.some((event) => event.id === thread.id), 'another ministry hears nothing of it');
  editor.close();
  otherMinistry.close();
});

test('official submissions: items become threads; "no comments"; attachments are checked and stored safely', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 32)]).toString('base64');
  const filed = await as('btc', 'POST', '/submissions', {
    documentNumber: '1234/BTC-PC',
    date: '2026-11-18',
    signer: 'Thứ trưởng Nguyễn Văn A',
    noComments: false,
    attachment: { fileName: '../../etc/cong-van.pdf', contentType: 'application/pdf', dataBase64: pdf },
    items: [
      { body: 'Làm rõ nguồn kinh phí.', anchor: anchorFor(reader, 'các nguồn hợp pháp khác') },
      { body: 'Góp ý chung cho phần tổ chức thực hiện.', sectionBlockId: (reader.fragment.toArray().find((n) => n.toString().includes('TỔ CHỨC THỰC HIỆN')) as { getAttribute(name: string): string }).getAttribute('id') },
    ],
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const submission = filed.body as { id: string; threadIds: string[]; attachment: { fileName: string } };
  assert.equal(submission.threadIds.length, 2);
  assert.equal(submission.attachment.fileName, 'cong-van.pdf', 'no path survives in the name');
  const download = await fetch(`${server.baseUrl}/api/documents/${documentId}/submissions/${submission.id}/attachment`, { headers: { authorization: `Bearer ${admin}` } });
  assert.equal(download.status, 200);
  assert.equal(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  const fake = await as('btc', 'POST', '/submissions', {
    documentNumber: '1/X', date: '2026-11-18', signer: 'A', noComments: true, items: [],
    attachment: { fileName: 'virus.pdf', contentType: 'application/pdf', dataBase64: Buffer.from('MZ not a pdf').toString('base64') },
  });
  assert.equal(fake.status, 400);
  assert.equal((fake.body as { error: { code: string } }).error.code, 'ERR_INVALID_ATTACHMENT');
  const none = await as('bgd', 'POST', '/submissions', { documentNumber: '567/BGDĐT-VP', date: '2026-11-19', signer: 'Chánh Văn phòng', noComments: true, items: [] });
  assert.equal(none.status, 201);
  assert.equal((await as('observer', 'POST', '/submissions', { documentNumber: '1', date: '2026-11-19', signer: 'x', noComments: true, items: [] })).status, 403);
  const list = (await as('bgd', 'GET', '/submissions')).body as Array<{ organization: { id: string } }>;
  assert.ok(list.every((entry) => entry.organization.id === 'bo-giao-duc-dao-tao'), 'a ministry lists its own submissions');
});

test('the synthesis table: DOCX grouped by section in document order, CSV round-trips with Vietnamese intact', async () => {
  const docx = await fetch(`${server.baseUrl}/api/documents/${documentId}/synthesis.docx`, { headers: { authorization: `Bearer ${admin}` } });
  assert.equal(docx.status, 200);
  const files = unzip(Buffer.from(await docx.arrayBuffer()));
  const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
  assert.match(xml, /w:orient="landscape"/);
  assert.match(files.get('word/styles.xml')?.toString('utf8') ?? '', /<w:docDefaults>[\s\S]*Times New Roman[\s\S]*<w:sz w:val="26"\/>/);
  const cellTexts = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((match) => [...(match[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n'));
  assert.deepEqual(cellTexts.slice(2, 7), ['TT', 'Nội dung dự thảo', 'Nội dung góp ý', 'Cơ quan góp ý', 'Ý kiến tiếp thu, giải trình']);
  const text = xml.replace(/<[^>]+>/g, '');
  assert.match(text, /BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý/);
  assert.match(text, /Đã lấy ý kiến 5 cơ quan, tổ chức; 4 cơ quan, tổ chức đã có ý kiến; 1 cơ quan, tổ chức chưa có ý kiến/);
  assert.match(text, /Nhất trí, không có ý kiến khác \(1\): Bộ Giáo dục và Đào tạo \(Công văn số 567\/BGDĐT-VP ngày 19\/11\/2026\)/);
  assert.match(text, /Chưa có ý kiến \(1\): Bộ Xây dựng\./);
  assert.ok(!text.includes('Nêu thêm lưu vực sông Mê Công'), 'withdrawn comments are left out');

  const csv = await fetch(`${server.baseUrl}/api/documents/${documentId}/synthesis.csv`, { headers: { authorization: `Bearer ${admin}` } });
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
  const rows = parse(bytes.subarray(3).toString('utf8'), { relax_column_count: false }) as string[][];
  assert.deepEqual(rows[0], ['TT', 'Nội dung dự thảo', 'Nội dung góp ý', 'Cơ quan góp ý', 'Ý kiến tiếp thu, giải trình', 'Mục', 'Trao đổi khác (không thuộc bảng chính thức)']);
  const body = rows.slice(1);
  assert.deepEqual(body.map((row) => Number(row[0])), body.map((_row, index) => index + 1), 'numbered continuously');
  // Grouped by section, in document order, each with its full path (numbers restart under
  // each Phần, as in the outline); the drafting group's own thread on "khủng bố" is left out.
  assert.deepEqual(body.map((row) => row[5]), [
    'Phần I › 1. Bối cảnh quốc tế và khu vực',
    'Phần I › 1. Bối cảnh quốc tế và khu vực',
    'Phần I › 1. Bối cảnh quốc tế và khu vực',
    'Phần IV › 4. Bảo đảm nguồn lực',
    'Phần IV › 4. Bảo đảm nguồn lực',
    'Phần V TỔ CHỨC THỰC HIỆN',
    'Phần V › 1. Phân công trách nhiệm',
  ]);
  // Within a section, passages follow their order in the text.
  assert.deepEqual(body.slice(0, 3).map((row) => row[1]), ['“thiên tai cực đoan”', '“dịch bệnh mới nổi”', '“tội phạm mạng”']);
  assert.ok(!body.some((row) => row[2] === 'Ghi chú của Tổ biên soạn.'), 'the drafting group speaks for no consulted organisation');
  const partial = body.find((row) => row[2]?.startsWith('Bổ sung dịch bệnh truyền nhiễm.'));
  assert.equal(partial?.[3]?.split('\n')[0], 'Bộ Y tế');
  assert.equal(partial?.[4], 'Tiếp thu một phần. Tiếp thu phần dịch bệnh.');
  const written = body.find((row) => row[2] === 'Làm rõ nguồn kinh phí.');
  assert.match(written?.[3] ?? '', /Công văn số 1234\/BTC-PC ngày 18\/11\/2026/);
  assert.ok(body.some((row) => row[2]?.startsWith('<script>alert(1)</script>')), 'text exported verbatim');
  assert.equal((await fetch(`${server.baseUrl}/api/documents/${documentId}/synthesis.csv`, { headers: { authorization: `Bearer ${tokens.byt}` } })).status, 403);
});

test('the stream of someone who loses access ends at once; visibility changes are pushed', async () => {
  const ministry = listen('byt');
  const outgoing = listen('observer');
  await new Promise((resolve) => setTimeout(resolve, 100));
  await as('admin', 'PUT', '/comment-settings', { visibility: 'all_participants' });
  await waitFor(() => ministry.settings.length === 1, 'the ministry is told to reload');
  assert.deepEqual(ministry.settings[0], { visibility: 'all_participants' });
  await as('admin', 'PUT', '/comment-settings', { visibility: 'own_organization' });

  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, {
    token: admin,
    body: { members: [ids.editor], organizations: ['bo-y-te', 'bo-tai-chinh', 'bo-giao-duc-dao-tao', 'bo-cong-an', 'bo-xay-dung'] },
  });
  await waitFor(() => outgoing.ended(), 'the observer who lost access is cut off');
  const before = outgoing.events.length;
  await startThread('admin', 'khủng hoảng năng lượng', 'Sau khi thu hồi quyền.');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(outgoing.events.length, before, 'nothing more reaches them');
  ministry.close();
  outgoing.close();
});
