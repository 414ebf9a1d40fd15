import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import { outlineSchema } from '../../document-model/schema.ts';
import { compareDocuments, type Comparison } from '../../server/revisions/compare/index.ts';
import { buildPair } from '../bench/compare.ts';

type Json = Record<string, unknown>;
const h = (id: string, level: number, value: string): Json => ({ type: 'heading', attrs: { id, level }, content: [{ type: 'text', text: value }] });
const p = (id: string, value: string): Json => ({ type: 'paragraph', attrs: { id }, content: [{ type: 'text', text: value }] });
const outline = (...blocks: Json[]): Y.Doc => prosemirrorJSONToYDoc(outlineSchema, { type: 'doc', content: blocks }, 'prosemirror');
const fragmentOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment('prosemirror');

/** A copy of `doc` as another client holds it: same Yjs items. */
function fork(doc: Y.Doc, clientID = 99): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const topIds = (doc: Y.Doc): string[] => fragmentOf(doc).toArray().map((node) => (node as Y.XmlElement).getAttribute('id') ?? '');

/**
 * Moves the top-level blocks `ids` (a contiguous run) before the block `beforeId` (null: to
 * the end) the way the editor does: one transaction deleting them and inserting copies, so
 * the moved blocks are new Yjs items with the same ids.
 */
function move(doc: Y.Doc, ids: string[], beforeId: string | null): void {
  const fragment = fragmentOf(doc);
  const start = topIds(doc).indexOf(ids[0] ?? '');
  assert.ok(start >= 0);
  const clones = fragment.toArray().slice(start, start + ids.length).map((node) => (node as Y.XmlElement).clone());
  doc.transact(() => {
    fragment.delete(start, ids.length);
    const at = beforeId === null ? fragment.length : topIds(doc).indexOf(beforeId);
    fragment.insert(at, clones);
  });
}

const moved = (comparison: Comparison): string[] => comparison.blocks.filter((block) => block.moved).map((block) => block.id);
const changed = (comparison: Comparison): string[] => comparison.blocks.filter((block) => block.status !== 'unchanged').map((block) => `${block.id}:${block.status}`);

/** Phần I with sections 1–4 (one heading, two paragraphs each, all the same size), Phần II with one. */
function fourSections(): Y.Doc {
  const blocks: Json[] = [h('I', 1, 'Bối cảnh')];
  for (const n of [1, 2, 3, 4]) {
    blocks.push(h(`s${n}`, 2, `Mục số ${n} về an ninh phi truyền thống`));
    blocks.push(p(`s${n}a`, `Đoạn thứ nhất của mục ${n}: các mối đe dọa đan xen, khó lường, tác động nhiều mặt.`));
    blocks.push(p(`s${n}b`, `Đoạn thứ hai của mục ${n}: yêu cầu phối hợp liên ngành và hợp tác quốc tế.`));
  }
  blocks.push(h('II', 1, 'Quan điểm'), p('IIa', 'Bảo đảm an ninh là nhiệm vụ chung của cả hệ thống chính trị.'));
  return outline(...blocks);
}

test('two sections of equal size swapping places: the one the person moved is the moved one, the other is untouched', () => {
  for (const [section, before] of [['s3', 's2'], ['s2', 's4']] as const) {
    const from = fourSections();
    const to = fork(from);
    move(to, [section, `${section}a`, `${section}b`], before);
    const comparison = compareDocuments(from, to);
    assert.deepEqual(moved(comparison), [section, `${section}a`, `${section}b`], `moving ${section}`);
    assert.deepEqual(changed(comparison), [`${section}:moved`, `${section}a:moved`, `${section}b:moved`]);
    assert.deepEqual(comparison.summary.sections, { added: 0, removed: 0, moved: 1, modified: 0, unchanged: 5 });
    const movedSection = comparison.sections.find((candidate) => candidate.id === section);
    assert.deepEqual(movedSection?.blockIds, [section, `${section}a`, `${section}b`], 'the section moves with its blocks');
  }
});

