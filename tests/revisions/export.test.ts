import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unzip } from '../helpers/zip.ts';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import { outlineSchema } from '../../document-model/schema.ts';
import { compareDocuments, type Comparison } from '../../server/revisions/compare/index.ts';
import { comparisonToDocx, comparisonToHtml } from '../../server/revisions/export/index.ts';

// ---------------------------------------------------------------- a minimal zip reader


/** Decodes the XML entities Word uses. */
const xmlText = (value: string): string => value.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');

/** Text of each tracked run of one kind, with its author: `[author, text]` (self-closing paragraph marks skipped). */
function trackedRuns(xml: string, tag: 'w:ins' | 'w:del'): Array<[string, string]> {
  const textTag = tag === 'w:ins' ? 'w:t' : 'w:delText';
  const found: Array<[string, string]> = [];
  for (const match of xml.matchAll(new RegExp(`<${tag}\\b([^>]*[^/])>(.*?)</${tag}>`, 'gsu'))) {
    const author = /w:author="([^"]*)"/u.exec(match[1] ?? '')?.[1] ?? '';
    const texts = [...(match[2] ?? '').matchAll(new RegExp(`<${textTag}\\b[^>]*>(.*?)</${textTag}>`, 'gsu'))].map((m) => xmlText(m[1] ?? ''));
    if (texts.length > 0) found.push([xmlText(author), texts.join('')]);
  }
  return found;
}

// ---------------------------------------------------------------- fixture

type Json = Record<string, unknown>;
const h = (id: string, level: number, value: string): Json => ({ type: 'heading', attrs: { id, level }, content: [{ type: 'text', text: value }] });
const p = (id: string, value: string): Json => ({ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text: value }] });

/** Draft 1 → draft 2: a heading renamed by Lan, a paragraph removed, a section added, a hostile paragraph. */
function sampleComparison(): Comparison {
  const from = prosemirrorJSONToYDoc(
    outlineSchema,
    {
      type: 'doc',
      content: [
        h('h1', 2, 'Mục tiêu'),
        p('p1', 'Tăng trưởng kinh tế bình quân 7%.'),
        p('p2', 'Đoạn sẽ bị xóa.'),
        h('h2', 2, 'Giải pháp'),
        p('p3', 'Nội dung có <script>alert("x")</script> & ký tự đặc biệt.'),
      ],
    },
    'prosemirror',
  );
  const to = new Y.Doc();
  to.clientID = 501;
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
  const fragment = to.getXmlFragment('prosemirror');
  const textOf = (index: number): Y.XmlText => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
  textOf(0).insert('Mục tiêu'.length, ' tổng quát');
  textOf(1).delete('Tăng trưởng kinh tế bình quân '.length, 1);
  textOf(1).insert('Tăng trưởng kinh tế bình quân '.length, '6,5');
  fragment.delete(2, 1);
  const heading = new Y.XmlElement('heading');
  heading.setAttribute('id', 'hNew');
  heading.setAttribute('level', 2 as unknown as string);
  heading.insert(0, [new Y.XmlText('Tổ chức thực hiện')]);
  fragment.insert(2, [heading]);
  return compareDocuments(from, to, { authorOf: (client) => (client === 501 ? 'Lan' : null) });
}

const meta = { title: 'Chiến lược "2030" <bản thảo>', fromLabel: 'Dự thảo lần 1', toLabel: 'Dự thảo lần 2', author: 'Thư ký', date: new Date('2025-03-04T05:06:07Z') };

// ---------------------------------------------------------------- DOCX

test('the DOCX has real tracked changes: w:ins and w:del runs with the right text, author and date', async () => {
  const comparison = sampleComparison();
  const buffer = await comparisonToDocx(comparison, meta);
  assert.equal(buffer.subarray(0, 2).toString('latin1'), 'PK');
  const files = unzip(buffer);
  const xml = files.get('word/document.xml')?.toString('utf8');
  assert.ok(xml !== undefined, 'word/document.xml is present');
  assert.deepEqual(trackedRuns(xml, 'w:ins'), [
    ['Lan', ' tổng quát'],
    ['Lan', '6,5'],
    ['Lan', '2. '],
    ['Lan', 'Tổ chức thực hiện'],
  ]);
  assert.deepEqual(trackedRuns(xml, 'w:del'), [
    ['Thư ký', '7'],
    ['Thư ký', 'Đoạn sẽ bị xóa.'],
  ]);
  assert.match(xml, /w:date="2025-03-04T05:06:07Z"/u);
  // Headings keep their numbers; the renumbered section is plain text, not a change.
  assert.match(xml, /<w:t[^>]*>1\. <\/w:t>/u);
  assert.match(xml, /<w:t[^>]*>3\. <\/w:t>/u);
  // The removed paragraph's mark is deleted too; the added heading's mark inserted.
  assert.match(xml, /<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:del /su);
  assert.match(xml, /<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:ins /su);
  // A4, Times New Roman, and content escaped as XML.
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/u);
  assert.match(files.get('word/styles.xml')?.toString('utf8') ?? '', /w:ascii="Times New Roman"/u);
  assert.ok(xml.includes('&lt;script&gt;'), 'the script tag is text');
  // Revision ids are unique.
  const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/gu)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length);
});

