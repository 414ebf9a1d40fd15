import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import { outlineSchema } from '../../document-model/schema.ts';
import { compareDocuments, extractBlocks, type BlockChange, type Comparison } from '../../server/revisions/compare/index.ts';
import { longestIncreasingSubsequence } from '../../server/revisions/compare/lis.ts';
import { buildPair } from '../bench/compare.ts';

// ---------------------------------------------------------------- fixtures

type Json = Record<string, unknown>;
const text = (value: string, ...marks: string[]): Json => ({ type: 'text', text: value, ...(marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}) });
const inline = (content: Array<string | Json>): Json[] => content.filter((part) => part !== '').map((part) => (typeof part === 'string' ? text(part) : part));
const h = (id: string, level: number, ...content: Array<string | Json>): Json => ({ type: 'heading', attrs: { id, level }, content: inline(content) });
const p = (id: string | null, ...content: Array<string | Json>): Json => ({ type: 'paragraph', attrs: { id }, content: inline(content) });
const li = (id: string, ...content: Json[]): Json => ({ type: 'list_item', attrs: { id }, content });
const ul = (id: string, ...items: Json[]): Json => ({ type: 'bullet_list', attrs: { id }, content: items });
const ol = (id: string, ...items: Json[]): Json => ({ type: 'ordered_list', attrs: { id }, content: items });
const hardBreak: Json = { type: 'hard_break' };

/** A Y.Doc made the way templates are made. */
function outline(...blocks: Json[]): Y.Doc {
  return prosemirrorJSONToYDoc(outlineSchema, { type: 'doc', content: blocks }, 'prosemirror');
}

