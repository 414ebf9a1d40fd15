import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { DOCX_MEDIA_TYPE, type ConfirmImportResponse, type ImportPreview } from '../../server/import/schemas.ts';
import { handNumberedOutline, listsAndTable, styledOutline, tcvn3Outline } from './docx-fixtures.ts';

let server: TestServer;
let admin: string;
let observer: string;
let editor: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, { username: 'xem', password: 'pw-xem-12345', displayName: 'Người xem', role: 'observer' });
  await server.createUser(admin, { username: 'bientap', password: 'pw-bientap-12345', displayName: 'Biên tập', role: 'editor' });
  observer = await server.login('xem', 'pw-xem-12345');
  editor = await server.login('bientap', 'pw-bientap-12345');
});
after(() => server.close());

/** Uploads `bytes` as a .docx; returns status and body. */
async function upload(bytes: Buffer, token: string, fileName = 'de-cuong.docx'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}/api/documents/import?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': DOCX_MEDIA_TYPE },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function preview(bytes: Buffer, fileName?: string): Promise<ImportPreview> {
  const result = await upload(bytes, admin, fileName);
  assert.equal(result.status, 201, JSON.stringify(result.body));
  return result.body as ImportPreview;
}

/** Confirms as a new document and returns its content as ProseMirror JSON. */
async function importAsNew(bytes: Buffer): Promise<{ preview: ImportPreview; content: PMJson }> {
  const shown = await preview(bytes);
  const confirmed = await requestJson(server.baseUrl, 'POST', `/api/documents/import/${shown.previewId}/confirm`, { token: admin, body: { title: 'Đề cương nhập' } });
  assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
  const { document } = confirmed.body as ConfirmImportResponse;
  const { content } = await server.app.revisions.contentOf(document.id, 'current');
  return { preview: shown, content: content as PMJson };
}

interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
  text?: string;
  marks?: Array<{ type: string }>;
}

const textOf = (node: PMJson): string => node.text ?? (node.content ?? []).map(textOf).join('');
const headings = (doc: PMJson): Array<[number, string]> =>
  (doc.content ?? []).filter((node) => node.type === 'heading').map((node) => [Number(node.attrs?.level), textOf(node)]);
const marked = (doc: PMJson): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  const walk = (node: PMJson): void => {
    if (node.text !== undefined && node.marks) out.push([node.text, node.marks.map((mark) => mark.type).join('+')]);
    node.content?.forEach(walk);
  };
  walk(doc);
  return out;
};
const allIds = (doc: PMJson): string[] => {
  const ids: string[] = [];
  const walk = (node: PMJson): void => {
    if (typeof node.attrs?.id === 'string') ids.push(node.attrs.id);
    node.content?.forEach(walk);
  };
  walk(doc);
  return ids;
};
const isNfc = (doc: PMJson): boolean => textOf(doc) === textOf(doc).normalize('NFC');

test('(a) heading styles and outline levels become headings of their level, typed numbers removed, and the report lists what was dropped', async () => {
  const { preview: shown, content } = await importAsNew(await styledOutline());
  assert.deepEqual(headings(content), [[1, 'BỐI CẢNH'], [2, 'Quan điểm'], [3, 'Mục tiêu cụ thể'], [4, 'Kinh tế'], [4, 'Chi tiết'], [2, 'Tầm nhìn']]);
  assert.deepEqual(shown.outline.map((entry) => entry.number), ['Phần I', '1.', '1.1.', 'a)', 'b)', '2.']);
  assert.ok(textOf(content).includes('1. Đây là đoạn văn thường, không phải đề mục.'), 'a numbered body paragraph keeps its text');
  assert.deepEqual(marked(content), [['chữ nghiêng', 'em'], ['gạch chân', 'underline']]);
  assert.ok(textOf(content).includes('Đoạn có ý kiến góp ý được thêm') && !textOf(content).includes('bị xóa'), 'tracked changes read as accepted');
  assert.deepEqual(shown.report.converted.headingsByLevel, [1, 2, 1, 2]);
  assert.equal(shown.report.converted.headingSource, 'styles');
  assert.equal(shown.report.converted.headingsClamped, 1);
  assert.deepEqual(shown.report.dropped, { images: 1, comments: 1, trackedChanges: 2, footnotes: 1, endnotes: 0, textBoxes: 1, nestedTables: 0, stateFormatFrame: 0 });
  assert.ok(textOf(content).includes('Chữ trong hộp'), 'the text box’s text comes in as a paragraph');
  const ids = allIds(content);
  assert.equal(new Set(ids).size, ids.length, 'every block has its own id');
  assert.equal(ids.length, (content.content ?? []).length);
  assert.ok(isNfc(content));
});

