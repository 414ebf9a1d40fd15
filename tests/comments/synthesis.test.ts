import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { parse } from 'csv-parse/sync';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { unzip } from '../helpers/zip.ts';
import { anchorFor } from './helpers.ts';

let server: TestServer;
let admin: string;
let documentId: string;
let writer: TestClient;
const tokens: Record<string, string> = {};
const INVITED = ['bo-y-te', 'bo-tai-chinh', 'bo-cong-an', 'bo-giao-duc-dao-tao', 'bo-xay-dung'];

/** Three parts that each repeat "1. Thực trạng / 2. Giải pháp", one paragraph under each section. */
const OUTLINE: Array<[string, number, string]> = [
  ['heading', 1, 'Bối cảnh'],
  ['heading', 2, 'Thực trạng'],
  ['paragraph', 0, 'Đoạn A1 về thực trạng bối cảnh.'],
  ['heading', 2, 'Giải pháp'],
  ['paragraph', 0, 'Đoạn A2 về giải pháp bối cảnh.'],
  ['heading', 1, 'Quan điểm'],
  ['heading', 2, 'Thực trạng'],
  ['paragraph', 0, 'Đoạn B1 về thực trạng quan điểm.'],
  ['heading', 2, 'Giải pháp'],
  ['paragraph', 0, 'Đoạn B2 về giải pháp quan điểm.'],
  ['heading', 1, 'Mục tiêu'],
  ['heading', 2, 'Thực trạng'],
  ['paragraph', 0, 'Đoạn C1 về thực trạng mục tiêu.'],
  ['heading', 2, 'Giải pháp'],
  ['paragraph', 0, 'Đoạn C2 về giải pháp mục tiêu.'],
];

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  tokens.admin = admin;
  documentId = await server.createDocument(admin, 'Chiến lược thử nghiệm');
  const people = [
    { username: 'ed', role: 'editor' },
    { username: 'byt', role: 'ministry', organizationId: 'bo-y-te' },
    { username: 'byt2', role: 'ministry', organizationId: 'bo-y-te' },
    { username: 'btc', role: 'ministry', organizationId: 'bo-tai-chinh' },
    { username: 'bgd', role: 'ministry', organizationId: 'bo-giao-duc-dao-tao' },
  ];
  const members: string[] = [];
  for (const person of people) {
    const id = await server.createUser(admin, { ...person, password: `pw-${person.username}-long`, displayName: `Người ${person.username}` });
    if (person.role === 'editor') members.push(id);
    tokens[person.username] = await server.login(person.username, `pw-${person.username}-long`);
  }
  await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members, organizations: INVITED } });
  writer = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(writer);
  writer.doc.transact(() => {
    writer.fragment.delete(0, writer.fragment.length);
    OUTLINE.forEach(([kind, level, text], at) => {
      const element = new Y.XmlElement(kind);
      element.setAttribute('id', `b${at}`);
      if (kind === 'heading') element.setAttribute('level', level as unknown as string);
      element.insert(0, [new Y.XmlText(text)]);
      writer.fragment.insert(writer.fragment.length, [element]);
    });
  });
  const reader = connectClient(server.wsUrl, documentId, admin);
  await waitFor(() => contentOf(reader) === contentOf(writer), 'the outline reached the server');
  reader.destroy();
});
after(async () => {
  writer?.destroy();
  await server?.close();
});

const as = (who: string, method: string, path: string, body?: unknown) =>
  requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: tokens[who], body });

const thread = async (who: string, passage: string, body: string, extra: Record<string, unknown> = {}): Promise<string> => {
  const created = await as(who, 'POST', '/threads', { body, anchor: anchorFor(writer, passage), ...extra });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return (created.body as { id: string }).id;
};

const download = async (path: string): Promise<Buffer> => {
  const response = await fetch(`${server.baseUrl}/api/documents/${documentId}/${path}`, { headers: { authorization: `Bearer ${admin}` } });
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
};

