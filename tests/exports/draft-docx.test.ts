import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { docxParts, download, paragraphsOf, SAMPLE_DRAFT, writeDraft } from './helpers.ts';

/**
 * The draft as a Word file in the state format, read back from the zip: page, margins, fonts,
 * the header block, the DỰ THẢO mark, the page number from the second page on, headings with
 * their computed numbers, real Word lists, marks; a revision's own content and name; the file
 * name with its diacritics; who may download.
 */

const TITLE = 'Chiến lược phòng ngừa thử nghiệm';
let server: TestServer;
let admin = '';
let documentId = '';

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, TITLE);
  await writeDraft(server, admin, documentId, SAMPLE_DRAFT);
});

after(async () => {
  await server.close();
});

test('the live draft as Word: A4 portrait, the decree margins, Times New Roman 14 pt, header block, DỰ THẢO mark and title', async () => {
  const response = await download(server, `/api/documents/${documentId}/export.docx`, admin);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /wordprocessingml\.document/u);
  const disposition = response.headers.get('content-disposition') ?? '';
  assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent(`${TITLE} - Bản đang soạn.docx`)}`), disposition);
  assert.ok(disposition.includes('filename="Chien luoc phong ngua thu nghiem - Ban dang soan.docx"'), disposition);

  const parts = docxParts(response.body);
  const document = parts.get('word/document.xml') ?? '';
  const size = /<w:pgSz ([^>]*)\/>/u.exec(document)?.[1] ?? '';
  assert.match(size, /w:w="11906"/u);
  assert.match(size, /w:h="16838"/u);
  assert.doesNotMatch(size, /landscape/u);
  const margins = /<w:pgMar ([^>]*)\/>/u.exec(document)?.[1] ?? '';
  for (const [side, twips] of [['top', 1134], ['bottom', 1134], ['left', 1701], ['right', 850]] as const) assert.match(margins, new RegExp(`w:${side}="${twips}"`, 'u'), side);
  const styles = parts.get('word/styles.xml') ?? '';
  const defaults = /<w:docDefaults>(.*?)<\/w:docDefaults>/su.exec(styles)?.[1] ?? '';
  assert.match(defaults, /w:ascii="Times New Roman"/u);
  assert.match(defaults, /<w:sz w:val="28"\/>/u);

  const paragraphs = paragraphsOf(document);
  const texts = paragraphs.map((paragraph) => paragraph.text);
  const at = (text: string): number => texts.indexOf(text);
  assert.ok(at('DỰ THẢO') >= 0, 'the DỰ THẢO mark');
  assert.match(texts[at('DỰ THẢO') + 1] ?? '', /^Bản đang soạn · \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}$/u);
  for (const line of ['TỔ BIÊN SOẠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', TITLE.toLocaleUpperCase('vi')]) assert.ok(at(line) >= 0, line);
  assert.ok(at('TỔ BIÊN SOẠN') < at(TITLE.toLocaleUpperCase('vi')), 'the header block comes before the title');
  const motto = paragraphs[at('Độc lập - Tự do - Hạnh phúc')];
  assert.match(motto?.xml ?? '', /<w:b\/>/u, 'the motto is bold');
  assert.match(motto?.xml ?? '', /<w:u w:val="single"\/>/u, 'the motto is underlined');
  assert.match(paragraphs[at('TỔ BIÊN SOẠN') + 1]?.properties ?? '', /<w:bottom w:val="single"/u, 'a short rule under the drafting body');
});

test('page numbers: a PAGE field centred in the header from the second page, the first page with its own empty header', async () => {
  const parts = docxParts((await download(server, `/api/documents/${documentId}/export.docx`, admin)).body);
  const document = parts.get('word/document.xml') ?? '';
  assert.match(document, /<w:titlePg\/>/u);
  const rels = parts.get('word/_rels/document.xml.rels') ?? '';
  const headerOf = (type: string): string => {
    const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`, 'u').exec(document)?.[1] ?? '';
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`, 'u').exec(rels)?.[1] ?? '';
    return parts.get(`word/${target}`) ?? '';
  };
  const main = headerOf('default');
  assert.match(main, /<w:instrText[^>]*>PAGE<\/w:instrText>/u);
  assert.match(main, /<w:jc w:val="center"\/>/u);
  const first = headerOf('first');
  assert.ok(first !== '', 'a first-page header exists');
  assert.doesNotMatch(first, /PAGE/u);
});

test('headings carry their computed numbers as text; lists are real Word lists with a numbering part; marks are kept', async () => {
  const parts = docxParts((await download(server, `/api/documents/${documentId}/export.docx`, admin)).body);
  const document = parts.get('word/document.xml') ?? '';
  const paragraphs = paragraphsOf(document);
  const byText = (text: string) => paragraphs.find((paragraph) => paragraph.text === text);
  assert.match(byText('Phần IBối cảnh')?.properties ?? '', /<w:pStyle w:val="Heading1"\/>/u);
  assert.match(byText('1. Mục tiêu tổng quát')?.properties ?? '', /Heading2/u);
  assert.ok(byText('1.1. Chỉ tiêu'), '1.1.');
  assert.ok(byText('a) Điểm đầu tiên'), 'a)');
  assert.ok(byText('2. Giải pháp'), 'numbering goes on after the lists');

  const items = ['Gạch đầu dòng một', 'Gạch đầu dòng hai', 'Ý con một', 'Ý con hai', 'Bước ba'].map((text) => {
    const paragraph = byText(text);
    assert.ok(paragraph, text);
    const numPr = /<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/u.exec(paragraph.properties);
    assert.ok(numPr, `${text} is in a Word list`);
    return { level: Number(numPr[1]), numId: numPr[2] ?? '' };
  });
  assert.deepEqual(items.map((item) => item.level), [0, 0, 1, 1, 0]);
  assert.equal(items[0]?.numId, items[1]?.numId, 'one bulleted list');
  assert.equal(items[2]?.numId, items[3]?.numId, 'one nested numbered list');
  assert.equal(new Set(items.map((item) => item.numId)).size, 3, 'three lists');
  assert.ok(!document.includes('• '), 'no bullet typed as text');

  const numbering = parts.get('word/numbering.xml') ?? '';
  const abstractOf = (numId: string): string => {
    const abstractId = new RegExp(`<w:num w:numId="${numId}"[^>]*><w:abstractNumId w:val="(\\d+)"/>`, 'u').exec(numbering)?.[1];
    return new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[^>]*>(.*?)</w:abstractNum>`, 'su').exec(numbering)?.[1] ?? '';
  };
  const firstLevel = (abstract: string): string => /<w:lvl w:ilvl="0"[^>]*>(.*?)<\/w:lvl>/su.exec(abstract)?.[1] ?? '';
  assert.match(firstLevel(abstractOf(items[0]?.numId ?? '')), /<w:numFmt w:val="bullet"\/>/u);
  assert.match(firstLevel(abstractOf(items[2]?.numId ?? '')), /<w:numFmt w:val="decimal"\/>/u);
  assert.match(firstLevel(abstractOf(items[4]?.numId ?? '')), /<w:start w:val="3"\/>/u, 'the list starting at 3 starts at 3');

  const marked = paragraphs.find((paragraph) => paragraph.text.startsWith('Nội dung quan trọng'));
  assert.ok(marked);
  assert.match(marked.xml, /<w:r><w:rPr><w:b\/>(?:<w:bCs\/>)?<\/w:rPr><w:t[^>]*>quan trọng<\/w:t>/u);
  assert.match(marked.xml, /<w:i\/>(?:<w:iCs\/>)?<\/w:rPr><w:t[^>]*>nghiêng/u);
  assert.match(marked.xml, /<w:u w:val="single"\/><\/w:rPr><w:t[^>]*>gạch chân/u);
  assert.match(marked.xml, /<w:br\/><w:t[^>]*>dòng mới\./u);
  assert.match(marked.properties, /<w:jc w:val="both"\/>/u, 'body text is justified');
});