test('(b) without styles, levels come from typed numbers on bold lines; "-" and "+" become nested bullets; marks kept', async () => {
  const { preview: shown, content } = await importAsNew(await handNumberedOutline());
  assert.deepEqual(headings(content), [
    [1, 'ĐÁNH GIÁ TÌNH HÌNH'],
    [2, 'Kết quả đạt được'],
    [3, 'Về kinh tế'],
    [4, 'Tăng trưởng'],
    [3, 'Về xã hội'],
    [1, 'ĐỊNH HƯỚNG'],
  ]);
  assert.deepEqual(shown.outline.map((entry) => entry.number), ['Phần I', '1.', '1.1.', 'a)', '1.2.', 'Phần II']);
  assert.equal(shown.report.converted.headingSource, 'numbering');
  assert.deepEqual(marked(content), [['chuyển đổi số', 'strong'], ['tăng trưởng xanh', 'em'], ['Tăng trưởng', 'em']]);
  const list = (content.content ?? []).find((node) => node.type === 'bullet_list');
  assert.ok(list);
  assert.deepEqual((list.content ?? []).map((item) => textOf(item.content?.[0] ?? { type: 'x' })), ['Tăng trưởng bình quân đạt 6%;', 'Lạm phát được kiểm soát.']);
  const nested = list.content?.[0]?.content?.[1];
  assert.equal(nested?.type, 'bullet_list');
  assert.deepEqual((nested?.content ?? []).map(textOf), ['Khu vực công nghiệp tăng 8%;', 'Khu vực dịch vụ tăng 7%;']);
  assert.ok(textOf(content).includes('2. Số liệu này không in đậm nên là đoạn văn.'));
  assert.ok(isNfc(content));
});

test('(c) a TCVN3 outline (.VnTime, .VnTimeH) and a VNI line come out as Unicode NFC', async () => {
  const { preview: shown, content } = await importAsNew(await tcvn3Outline());
  assert.deepEqual(headings(content), [
    [1, 'BỐI CẢNH'],
    [2, 'Bộ Quốc phòng'],
    [3, 'Chiến lược an ninh phi truyền thống'],
    [4, 'Thủ tướng Chính phủ'],
  ]);
  const paragraphs = (content.content ?? []).filter((node) => node.type === 'paragraph').map(textOf);
  assert.deepEqual(paragraphs, ['Thủ tướng Chính phủ ban hành Chiến lược.', 'Bộ Quốc phòng và Thủ tướng Chính phủ']);
  assert.deepEqual(shown.report.converted.legacyRuns, { tcvn3: 5, vni: 1 });
  assert.ok(isNfc(content));
});

test('(d) Word lists keep their kind and nesting; a table of indicators becomes a table with a header row and a merged cell', async () => {
  const { preview: shown, content } = await importAsNew(await listsAndTable());
  const [heading, bullets, numbered, table] = content.content ?? [];
  assert.equal(heading?.type, 'heading');
  assert.equal(bullets?.type, 'bullet_list');
  assert.deepEqual((bullets?.content ?? []).map((item) => textOf(item.content?.[0] ?? { type: 'x' })), ['Phát triển nhanh', 'Bao trùm']);
  assert.equal(bullets?.content?.[0]?.content?.[1]?.type, 'bullet_list');
  assert.equal(textOf(bullets?.content?.[0]?.content?.[1] ?? { type: 'x' }), 'Bền vững');
  assert.equal(numbered?.type, 'ordered_list');
  assert.deepEqual((numbered?.content ?? []).map(textOf), ['Giai đoạn đến 2030', 'Tầm nhìn 2045']);
  assert.equal(table?.type, 'table');
  const rows = (table?.content ?? []).map((row) => (row.content ?? []).map((cell) => [cell.type, textOf(cell), cell.attrs?.colspan]));
  assert.deepEqual(rows, [
    [['table_header', 'Chỉ tiêu', 1], ['table_header', 'Năm 2030', 1], ['table_header', 'Năm 2045', 1]],
    [['table_cell', 'Tăng trưởng GDP (%)', 1], ['table_cell', '7,0', 1], ['table_cell', '6,5', 1]],
    [['table_cell', 'Tỷ lệ đô thị hóa', 1], ['table_cell', 'trên 50%', 2]],
  ]);
  assert.equal(shown.report.converted.tables, 1);
  assert.equal(shown.report.converted.listItems, 5);
});