/** Text of each paragraph of an XML fragment, joined by newlines. */
const textOf = (xml: string): string =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((paragraph) => [...paragraph[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n');

/** Each table of the document, as rows of cell texts. */
const tablesOf = (xml: string): string[][][] =>
  [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...(table[1] ?? '').matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((row) => [...(row[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1] ?? ''))),
  );

/** The paragraphs outside tables (title, preamble). */
const loose = (xml: string): string[] => textOf(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')).split('\n').filter((line) => line !== '');

test('the synthesis table is ready to sign: own words only, one group per section in order, preamble that adds up, Decree 30 layout', async () => {
  // Created out of document order, so the table's order is the document's, not the creation's.
  await thread('byt', 'Đoạn C1', 'Làm rõ thực trạng ở phần mục tiêu.');
  const accepted = await thread('btc', 'Đoạn A2', 'Bổ sung giải pháp tài chính.');
  const partly = await thread('byt', 'Đoạn A1', 'Bổ sung số liệu y tế.');
  assert.equal((await as('byt2', 'POST', `/threads/${partly}/comments`, { body: 'Bộ Y tế bổ sung thêm: số liệu năm 2025.' })).status, 201);
  assert.equal((await as('ed', 'POST', `/threads/${partly}/comments`, { body: 'Tổ biên soạn ghi nhận, sẽ bổ sung.' })).status, 201);
  assert.equal((await as('admin', 'POST', `/threads/${partly}/comments`, { body: 'Thư ký đề nghị Bộ gửi số liệu.' })).status, 201);
  const oral = await as('admin', 'POST', '/threads', {
    body: 'Đề nghị nêu rõ vai trò lực lượng công an.',
    sectionBlockId: 'b6',
    organizationId: 'bo-cong-an',
    meeting: { name: 'Hội thảo lấy ý kiến các bộ', date: '2026-11-20' },
  });
  assert.equal(oral.status, 201);
  await thread('ed', 'Đoạn B2', 'Ý kiến nội bộ của tổ biên soạn.');
  await thread('admin', 'Đoạn C2', 'Ghi chú nội bộ của thư ký.');
  const written = await as('btc', 'POST', '/submissions', {
    documentNumber: '1234/BTC-PC', date: '2026-11-18', signer: 'Thứ trưởng', noComments: false,
    items: [{ body: 'Làm rõ nguồn lực thực hiện.', anchor: anchorFor(writer, 'Đoạn B2') }],
  });
  assert.equal(written.status, 201);
  assert.equal((await as('bgd', 'POST', '/submissions', { documentNumber: '567/BGDĐT-VP', date: '2026-11-19', signer: 'Chánh Văn phòng', noComments: true, items: [] })).status, 201);
  const duplicate = await thread('byt', 'Đoạn A1', 'Bổ sung số liệu y tế (nhắc lại).');
  assert.equal((await as('admin', 'PUT', `/threads/${duplicate}/set-aside`, { reason: 'duplicate', duplicateOf: partly, note: 'Trùng ý kiến trước.' })).status, 200);
  const withdrawn = await thread('byt', 'Đoạn B1', 'Ý kiến đã rút lại.');
  assert.equal((await as('byt', 'POST', `/threads/${withdrawn}/status`, { status: 'withdrawn' })).status, 200);
  assert.equal((await as('admin', 'POST', `/threads/${partly}/status`, { status: 'partially_accepted', explanation: 'Tiếp thu phần số liệu năm 2025.' })).status, 200);
  assert.equal((await as('admin', 'POST', `/threads/${accepted}/status`, { status: 'accepted', explanation: '' })).status, 200);

  const files = unzip(await download(`synthesis.docx?round=${encodeURIComponent('Lấy ý kiến các bộ, ngành lần 1')}`));
  const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
  const [headerBlock, table, signature] = tablesOf(xml);

  // Header block: drafting body | national name, motto, place and date; no borders.
  // The drafting body, then the empty paragraph whose bottom border is the short rule under it.
  assert.equal(headerBlock?.[0]?.[0], 'TỔ BIÊN SOẠN\n');
  assert.match(xml.slice(0, xml.indexOf('</w:tc>')), /<w:pBdr><w:bottom w:val="single"/);
  assert.match(headerBlock?.[0]?.[1] ?? '', /^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n+Hà Nội, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$/);
  assert.match(xml.slice(0, xml.indexOf('</w:tbl>')), /<w:tblBorders>(?:(?!<\/w:tblBorders>)[\s\S])*w:val="none"/);
  // The page number: a PAGE field in the default header, none on the first page.
  assert.match(xml, /<w:titlePg\/>/);
  const headers = [...files.entries()].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, data]) => data.toString('utf8'));
  assert.equal(headers.filter((header) => /PAGE/.test(header)).length, 1, 'one header holds the page number');
  assert.match(headers.find((header) => /PAGE/.test(header)) ?? '', /<w:jc w:val="center"\/>/);
  // The title names the draft, its version and the round.
  const lines = loose(xml);
  assert.deepEqual(lines.slice(0, 4), ['BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý', 'đối với Chiến lược thử nghiệm', '(Bản hiện hành)', 'Đợt lấy ý kiến: Lấy ý kiến các bộ, ngành lần 1']);

  // One group per section identity, in document order, each headed with its full path.
  const rows = (table ?? []).slice(1);
  assert.deepEqual(table?.[0], ['TT', 'Nội dung dự thảo', 'Nội dung góp ý', 'Cơ quan góp ý', 'Ý kiến tiếp thu, giải trình']);
  assert.deepEqual(
    rows.filter((row) => row.length === 1).map((row) => row[0]),
    ['Phần I › 1. Thực trạng', 'Phần I › 2. Giải pháp', 'Phần II › 1. Thực trạng', 'Phần II › 2. Giải pháp', 'Phần III › 1. Thực trạng'],
  );
  const body = rows.filter((row) => row.length === 5);
  assert.deepEqual(body.map((row) => row[0]), ['1', '2', '3', '4', '5'], 'numbered continuously');
  assert.deepEqual(body.map((row) => row.slice(1)), [
    ['“Đoạn A1”', 'Bổ sung số liệu y tế.\nBộ Y tế bổ sung thêm: số liệu năm 2025.', 'Bộ Y tế\nGóp ý trực tiếp trên hệ thống', 'Tiếp thu một phần. Tiếp thu phần số liệu năm 2025.'],
    ['“Đoạn A2”', 'Bổ sung giải pháp tài chính.', 'Bộ Tài chính\nGóp ý trực tiếp trên hệ thống', 'Tiếp thu'],
    ['(Góp ý chung cho cả mục)', 'Đề nghị nêu rõ vai trò lực lượng công an.', 'Bộ Công an\nÝ kiến tại Hội thảo lấy ý kiến các bộ ngày 20/11/2026', 'Chưa xử lý'],
    ['“Đoạn B2”', 'Làm rõ nguồn lực thực hiện.', 'Bộ Tài chính\nCông văn số 1234/BTC-PC ngày 18/11/2026', 'Chưa xử lý'],
    ['“Đoạn C1”', 'Làm rõ thực trạng ở phần mục tiêu.', 'Bộ Y tế\nGóp ý trực tiếp trên hệ thống', 'Chưa xử lý'],
  ]);
  for (const absent of ['Tổ biên soạn ghi nhận', 'Thư ký đề nghị', 'Ý kiến nội bộ', 'Ghi chú nội bộ', 'nhắc lại', 'Ý kiến đã rút']) {
    assert.ok(!xml.includes(absent), `${absent} is not in the official table`);
  }
  assert.match(textOf(xml.slice(xml.lastIndexOf('<w:tbl>'))), /TM\. TỔ BIÊN SOẠN/);
  assert.ok(signature, 'a closing signature block');

  // The preamble's counts equal its lists.
  const preamble = lines.filter((line) => /ý kiến/.test(line)).join('\n');
  const [, consulted, answered, silent] = preamble.match(/Đã lấy ý kiến (\d+) cơ quan, tổ chức; (\d+) cơ quan, tổ chức đã có ý kiến; (\d+) cơ quan, tổ chức chưa có ý kiến\./) ?? [];
  const listed = (label: string): string[] => {
    const match = preamble.match(new RegExp(`${label} \\((\\d+)\\): (.*)\\.$`, 'm'));
    if (!match) return [];
    const names = (match[2] ?? '').split('; ');
    assert.equal(names.length, Number(match[1]), `the count of "${label}" equals its list`);
    return names;
  };
  const withComments = listed('Có ý kiến góp ý');
  const noComments = listed('Nhất trí, không có ý kiến khác');
  const notReplied = listed('Chưa có ý kiến');
  assert.equal(Number(consulted), withComments.length + noComments.length + notReplied.length);
  assert.equal(Number(answered), withComments.length + noComments.length);
  assert.equal(Number(silent), notReplied.length);
  assert.deepEqual(withComments, [
    'Bộ Công an (ý kiến tại Hội thảo lấy ý kiến các bộ ngày 20/11/2026)',
    'Bộ Tài chính (Công văn số 1234/BTC-PC ngày 18/11/2026, góp ý trực tiếp trên hệ thống)',
    'Bộ Y tế (góp ý trực tiếp trên hệ thống)',
  ]);
  assert.deepEqual(noComments, ['Bộ Giáo dục và Đào tạo (Công văn số 567/BGDĐT-VP ngày 19/11/2026)']);
  assert.deepEqual(notReplied, ['Bộ Xây dựng']);
  const [, total, inTable, leftOut] = preamble.match(/Tổng số (\d+) ý kiến góp ý; (\d+) ý kiến được tổng hợp trong bảng dưới đây; (\d+) ý kiến không đưa vào bảng \(1 ý kiến trùng/) ?? [];
  assert.equal(Number(inTable), body.length);
  assert.equal(Number(total), Number(inTable) + Number(leftOut));
  assert.equal(Number(leftOut), 1);

  // The CSV: the same rows, the full path, and the replies by others in the last column.
  const csv = await download('synthesis.csv');
  const records = parse(csv.subarray(3).toString('utf8')) as string[][];
  assert.deepEqual(records[0]?.slice(5), ['Mục', 'Trao đổi khác (không thuộc bảng chính thức)']);
  const csvRows = records.slice(1);
  assert.deepEqual(csvRows.map((row) => row.slice(0, 5)), body);
  assert.equal(csvRows[0]?.[5], 'Phần I › 1. Thực trạng');
  assert.equal(csvRows[0]?.[6], 'Người ed: Tổ biên soạn ghi nhận, sẽ bổ sung.\nQuản trị viên: Thư ký đề nghị Bộ gửi số liệu.');
  assert.ok(csvRows.slice(1).every((row) => row[6] === ''));
});

test('the table of a named revision holds the comments filed on it, and names it', async () => {
  const revision = await as('admin', 'POST', '/revisions', { name: 'Dự thảo lần 2' });
  assert.equal(revision.status, 201);
  const revisionId = (revision.body as { id: string }).id;
  await thread('byt', 'Đoạn C2', 'Góp ý trên dự thảo lần 2.', { revisionId });
  const xml = unzip(await download(`synthesis.docx?revisionId=${revisionId}`)).get('word/document.xml')?.toString('utf8') ?? '';
  assert.ok(loose(xml).includes('(Dự thảo lần 2)'));
  const body = (tablesOf(xml)[1] ?? []).slice(1).filter((row) => row.length === 5);
  assert.deepEqual(body.map((row) => row[2]), ['Góp ý trên dự thảo lần 2.']);
  assert.equal((await as('admin', 'GET', '/synthesis.csv?round=')).status, 400);
});