test('a table keeps its header row (repeated on every page), its cells and their spans', async () => {
  const document = docxParts((await download(server, `/api/documents/${documentId}/export.docx`, admin)).body).get('word/document.xml') ?? '';
  const tables = [...document.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gsu)].map((match) => match[1] ?? '');
  const table = tables.find((candidate) => candidate.includes('Chỉ tiêu'));
  assert.ok(table, 'the table is in the file');
  assert.ok(document.indexOf('Chỉ tiêu') > document.indexOf('2. Giải pháp'), 'in its place, after the last heading');
  const rows = [...table.matchAll(/<w:tr>(.*?)<\/w:tr>/gsu)].map((row) => row[1] ?? '');
  assert.equal(rows.length, 3);
  assert.match(rows[0] ?? '', /<w:tblHeader\/>/u, 'the header row repeats');
  const cellTexts = (row: string): string[] => [...row.matchAll(/<w:tc>(.*?)<\/w:tc>/gsu)].map((c) => paragraphsOf(c[1] ?? '').map((p) => p.text).join('\n'));
  assert.deepEqual(rows.map(cellTexts), [['Chỉ tiêu', 'Năm 2025', 'Năm 2030'], ['Tỷ lệ', '45%', '60%'], ['', 'Giữ nguyên']]);
  assert.match(rows[0] ?? '', /<w:b\/>/u, 'header cells are bold');
  assert.match(rows[1] ?? '', /<w:vMerge w:val="restart"\/>/u, 'the cell spanning two rows starts a vertical merge');
  assert.match(rows[2] ?? '', /<w:vMerge(?: w:val="continue")?\/>/u, '… which the next row continues');
  assert.match(rows[2] ?? '', /<w:gridSpan w:val="2"\/>/u, 'the cell spanning two columns');
  assert.equal((table.match(/<w:gridCol /gu) ?? []).length, 3);
});