test('a section moved with its subsections is one moved section and its subsections, nothing else', () => {
  const from = outline(
    h('I', 1, 'Bối cảnh'),
    h('a1', 2, 'Tình hình thế giới'),
    h('a1x', 3, 'Xu hướng chung'),
    p('a1xp', 'Các xu hướng an ninh toàn cầu biến động nhanh.'),
    h('a2', 2, 'Tình hình trong nước'),
    p('a2p', 'Trong nước, các thách thức mới xuất hiện.'),
    h('II', 1, 'Quan điểm'),
    p('IIp', 'Lấy con người làm trung tâm.'),
  );
  const to = fork(from);
  move(to, ['a1', 'a1x', 'a1xp'], 'II');
  const comparison = compareDocuments(from, to);
  assert.deepEqual(moved(comparison), ['a1', 'a1x', 'a1xp']);
  assert.deepEqual(comparison.summary.sections, { added: 0, removed: 0, moved: 2, modified: 0, unchanged: 3 });
  assert.equal(comparison.blocks.find((block) => block.id === 'a2')?.status, 'unchanged', 'the neighbour is untouched');
});

test('a block moved across the document under a new id, with a word changed, is one moved block with its word change', () => {
  const from = fourSections();
  const to = fork(from);
  const fragment = fragmentOf(to);
  const index = topIds(to).indexOf('s4b');
  const original = fragment.get(index) as Y.XmlElement;
  const retyped = new Y.XmlElement('paragraph');
  retyped.setAttribute('id', 'pasted-1');
  retyped.insert(0, [new Y.XmlText('Đoạn thứ hai của mục 4: yêu cầu phối hợp chặt chẽ liên ngành và hợp tác quốc tế.')]);
  assert.ok(original);
  to.transact(() => {
    fragment.delete(index, 1);
    fragment.insert(topIds(to).indexOf('s1a'), [retyped]);
  });
  const comparison = compareDocuments(from, to);
  const block = comparison.blocks.find((candidate) => candidate.id === 'pasted-1');
  assert.ok(block, JSON.stringify(changed(comparison)));
  assert.equal(block.fromId, 's4b');
  assert.equal(block.moved, true);
  assert.equal(block.status, 'modified', 'moved and edited');
  assert.deepEqual(block.ops.filter((op) => op.op !== 'equal').map((op) => `${op.op}:${op.text.trim()}`), ['insert:chặt chẽ']);
  assert.equal(comparison.summary.blocks.added, 0);
  assert.equal(comparison.summary.blocks.removed, 0);
  assert.deepEqual(changed(comparison), ['pasted-1:modified']);
});

test('a move between two other moves: each moved section is reported, the untouched ones are not', () => {
  const from = fourSections();
  const to = fork(from);
  move(to, ['s1', 's1a', 's1b'], 'II');
  move(to, ['s4', 's4a', 's4b'], 's2');
  move(to, ['s3', 's3a', 's3b'], 's4');
  const comparison = compareDocuments(from, to);
  assert.deepEqual(topIds(to).filter((id) => /^s\d$/.test(id)), ['s3', 's4', 's2', 's1']);
  assert.deepEqual(new Set(comparison.blocks.filter((block) => block.kind === 'heading' && block.moved).map((block) => block.id)), new Set(['s1', 's3', 's4']));
  assert.equal(comparison.blocks.find((block) => block.id === 's2')?.status, 'unchanged');
});

test('versions built apart (no shared Yjs items) still get the longest run of blocks in order as unchanged', () => {
  const from = outline(h('a', 1, 'A'), p('a1', 'một'), h('b', 1, 'B'), p('b1', 'hai'), h('c', 1, 'C'), p('c1', 'ba'));
  const to = outline(h('a', 1, 'A'), p('a1', 'một'), h('c', 1, 'C'), p('c1', 'ba'), h('b', 1, 'B'), p('b1', 'hai'));
  const comparison = compareDocuments(from, to);
  assert.equal(moved(comparison).length, 2, 'one section of two blocks moved');
});

test('moving 5 % of the sections of a large outline keeps the comparison fast and exact', () => {
  const { from } = buildPair(20_000, 0);
  const to = fork(from);
  const headings = topIds(to).filter((_, index) => (fragmentOf(to).get(index) as Y.XmlElement).nodeName === 'heading');
  const sections = headings.filter((_, index) => index % 20 === 5);
  let movedBlocks = 0;
  for (const heading of sections) {
    const ids = topIds(to);
    const start = ids.indexOf(heading);
    let end = start + 1;
    while (end < ids.length && (fragmentOf(to).get(end) as Y.XmlElement).nodeName !== 'heading') end += 1;
    movedBlocks += end - start;
    move(to, ids.slice(start, end), ids[0] ?? null);
  }
  const comparison = compareDocuments(from, to);
  assert.equal(comparison.blocks.filter((block) => block.moved).length, movedBlocks);
  assert.equal(comparison.summary.blocks.modified + comparison.summary.blocks.added + comparison.summary.blocks.removed, 0);
});