// ---------------------------------------------------------------- HTML

test('the HTML is standalone and printable, with ins/del and a summary, and escapes all content', () => {
  const comparison = sampleComparison();
  const html = comparisonToHtml(comparison, meta, 'vi');
  assert.ok(html.startsWith('<!doctype html>'));
  assert.match(html, /<html lang="vi">/u);
  assert.ok(!html.includes('<script>'), 'no raw script tag');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ký tự'));
  assert.ok(html.includes('Chiến lược &quot;2030&quot; &lt;bản thảo&gt;'));
  assert.ok(html.includes('<ins title="Lan"> tổng quát</ins>'));
  assert.ok(html.includes('<del>7</del><ins title="Lan">6,5</ins>'));
  assert.ok(html.includes('<del>Đoạn sẽ bị xóa.</del>'));
  assert.match(html, /<table class="summary">/u);
  for (const label of ['Thêm', 'Xóa', 'Di chuyển', 'Sửa đổi', 'Chỉ khác khoảng trắng', 'Chỉ khác định dạng']) assert.ok(html.includes(label), label);
  assert.match(html, /@media print/u);
  assert.match(html, /@page \{ size: A4;/u);
  assert.match(html, /<span class="number">3\.<\/span> Giải pháp/u);
  const english = comparisonToHtml(comparison, meta, 'en');
  assert.match(english, /<html lang="en">/u);
  for (const label of ['Added', 'Removed', 'Moved', 'Modified', 'Whitespace only', 'Formatting only']) assert.ok(english.includes(label), label);
});

// ---------------------------------------------------------------- moves

/**
 * Section 2. "Mục B" (with its paragraph and subsection) moved below 3. "Mục C", as the editor
 * moves it: its blocks deleted and re-inserted with the same ids (new Yjs items).
 */
function movedComparison(): Comparison {
  const from = prosemirrorJSONToYDoc(
    outlineSchema,
    {
      type: 'doc',
      content: [
        h('hA', 2, 'Mục A'),
        p('pA', 'Nội dung A.'),
        h('hB', 2, 'Mục B'),
        p('pB', 'Nội dung B.'),
        h('hB1', 3, 'Tiểu mục B.1'),
        p('pB1', 'Nội dung B.1.'),
        h('hC', 2, 'Mục C'),
        p('pC', 'Nội dung C.'),
      ],
    },
    'prosemirror',
  );
  const to = new Y.Doc();
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
  const fragment = to.getXmlFragment('prosemirror');
  const clones = fragment.toArray().slice(2, 6).map((node) => (node as Y.XmlElement).clone());
  to.transact(() => {
    fragment.delete(2, 4);
    fragment.insert(4, clones);
  });
  return compareDocuments(from, to);
}

test('a moved section: the JSON says where it went; the DOCX deletes it at its old place and inserts it at its new one, with notes', async () => {
  const comparison = movedComparison();
  assert.deepEqual(
    comparison.blocks.map((block) => [block.id, block.status, block.move?.fromSection ?? null, block.move?.toSection ?? null, block.move?.after ?? null, block.move?.first ?? null]),
    [
      ['hA', 'unchanged', null, null, null, null],
      ['pA', 'unchanged', null, null, null, null],
      ['hC', 'unchanged', null, null, null, null],
      ['pC', 'unchanged', null, null, null, null],
      ['hB', 'moved', '2.', '3.', 'pA', true],
      ['pB', 'moved', '2.', '3.', 'pA', false],
      ['hB1', 'moved', '2.1.', '3.1.', 'pA', false],
      ['pB1', 'moved', '2.1.', '3.1.', 'pA', false],
    ],
  );

  const xml = unzip(await comparisonToDocx(comparison, meta)).get('word/document.xml')?.toString('utf8') ?? '';
  const deleted = trackedRuns(xml, 'w:del').map(([, text]) => text);
  const inserted = trackedRuns(xml, 'w:ins').map(([, text]) => text);
  assert.deepEqual(deleted, ['2. ', 'Mục B', ' [Đã chuyển đến mục 3.]', 'Nội dung B.', '2.1. ', 'Tiểu mục B.1', 'Nội dung B.1.']);
  assert.deepEqual(inserted, ['3. ', 'Mục B', ' [Đã chuyển từ mục 2.]', 'Nội dung B.', '3.1. ', 'Tiểu mục B.1', 'Nội dung B.1.']);
  // The old place comes right after A's paragraph, before C; the new place after C's paragraph.
  const order = ['Nội dung A.', 'Đã chuyển đến mục 3.', 'Mục C', 'Nội dung C.', 'Đã chuyển từ mục 2.'].map((text) => xml.indexOf(text));
  assert.ok(order.every((at, index) => at >= 0 && (index === 0 || at > (order[index - 1] ?? 0))), JSON.stringify(order));
  // Accepting every change keeps `to`, rejecting every change gives back `from`: the text outside the tracked runs is the untouched sections only.
  const untracked = [...xml.replace(/<w:(ins|del)\b[^>]*[^/]>.*?<\/w:\1>/gsu, '').matchAll(/<w:t\b[^>]*>(.*?)<\/w:t>/gsu)].map((m) => xmlText(m[1] ?? ''));
  assert.ok(['1. ', 'Mục A', 'Nội dung A.', '2. ', 'Mục C', 'Nội dung C.'].every((text) => untracked.includes(text)));
  assert.ok(!untracked.some((text) => text.includes('Mục B') || text.includes('Đã chuyển')), JSON.stringify(untracked));

  const english = unzip(await comparisonToDocx(comparison, { ...meta, lang: 'en' })).get('word/document.xml')?.toString('utf8') ?? '';
  assert.ok(english.includes('[Moved to section 3.]') && english.includes('[Moved from section 2.]'));
});

test('a moved section in the HTML: struck through at its old place ("chuyển đến mục"), noted at its new place ("chuyển từ mục")', () => {
  const html = comparisonToHtml(movedComparison(), meta, 'vi');
  const away = html.indexOf('data-moved-away-id="hB"');
  const here = html.indexOf('data-block-id="hB"');
  assert.ok(away > html.indexOf('Nội dung A.') && away < html.indexOf('data-block-id="hC"'), 'the old place is between A and C');
  assert.ok(here > html.indexOf('data-block-id="pC"'), 'the new place is after C');
  assert.match(html, /data-moved-away-id="hB"><span class="number"><del>2\.<\/del><\/span> <del>Mục B<\/del><span class="note">Đã chuyển đến mục 3\.<\/span>/u);
  assert.match(html, /data-block-id="hB"><span class="number">3\.<\/span> Mục B<span class="note">Đã chuyển từ mục 2\.<\/span>/u);
  assert.equal((html.match(/chuyển đến mục/gu) ?? []).length, 1, 'one note for the section, not one per block');
  assert.equal((html.match(/chuyển từ mục/gu) ?? []).length, 1);
  assert.ok(html.includes('data-moved-away-id="pB1"><del>Nội dung B.1.</del>'), 'every block of the section at its old place');
  const english = comparisonToHtml(movedComparison(), meta, 'en');
  assert.ok(english.includes('Moved to section 3.') && english.includes('Moved from section 2.'));
});

// ---------------------------------------------------------------- lists

test('list items in the DOCX are real Word lists (w:numPr and a numbering part), not bullets typed as text', async () => {
  const item = (id: string, value: string, nested: Json[] = []): Json => ({ type: 'list_item', attrs: { id }, content: [p(`${id}p`, value), ...nested] });
  const from = prosemirrorJSONToYDoc(
    outlineSchema,
    {
      type: 'doc',
      content: [
        { type: 'bullet_list', attrs: { id: 'ul' }, content: [item('a', 'Ý thứ nhất'), item('b', 'Ý thứ hai', [{ type: 'ordered_list', attrs: { id: 'ol' }, content: [item('c', 'Bước một')] }])] },
        p('mid', 'Đoạn giữa.'),
        { type: 'bullet_list', attrs: { id: 'ul2' }, content: [item('d', 'Danh sách sau')] },
      ],
    },
    'prosemirror',
  );
  const to = new Y.Doc();
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
  const files = unzip(await comparisonToDocx(compareDocuments(from, to), meta));
  const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
  const numPr = (text: string): [string, string] => {
    const paragraph = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gsu)].map((m) => m[1] ?? '').find((inner) => inner.includes(`>${text}<`)) ?? '';
    const match = /<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/u.exec(paragraph);
    assert.ok(match, `${text} is in a Word list`);
    return [match[1] ?? '', match[2] ?? ''];
  };
  const [a, b, c, d] = [numPr('Ý thứ nhất'), numPr('Ý thứ hai'), numPr('Bước một'), numPr('Danh sách sau')];
  assert.deepEqual([a[0], b[0], c[0], d[0]], ['0', '0', '1', '0']);
  assert.equal(a[1], b[1], 'one list');
  assert.notEqual(c[1], a[1], 'the nested numbered list is its own list');
  assert.notEqual(d[1], a[1], 'a list after a paragraph starts again');
  assert.ok(!xml.includes('• ') && !xml.includes('– '), 'no marker typed as text');
  assert.match(files.get('word/numbering.xml')?.toString('utf8') ?? '', /<w:numFmt w:val="bullet"\/>/u);
});