test('a new version: a named revision is taken first, connected editors see the imported content, and the two compare', async () => {
  const documentId = await server.createDocument(admin, 'Chiến lược', 'nts-2030-2045');
  const client = connectClient(server.wsUrl, documentId, admin);
  await waitSynced(client);
  const shown = await preview(await handNumberedOutline(), 'Dự thảo từ Bộ.docx');
  const confirmed = await requestJson(server.baseUrl, 'POST', `/api/documents/import/${shown.previewId}/confirm`, { token: admin, body: { documentId } });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  const { beforeRevisionId } = confirmed.body as ConfirmImportResponse;
  assert.ok(beforeRevisionId);
  await waitFor(() => client.fragment.toString().includes('ĐÁNH GIÁ TÌNH HÌNH'), 'the connected client receives the import');
  client.destroy();
  const revisions = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/revisions`, { token: admin })).body as Array<{ id: string; name: string; kind: string }>;
  const before = revisions.find((revision) => revision.id === beforeRevisionId);
  assert.deepEqual([before?.name, before?.kind], ['Trước khi nhập tệp Word “Dự thảo từ Bộ.docx”', 'named']);
  const comparison = await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/compare?from=${beforeRevisionId}&to=current`, { token: admin });
  assert.equal(comparison.status, 200);
  assert.ok(JSON.stringify(comparison.body).includes('ĐÁNH GIÁ TÌNH HÌNH'));
  const again = await requestJson(server.baseUrl, 'POST', `/api/documents/import/${shown.previewId}/confirm`, { token: admin, body: { documentId } });
  assert.equal((again.body as { error: { code: string } }).error.code, 'ERR_IMPORT_PREVIEW_NOT_FOUND', 'a preview is used once');

  // The same file again: every section keeps its id and its text, so nothing shows as changed.
  const idsBefore = allIds((await server.app.revisions.contentOf(documentId, 'current')).content as PMJson);
  const second = await preview(await handNumberedOutline(), 'Dự thảo từ Bộ.docx');
  const reimported = await requestJson(server.baseUrl, 'POST', `/api/documents/import/${second.previewId}/confirm`, { token: admin, body: { documentId } });
  const secondBefore = (reimported.body as ConfirmImportResponse).beforeRevisionId ?? '';
  const unchanged = await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/compare?from=${secondBefore}&to=current`, { token: admin });
  const statuses = new Set((unchanged.body as { comparison: { blocks: Array<{ status: string }> } }).comparison.blocks.map((block) => block.status));
  assert.deepEqual([...statuses], ['unchanged']);
  const idsAfter = allIds((await server.app.revisions.contentOf(documentId, 'current')).content as PMJson);
  const topLevel = ((await server.app.revisions.contentOf(documentId, 'current')).content as PMJson).content?.map((node) => node.attrs?.id) ?? [];
  assert.ok(topLevel.every((id) => idsBefore.includes(String(id))), 'top-level blocks keep their ids');
  assert.equal(new Set(idsAfter).size, idsAfter.length);
});

test('refusals: not a .docx, a damaged zip, a zip without a Word document, too large, wrong role, someone else’s preview', async () => {
  const code = (result: { body: unknown }): string => (result.body as { error: { code: string } }).error.code;
  const text = await upload(Buffer.from('Đây không phải tệp Word'), admin);
  assert.deepEqual([text.status, code(text)], [400, 'ERR_IMPORT_NOT_DOCX']);
  const good = await styledOutline();
  const damaged = await upload(Buffer.concat([good.subarray(0, 200), Buffer.alloc(500, 7)]), admin);
  assert.deepEqual([damaged.status, code(damaged)], [400, 'ERR_IMPORT_DAMAGED']);
  const zip = new JSZip();
  zip.file('hello.txt', 'xin chào');
  const notWord = await upload(await zip.generateAsync({ type: 'nodebuffer' }), admin);
  assert.deepEqual([notWord.status, code(notWord)], [400, 'ERR_IMPORT_NOT_DOCX']);
  const huge = await upload(Buffer.alloc(21 * 1024 * 1024, 1), admin);
  assert.deepEqual([huge.status, code(huge)], [413, 'ERR_PAYLOAD_TOO_LARGE']);
  const byObserver = await upload(good, observer);
  assert.deepEqual([byObserver.status, code(byObserver)], [403, 'ERR_FORBIDDEN']);
  const mine = await preview(good);
  const stolen = await requestJson(server.baseUrl, 'POST', `/api/documents/import/${mine.previewId}/confirm`, { token: editor, body: { title: 'Của người khác' } });
  assert.deepEqual([stolen.status, code(stolen)], [404, 'ERR_IMPORT_PREVIEW_NOT_FOUND']);
  const otherDocument = await server.createDocument(admin, 'Không phải thành viên');
  const byEditor = await upload(good, editor);
  const notMember = await requestJson(server.baseUrl, 'POST', `/api/documents/import/${(byEditor.body as ImportPreview).previewId}/confirm`, { token: editor, body: { documentId: otherDocument } });
  assert.deepEqual([notMember.status, code(notMember)], [403, 'ERR_FORBIDDEN']);
  // A refused confirmation leaves the preview: it can still become a new document, once.
  const confirmAgain = () => requestJson(server.baseUrl, 'POST', `/api/documents/import/${(byEditor.body as ImportPreview).previewId}/confirm`, { token: editor, body: { title: 'Bản nhập của biên tập' } });
  assert.equal((await confirmAgain()).status, 201);
  const twice = await confirmAgain();
  assert.deepEqual([twice.status, code(twice)], [404, 'ERR_IMPORT_PREVIEW_NOT_FOUND']);
});