test('a revision exports its own content under its own name; the live draft moves on without it', async () => {
  const revision = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name: 'Dự thảo lần 2' } });
  assert.equal(revision.status, 201);
  const revisionId = (revision.body as { id: string }).id;
  await writeDraft(server, admin, documentId, { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'later' }, content: [{ type: 'text', text: 'Viết sau khi lưu phiên bản.' }] }] });

  const response = await download(server, `/api/documents/${documentId}/revisions/${revisionId}/export.docx`, admin);
  assert.equal(response.status, 200);
  assert.ok((response.headers.get('content-disposition') ?? '').includes(encodeURIComponent(`${TITLE} - Dự thảo lần 2.docx`)));
  const texts = paragraphsOf(docxParts(response.body).get('word/document.xml') ?? '').map((paragraph) => paragraph.text);
  assert.match(texts[texts.indexOf('DỰ THẢO') + 1] ?? '', /^Dự thảo lần 2 · /u);
  assert.ok(texts.includes('1. Mục tiêu tổng quát'));
  assert.ok(!texts.includes('Viết sau khi lưu phiên bản.'));

  const live = paragraphsOf(docxParts((await download(server, `/api/documents/${documentId}/export.docx`, admin)).body).get('word/document.xml') ?? '').map((paragraph) => paragraph.text);
  assert.ok(live.includes('Viết sau khi lưu phiên bản.'));
  assert.equal((await download(server, `/api/documents/${documentId}/revisions/nope/export.docx`, admin)).status, 404);
  await writeDraft(server, admin, documentId, SAMPLE_DRAFT);
});

test('whoever may open the document may download it (ministries invited to it too); others may not; each download is audited', async () => {
  const invited = await server.createUser(admin, { username: 'byt.lan', password: 'mat-khau-du-dai', displayName: 'Trần Lan', role: 'ministry', organizationId: 'bo-y-te' });
  await server.createUser(admin, { username: 'btc.hoa', password: 'mat-khau-du-dai', displayName: 'Lê Hoa', role: 'ministry', organizationId: 'bo-tai-chinh' });
  assert.ok(invited);
  assert.equal((await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } })).status, 200);
  const ministry = await server.login('byt.lan', 'mat-khau-du-dai');
  const outsider = await server.login('btc.hoa', 'mat-khau-du-dai');
  assert.equal((await download(server, `/api/documents/${documentId}/export.docx`, ministry)).status, 200);
  assert.equal((await download(server, `/api/documents/${documentId}/export.docx`, outsider)).status, 403);
  assert.equal((await download(server, `/api/documents/${documentId}/export.docx`)).status, 401);
  assert.equal((await download(server, `/api/documents/${documentId}/export.docx?x=1`, admin)).status, 400);
  // The print view is a page: a refusal is a page too, not JSON.
  const refused = await download(server, `/documents/${documentId}/print`, outsider);
  assert.equal(refused.status, 403);
  assert.match(refused.headers.get('content-type') ?? '', /text\/html/u);
  assert.match(refused.body.toString('utf8'), /Bạn không có quyền mở tài liệu này\./u);
  const missing = await download(server, `/documents/${documentId}/revisions/khong-co/print?lang=en`, admin);
  assert.equal(missing.status, 404);
  assert.match(missing.body.toString('utf8'), /This document or version does not exist\./u);
  assert.equal((await download(server, `/documents/${documentId}/print`, ministry)).status, 200);

  const audit = await requestJson(server.baseUrl, 'GET', `/api/audit?documentId=${documentId}&action=export.draft`, { token: admin });
  const entries = audit.body as Array<{ action: string; actor: { id: string } | null; details: Record<string, unknown> }>;
  assert.ok(entries.some((entry) => entry.details.format === 'docx' && entry.details.revisionName === 'Bản đang soạn' && typeof entry.details.bytes === 'number'));
  assert.ok(entries.some((entry) => entry.details.revisionName === 'Dự thảo lần 2'));
});