/** A copy of `doc` edited by another client: the realistic case (same ids, meaningful client runs). */
function fork(doc: Y.Doc, clientID: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const fragmentOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment('prosemirror');

/** The element with this block id, anywhere in the document. */
function element(doc: Y.Doc, id: string): Y.XmlElement {
  for (const node of fragmentOf(doc).createTreeWalker(() => true)) {
    if (node instanceof Y.XmlElement && node.getAttribute('id') === id) return node;
  }
  throw new Error(`no block ${id}`);
}

/** The first text node of a block. */
function textNode(doc: Y.Doc, id: string): Y.XmlText {
  const first = element(doc, id).toArray().find((child) => child instanceof Y.XmlText);
  if (!(first instanceof Y.XmlText)) throw new Error(`block ${id} has no text`);
  return first;
}

/** Index of a top-level block. */
function indexOf(doc: Y.Doc, id: string): number {
  const index = fragmentOf(doc).toArray().findIndex((node) => node instanceof Y.XmlElement && node.getAttribute('id') === id);
  if (index === -1) throw new Error(`no top-level block ${id}`);
  return index;
}

/** A new top-level text block element, as y-prosemirror would create it. */
function blockElement(name: 'heading' | 'paragraph', id: string, value: string, level?: number): Y.XmlElement {
  const node = new Y.XmlElement(name);
  node.setAttribute('id', id);
  if (level !== undefined) node.setAttribute('level', level as unknown as string);
  node.insert(0, [new Y.XmlText(value)]);
  return node;
}

const block = (comparison: Comparison, id: string): BlockChange => {
  const found = comparison.blocks.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no block change ${id}`);
  return found;
};
const statuses = (comparison: Comparison): string[] => comparison.blocks.map((change) => `${change.id}:${change.status}`);
const counts = (added = 0, removed = 0, moved = 0, modified = 0, unchanged = 0) => ({ added, removed, moved, modified, unchanged });

/** Base outline: Phần I with four numbered sections, one paragraph each. */
function baseOutline(): Y.Doc {
  return outline(
    h('hA', 1, 'Bối cảnh và tình hình'),
    p('pA', 'Phần này đánh giá bối cảnh trong nước và quốc tế.'),
    h('h1', 2, 'Thành tựu'),
    p('p1', 'Kinh tế tăng trưởng khá, đời sống nhân dân được cải thiện.'),
    h('h2', 2, 'Hạn chế'),
    p('p2', 'Năng suất lao động còn thấp, hạ tầng chưa đồng bộ.'),
    h('h3', 2, 'Nguyên nhân'),
    p('p3', 'Thể chế chậm được hoàn thiện; nguồn lực phân tán.'),
    h('h4', 2, 'Bài học kinh nghiệm'),
    p('p4', 'Phải kiên định mục tiêu, phát huy sức mạnh toàn dân.'),
  );
}

// ---------------------------------------------------------------- extraction

test('extractBlocks flattens headings, paragraphs and list items with numbers, sections, marks and runs', () => {
  const doc = outline(
    p('intro', 'Lời nói đầu'),
    h('hA', 1, 'Bối cảnh'),
    p('p1', 'Một ', text('hai', 'strong'), ' ba', hardBreak, text('bốn', 'em')),
    ul('l1', li('i1', p('ip1', 'mục một'), p('ip2', 'tiếp'), ol('l2', li('i2', p('ip3', 'mục con'))))),
    h('hB', 2, 'Phát triển'),
    p(null, 'không có id'),
    p('p1', 'id trùng'),
  );
  const blocks = extractBlocks(doc);
  assert.deepEqual(
    blocks.map((b) => [b.id, b.kind, b.level, b.listKind, b.text, b.formatting, b.number, b.sectionId]),
    [
      ['intro', 'paragraph', 0, null, 'Lời nói đầu', '', null, null],
      ['hA', 'heading', 1, null, 'Bối cảnh', '', 'Phần I', 'hA'],
      ['p1', 'paragraph', 0, null, 'Một hai ba\nbốn', 'strong:4-7;em:11-14', null, 'hA'],
      ['i1', 'list_item', 1, 'bullet', 'mục một\ntiếp', '', null, 'hA'],
      ['i2', 'list_item', 2, 'ordered', 'mục con', '', null, 'hA'],
      ['hB', 'heading', 2, null, 'Phát triển', '', '1.', 'hB'],
      ['~1', 'paragraph', 0, null, 'không có id', '', null, 'hB'],
      ['p1~2', 'paragraph', 0, null, 'id trùng', '', null, 'hB'],
    ],
  );
  assert.equal(blocks[6]?.attributeId, null);
  assert.equal(blocks[7]?.attributeId, 'p1');
  for (const b of blocks) {
    assert.deepEqual(b.clientRuns, [[doc.clientID, b.text.length]], `one run for ${b.id}`);
  }
});

test('clientRuns follow the Yjs items: who inserted each character', () => {
  const base = outline(p('p', 'abc def'));
  const edited = fork(base, 7);
  textNode(edited, 'p').insert(3, 'XY');
  const other = fork(edited, 9);
  textNode(other, 'p').insert(7, 'Z');
  textNode(other, 'p').delete(0, 1);
  const [b] = extractBlocks(other);
  assert.equal(b?.text, 'bcXY dZef');
  assert.deepEqual(b?.clientRuns, [[base.clientID, 2], [7, 2], [base.clientID, 2], [9, 1], [base.clientID, 2]]);
});

test('longestIncreasingSubsequence returns one longest strictly increasing run', () => {
  assert.deepEqual(longestIncreasingSubsequence([]), []);
  assert.deepEqual(longestIncreasingSubsequence([0, 1, 2]), [0, 1, 2]);
  const values = [0, 1, 6, 7, 8, 9, 2, 3];
  const picked = longestIncreasingSubsequence(values).map((index) => values[index]);
  assert.deepEqual(picked, [0, 1, 6, 7, 8, 9]);
  assert.deepEqual(longestIncreasingSubsequence([3, 1, 2]).map((i) => [3, 1, 2][i]), [1, 2]);
});

// ---------------------------------------------------------------- sections

test('a section inserted in the middle is exactly one added section; later numbers shift without being changes', () => {
  const from = baseOutline();
  const to = fork(from, 11);
  fragmentOf(to).insert(indexOf(to, 'p1') + 1, [
    blockElement('heading', 'hNew', 'Cơ hội và thách thức', 2),
    blockElement('paragraph', 'pNew', 'Cách mạng công nghiệp lần thứ tư mở ra cơ hội.'),
  ]);
  const c = compareDocuments(from, to);
  assert.deepEqual(c.summary, {
    sections: counts(1, 0, 0, 0, 5),
    blocks: counts(2, 0, 0, 0, 10),
    words: { inserted: 5 + 11, deleted: 0 },
    whitespaceOnly: 0,
    formattingOnly: 0,
  });
  assert.deepEqual(
    c.sections.map((s) => [s.id, s.status, s.fromNumber, s.toNumber]),
    [
      ['hA', 'unchanged', 'Phần I', 'Phần I'],
      ['h1', 'unchanged', '1.', '1.'],
      ['hNew', 'added', null, '2.'],
      ['h2', 'unchanged', '2.', '3.'],
      ['h3', 'unchanged', '3.', '4.'],
      ['h4', 'unchanged', '4.', '5.'],
    ],
  );
  assert.deepEqual(c.sections[2]?.blockIds, ['hNew', 'pNew']);
  assert.deepEqual(block(c, 'pNew').ops, [{ op: 'insert', text: 'Cách mạng công nghiệp lần thứ tư mở ra cơ hội.' }]);
  assert.equal(block(c, 'h2').status, 'unchanged');
  assert.equal(block(c, 'h2').changeKind, null);
});

test('a moved section is moved, never removed and added; the sections it passed are unchanged', () => {
  const from = baseOutline();
  const to = fork(from, 12);
  const fragment = fragmentOf(to);
  const start = indexOf(to, 'h2');
  const clones = [0, 1].map((offset) => (fragment.get(start + offset) as Y.XmlElement).clone());
  to.transact(() => {
    fragment.delete(start, 2);
    fragment.insert(fragment.length, clones);
  });
  const c = compareDocuments(from, to);
  assert.deepEqual(c.summary.sections, counts(0, 0, 1, 0, 4));
  assert.deepEqual(c.summary.blocks, counts(0, 0, 2, 0, 8));
  assert.deepEqual(c.summary.words, { inserted: 0, deleted: 0 });
  assert.deepEqual(
    c.sections.map((s) => [s.id, s.status, s.fromNumber, s.toNumber]),
    [
      ['hA', 'unchanged', 'Phần I', 'Phần I'],
      ['h1', 'unchanged', '1.', '1.'],
      ['h3', 'unchanged', '3.', '2.'],
      ['h4', 'unchanged', '4.', '3.'],
      ['h2', 'moved', '2.', '4.'],
    ],
  );
  assert.deepEqual(block(c, 'p2').ops, [{ op: 'equal', text: 'Năng suất lao động còn thấp, hạ tầng chưa đồng bộ.' }]);
  assert.equal(block(c, 'p2').moved, true);
});

test('a paragraph moved to another section marks both sections modified', () => {
  const from = baseOutline();
  const to = fork(from, 13);
  const fragment = fragmentOf(to);
  const clone = (fragment.get(indexOf(to, 'p1')) as Y.XmlElement).clone();
  to.transact(() => {
    fragment.delete(indexOf(to, 'p1'), 1);
    fragment.insert(indexOf(to, 'p3') + 1, [clone]);
  });
  const c = compareDocuments(from, to);
  assert.deepEqual(statuses(c), ['hA:unchanged', 'pA:unchanged', 'h1:unchanged', 'h2:unchanged', 'p2:unchanged', 'h3:unchanged', 'p3:unchanged', 'p1:moved', 'h4:unchanged', 'p4:unchanged']);
  assert.deepEqual(c.sections.map((s) => `${s.id}:${s.status}`), ['hA:unchanged', 'h1:modified', 'h2:unchanged', 'h3:modified', 'h4:unchanged']);
  assert.equal(block(c, 'p1').sectionId, 'h3');
});

test('a block both moved and edited is modified with moved: true', () => {
  const from = baseOutline();
  const to = fork(from, 14);
  const fragment = fragmentOf(to);
  const clone = (fragment.get(indexOf(to, 'p4')) as Y.XmlElement).clone();
  to.transact(() => {
    fragment.delete(indexOf(to, 'p4'), 1);
    fragment.insert(indexOf(to, 'pA') + 1, [clone]);
  });
  textNode(to, 'p4').insert('Phải kiên định mục tiêu'.length, ' chiến lược');
  const c = compareDocuments(from, to);
  const moved = block(c, 'p4');
  assert.equal(moved.status, 'modified');
  assert.equal(moved.moved, true);
  assert.equal(moved.changeKind, 'text');
  assert.deepEqual(moved.ops, [
    { op: 'equal', text: 'Phải kiên định mục tiêu' },
    { op: 'insert', text: ' chiến lược' },
    { op: 'equal', text: ', phát huy sức mạnh toàn dân.' },
  ]);
  assert.deepEqual(c.summary.blocks, counts(0, 0, 0, 1, 9));
});

// ---------------------------------------------------------------- text changes

test('a renamed heading is one modified block with exact word ops', () => {
  const from = baseOutline();
  const to = fork(from, 15);
  textNode(to, 'h3').insert('Nguyên nhân'.length, ' chủ yếu');
  const c = compareDocuments(from, to);
  assert.deepEqual(c.summary, {
    sections: counts(0, 0, 0, 1, 4),
    blocks: counts(0, 0, 0, 1, 9),
    words: { inserted: 2, deleted: 0 },
    whitespaceOnly: 0,
    formattingOnly: 0,
  });
  const heading = block(c, 'h3');
  assert.equal(heading.changeKind, 'text');
  assert.deepEqual(heading.ops, [{ op: 'equal', text: 'Nguyên nhân' }, { op: 'insert', text: ' chủ yếu' }]);
  assert.equal(c.sections.find((s) => s.id === 'h3')?.title, 'Nguyên nhân chủ yếu');
});

/** A deterministic 160-word paragraph; its words at the edited places carry no punctuation. */
function longParagraph(): string[] {
  const pool = ['phát', 'triển', 'kinh', 'tế', 'xã', 'hội', 'bền', 'vững', 'nâng', 'cao', 'chất', 'lượng', 'nguồn', 'nhân', 'lực', 'chuyển', 'đổi', 'số', 'quốc', 'gia', 'hoàn', 'thiện', 'thể', 'chế'];
  return Array.from({ length: 160 }, (_, i) => pool[(i * 7 + Math.floor(i / 24)) % pool.length] ?? 'và');
}

test('a few words changed in a 160-word paragraph: only those words are in insert/delete ops', () => {
  const words = longParagraph();
  const original = `${words.join(' ')}.`;
  const from = outline(h('h', 2, 'Mục tiêu'), p('long', original));
  const to = fork(from, 16);
  const node = textNode(to, 'long');
  const offsetOf = (index: number): number => words.slice(0, index).join(' ').length + (index > 0 ? 1 : 0);
  // Back to front so that earlier offsets stay valid: insert after word 130, delete word 100, replace word 40.
  node.insert(offsetOf(131) - 1, ' và hiệu quả');
  node.delete(offsetOf(100), (words[100] ?? '').length + 1);
  node.delete(offsetOf(40), (words[40] ?? '').length);
  node.insert(offsetOf(40), 'đột phá');
  const c = compareDocuments(from, to);
  const change = block(c, 'long');
  const join = (start: number, end: number): string => words.slice(start, end).join(' ');
  assert.deepEqual(change.ops, [
    { op: 'equal', text: `${join(0, 40)} ` },
    { op: 'delete', text: words[40] },
    { op: 'insert', text: 'đột phá' },
    { op: 'equal', text: ` ${join(41, 100)} ` },
    { op: 'delete', text: `${words[100]} ` },
    { op: 'equal', text: join(101, 131) },
    { op: 'insert', text: ' và hiệu quả' },
    { op: 'equal', text: ` ${join(131, 160)}.` },
  ]);
  assert.equal(change.insertedWords, 5);
  assert.equal(change.deletedWords, 2);
  assert.deepEqual(c.summary.words, { inserted: 5, deleted: 2 });
  assert.deepEqual(c.summary.blocks, counts(0, 0, 0, 1, 1));
});

test('Vietnamese syllables are never split and no op boundary falls inside a word', () => {
  const from = outline(p('v', 'Bộ Quốc phòng tiếp thu ý kiến về công tác phòng, chống thiên tai.'));
  const to = fork(from, 17);
  const node = textNode(to, 'v');
  const source = 'Bộ Quốc phòng tiếp thu ý kiến về công tác phòng, chống thiên tai.';
  node.delete(source.indexOf(','), 1);
  node.delete(source.indexOf('thu'), 3);
  node.insert(source.indexOf('thu'), 'nhận');
  node.delete('Bộ '.length, 'Quốc phòng'.length);
  node.insert('Bộ '.length, 'Công an');
  const c = compareDocuments(from, to);
  const change = block(c, 'v');
  assert.equal(change.toText, 'Bộ Công an tiếp nhận ý kiến về công tác phòng chống thiên tai.');
  assert.deepEqual(change.ops, [
    { op: 'equal', text: 'Bộ ' },
    { op: 'delete', text: 'Quốc phòng' },
    { op: 'insert', text: 'Công an' },
    { op: 'equal', text: ' tiếp ' },
    { op: 'delete', text: 'thu' },
    { op: 'insert', text: 'nhận' },
    { op: 'equal', text: ' ý kiến về công tác phòng' },
    { op: 'delete', text: ',' },
    { op: 'equal', text: ' chống thiên tai.' },
  ]);
  // Every boundary, on both sides, has a non-letter on at least one side.
  const letter = /[\p{L}\p{M}\p{N}]/u;
  for (const side of ['insert', 'delete'] as const) {
    let acc = '';
    for (const op of change.ops) {
      if (op.op === side || op.op === 'equal') {
        const next = op.text[0] ?? '';
        assert.ok(acc === '' || !(letter.test(acc.at(-1) ?? '') && letter.test(next)), `boundary inside a word before "${op.text}"`);
        acc += op.text;
      }
    }
  }
});

test('NFD and NFC forms of the same text are no change at all', () => {
  const nfc = 'Tiếp tục đẩy mạnh phòng, chống tham nhũng, lãng phí; Bộ Quốc phòng chủ trì.'.normalize('NFC');
  const nfd = nfc.normalize('NFD');
  assert.notEqual(nfc, nfd);
  const from = outline(h('h', 2, 'Nhiệm vụ trọng tâm'), p('a', nfc), p('b', 'Đẩy mạnh ', text('chuyển đổi số', 'strong'), ' quốc gia.'));
  const to = outline(
    h('h', 2, 'Nhiệm vụ trọng tâm'.normalize('NFD')),
    p('a', nfd),
    p('b', 'Đẩy mạnh '.normalize('NFD'), text('chuyển đổi số'.normalize('NFD'), 'strong'), ' quốc gia.'.normalize('NFD')),
  );
  const c = compareDocuments(from, to);
  assert.deepEqual(c.summary, { sections: counts(0, 0, 0, 0, 1), blocks: counts(0, 0, 0, 0, 3), words: { inserted: 0, deleted: 0 }, whitespaceOnly: 0, formattingOnly: 0 });
  assert.equal(block(c, 'a').toText, nfc);
  assert.deepEqual(extractBlocks(to)[2]?.formatting, 'strong:9-22');
});

test('a whitespace-only change is modified/whitespace with no words counted', () => {
  const from = outline(p('w', 'Phát triển bền vững.'));
  const to = fork(from, 18);
  textNode(to, 'w').insert('Phát triển'.length, '  ');
  textNode(to, 'w').insert(0, ' ');
  const c = compareDocuments(from, to);
  const change = block(c, 'w');
  assert.equal(change.status, 'modified');
  assert.equal(change.changeKind, 'whitespace');
  assert.equal(change.insertedWords, 0);
  assert.equal(change.deletedWords, 0);
  assert.deepEqual(change.ops, [
    { op: 'insert', text: ' ' },
    { op: 'equal', text: 'Phát triển' },
    { op: 'delete', text: ' ' },
    { op: 'insert', text: '   ' },
    { op: 'equal', text: 'bền vững.' },
  ]);
  assert.equal(c.summary.whitespaceOnly, 1);
  assert.deepEqual(c.summary.words, { inserted: 0, deleted: 0 });
});

test('bold added is a formatting-only change; so is a heading level change', () => {
  const from = outline(h('h', 2, 'Giải pháp'), p('f', 'Hoàn thiện thể chế phát triển.'));
  const to = fork(from, 19);
  textNode(to, 'f').format(0, 'Hoàn thiện'.length, { strong: {} });
  element(to, 'h').setAttribute('level', 3 as unknown as string);
  const c = compareDocuments(from, to);
  const bold = block(c, 'f');
  assert.deepEqual([bold.status, bold.changeKind, bold.insertedWords, bold.deletedWords], ['modified', 'formatting', 0, 0]);
  assert.deepEqual(bold.ops, [{ op: 'equal', text: 'Hoàn thiện thể chế phát triển.' }]);
  assert.equal(extractBlocks(to)[1]?.formatting, 'strong:0-10');
  const heading = block(c, 'h');
  assert.deepEqual([heading.status, heading.changeKind, heading.fromNumber, heading.toNumber], ['modified', 'formatting', '1.', '0.1.']);
  assert.equal(c.summary.formattingOnly, 2);
  assert.deepEqual(c.summary.words, { inserted: 0, deleted: 0 });
});

test('a heading level change together with a text change is a text change', () => {
  const from = outline(h('h', 2, 'Giải pháp'));
  const to = fork(from, 20);
  element(to, 'h').setAttribute('level', 3 as unknown as string);
  textNode(to, 'h').insert('Giải pháp'.length, ' đột phá');
  assert.equal(block(compareDocuments(from, to), 'h').changeKind, 'text');
});

test('a deleted paragraph is removed at its old place and its section is modified', () => {
  const from = baseOutline();
  const to = fork(from, 21);
  fragmentOf(to).delete(indexOf(to, 'p3'), 1);
  const c = compareDocuments(from, to);
  assert.deepEqual(statuses(c), ['hA:unchanged', 'pA:unchanged', 'h1:unchanged', 'p1:unchanged', 'h2:unchanged', 'p2:unchanged', 'h3:unchanged', 'p3:removed', 'h4:unchanged', 'p4:unchanged']);
  const removed = block(c, 'p3');
  assert.deepEqual(removed.ops, [{ op: 'delete', text: 'Thể chế chậm được hoàn thiện; nguồn lực phân tán.' }]);
  assert.equal(removed.deletedWords, 10);
  assert.equal(removed.sectionId, 'h3');
  assert.deepEqual(c.summary.sections, counts(0, 0, 0, 1, 4));
  assert.deepEqual(c.summary.words, { inserted: 0, deleted: 10 });
});

test('a removed section keeps its number and its body shows under it', () => {
  const from = baseOutline();
  const to = fork(from, 22);
  fragmentOf(to).delete(indexOf(to, 'h2'), 2);
  const c = compareDocuments(from, to);
  assert.deepEqual(
    c.sections.map((s) => [s.id, s.status, s.fromNumber, s.toNumber, s.blockIds.join(',')]),
    [
      ['hA', 'unchanged', 'Phần I', 'Phần I', 'hA,pA'],
      ['h1', 'unchanged', '1.', '1.', 'h1,p1'],
      ['h2', 'removed', '2.', null, 'h2,p2'],
      ['h3', 'unchanged', '3.', '2.', 'h3,p3'],
      ['h4', 'unchanged', '4.', '3.', 'h4,p4'],
    ],
  );
});

// ---------------------------------------------------------------- ids

test('re-typed blocks (new ids) in the same gap pair when at least 60% similar; removals show before additions', () => {
  const from = outline(
    h('h', 2, 'Nhiệm vụ'),
    p('old1', 'Đẩy mạnh cải cách hành chính, tinh gọn bộ máy nhà nước.'),
    p('old2', 'Phát triển hạ tầng giao thông đồng bộ.'),
    p('keep', 'Giữ nguyên.'),
  );
  const to = outline(
    h('h', 2, 'Nhiệm vụ'),
    p('new1', 'Đẩy mạnh cải cách hành chính, tinh gọn bộ máy.'),
    p('new2', 'Bảo vệ môi trường và ứng phó biến đổi khí hậu.'),
    p('keep', 'Giữ nguyên.'),
  );
  const c = compareDocuments(from, to);
  assert.deepEqual(statuses(c), ['h:unchanged', 'new1:modified', 'old2:removed', 'new2:added', 'keep:unchanged']);
  const paired = block(c, 'new1');
  assert.equal(paired.fromId, 'old1');
  assert.deepEqual(paired.ops, [
    { op: 'equal', text: 'Đẩy mạnh cải cách hành chính, tinh gọn bộ máy' },
    { op: 'delete', text: ' nhà nước' },
    { op: 'equal', text: '.' },
  ]);
});

test('duplicate ids: the first occurrence matches, a later one is unmatched; missing ids never match by id', () => {
  const from = outline(p('a', 'Văn bản gốc.'), p(null, 'Đoạn không id.'));
  const to = outline(p('a', 'Văn bản gốc.'), p('a', 'Bản sao dán thêm hoàn toàn khác.'), p(null, 'Một đoạn không id rất khác hẳn.'));
  const c = compareDocuments(from, to);
  assert.deepEqual(statuses(c), ['a:unchanged', 'from:~1:removed', 'a~2:added', '~1:added']);
  assert.equal(new Set(c.blocks.map((b) => b.id)).size, c.blocks.length, 'ids are unique in a comparison');
});

// ---------------------------------------------------------------- authors and limits

test('insertions are attributed to the authors of their characters', () => {
  const from = outline(p('a', 'Môi trường.'), p('b', 'Kinh tế.'));
  const lan = fork(from, 101);
  textNode(lan, 'a').insert('Môi trường'.length, ' xanh');
  const minh = fork(lan, 202);
  textNode(minh, 'a').insert('Môi trường xanh'.length, ' và sạch');
  textNode(minh, 'b').insert(0, 'Phát triển ');
  const names = new Map([[101, 'Lan'], [202, 'Minh']]);
  const c = compareDocuments(from, minh, { authorOf: (client) => names.get(client) ?? null });
  assert.deepEqual(block(c, 'a').ops, [
    { op: 'equal', text: 'Môi trường' },
    { op: 'insert', text: ' xanh và sạch', authors: ['Lan', 'Minh'] },
    { op: 'equal', text: '.' },
  ]);
  assert.deepEqual(block(c, 'b').ops, [
    { op: 'insert', text: 'Phát triển ', authors: ['Minh'] },
    { op: 'equal', text: 'Kinh tế.' },
  ]);
  const added = fork(minh, 303);
  fragmentOf(added).insert(2, [blockElement('paragraph', 'c', 'Xã hội.')]);
  const withAdded = compareDocuments(from, added, { authorOf: (client) => (client === 303 ? 'Hoa' : null) });
  assert.deepEqual(block(withAdded, 'c').ops, [{ op: 'insert', text: 'Xã hội.', authors: ['Hoa'] }]);
  const anonymous = compareDocuments(from, minh);
  assert.ok(anonymous.blocks.every((b) => b.ops.every((op) => !('authors' in op))), 'no authors without authorOf');
});

test('a block over maxTokensPerBlock, or past maxEditLength, falls back to delete-all + insert-all', () => {
  const huge = Array.from({ length: 2500 }, (_, i) => `từ${i}`).join(' ');
  const from = outline(p('big', huge), p('small', 'một hai ba bốn năm'));
  const to = fork(from, 23);
  textNode(to, 'big').insert(0, 'mới ');
  textNode(to, 'small').delete(0, 3);
  textNode(to, 'small').insert(0, 'MỘT');
  const c = compareDocuments(from, to);
  const big = block(c, 'big');
  assert.equal(big.coarse, true);
  assert.deepEqual(big.ops, [{ op: 'delete', text: huge }, { op: 'insert', text: `mới ${huge}` }]);
  assert.deepEqual([big.insertedWords, big.deletedWords], [2501, 2500]);
  assert.equal(block(c, 'small').coarse, undefined);
  // Past maxEditLength: a one-word replacement is two edits.
  const tight = compareDocuments(from, to, { maxTokensPerBlock: 100_000, maxEditLength: 1 });
  assert.equal(block(tight, 'small').coarse, true);
  assert.deepEqual(block(tight, 'small').ops, [{ op: 'delete', text: 'một hai ba bốn năm' }, { op: 'insert', text: 'MỘT hai ba bốn năm' }]);
  // A pure insertion is found from the common prefix and suffix alone, whatever the limit.
  assert.deepEqual(block(tight, 'big').ops, [{ op: 'insert', text: 'mới ' }, { op: 'equal', text: huge }]);
});

test('a comparison is plain JSON', () => {
  const from = baseOutline();
  const to = fork(from, 24);
  textNode(to, 'p2').insert(0, 'Nhìn chung, ');
  const c = compareDocuments(from, to, { authorOf: () => 'A' });
  assert.deepEqual(JSON.parse(JSON.stringify(c)), c);
});

test('randomised edits: every block redline rebuilds both texts, nothing is added or removed, counts add up', () => {
  for (const [words, rate] of [[3000, 0.01], [3000, 0.3], [2000, 0.6]] as const) {
    const { from, to } = buildPair(words, rate, 7 + words);
    const c = compareDocuments(from, to);
    assert.equal(c.summary.blocks.added + c.summary.blocks.removed, 0, 'ids kept: no additions or removals');
    assert.ok(c.summary.sections.moved >= 1 && c.summary.sections.moved <= 2, 'the moved sections are moved');
    let inserted = 0;
    let deleted = 0;
    for (const change of c.blocks) {
      const rebuild = (keep: 'insert' | 'delete'): string => change.ops.filter((op) => op.op === 'equal' || op.op === keep).map((op) => op.text).join('');
      assert.equal(rebuild('insert'), change.toText, `to text of ${change.id}`);
      assert.equal(rebuild('delete'), change.fromText, `from text of ${change.id}`);
      assert.ok(change.ops.every((op) => op.text !== ''), 'no empty ops');
      inserted += change.insertedWords;
      deleted += change.deletedWords;
    }
    assert.deepEqual(c.summary.words, { inserted, deleted });
    assert.equal(c.sections.reduce((sum, s) => sum + s.blockIds.length, 0), c.blocks.length, 'every block in one section');
  }
});
