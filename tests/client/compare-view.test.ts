import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prosemirrorJSONToYDoc } from 'y-prosemirror';
import { outlineSchema } from '../../document-model/schema.ts';
import { parseCompareResult, parseComparison, type BlockChange, type Comparison } from '../../client/api/comparison-records.ts';
import { blockNumber, blockTags, isIdentical, isMinorChange, needsFullText, sideBySideRows, visibleBlocks } from '../../client/compare/view-model.ts';
import { compareDocuments, withoutUnchangedText } from '../../server/revisions/compare/index.ts';

type Json = Record<string, unknown>;
const text = (value: string, ...marks: string[]): Json => ({ type: 'text', text: value, ...(marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}) });
const heading = (id: string, level: number, value: string): Json => ({ type: 'heading', attrs: { id, level }, content: [text(value)] });
const paragraph = (id: string, ...content: Json[]): Json => ({ type: 'paragraph', attrs: { id }, content });
const outline = (...blocks: Json[]) => prosemirrorJSONToYDoc(outlineSchema, { type: 'doc', content: blocks }, 'prosemirror');

/** A real comparison from the server's engine: an edit, an insertion, a removal, a move, a whitespace-only and a formatting-only change. */
function realComparison(): Comparison {
  const from = outline(
    heading('a', 1, 'BỐI CẢNH'),
    paragraph('p1', text('Đoạn này sẽ được chuyển sang phần sau.')),
    paragraph('p2', text('Các mối đe dọa ngày càng đan xen và khó lường.')),
    paragraph('p3', text('Khoảng trắng  đôi ở đây.')),
    heading('b', 1, 'QUAN ĐIỂM'),
    paragraph('p4', text('Bảo đảm an ninh là nhiệm vụ chung.')),
    paragraph('p5', text('Đoạn sẽ bị xóa hẳn.')),
  );
  const to = outline(
    heading('a', 1, 'BỐI CẢNH'),
    paragraph('p2', text('Các mối đe dọa phi truyền thống ngày càng đan xen.')),
    paragraph('p3', text('Khoảng trắng đôi ở đây.')),
    paragraph('p6', text('Một đoạn hoàn toàn mới.')),
    heading('b', 1, 'QUAN ĐIỂM'),
    paragraph('p4', text('Bảo đảm an ninh là '), text('nhiệm vụ chung', 'strong'), text('.')),
    paragraph('p1', text('Đoạn này sẽ được chuyển sang phần sau.')),
  );
  // Through JSON, as the browser receives it.
  return parseComparison(JSON.parse(JSON.stringify(compareDocuments(from, to))));
}

const byId = (comparison: Comparison, id: string): BlockChange => {
  const block = comparison.blocks.find((candidate) => candidate.id === id);
  assert.ok(block, `block ${id}`);
  return block;
};

test('the parser keeps a real comparison as it is, and refuses unknown statuses and ops', () => {
  const comparison = realComparison();
  assert.deepEqual(parseComparison(JSON.parse(JSON.stringify(comparison))), comparison);
  assert.equal(byId(comparison, 'p2').status, 'modified');
  assert.equal(byId(comparison, 'p6').status, 'added');
  assert.equal(byId(comparison, 'p5').status, 'removed');
  assert.equal(byId(comparison, 'p1').status, 'moved');
  assert.ok(isMinorChange(byId(comparison, 'p3')) && isMinorChange(byId(comparison, 'p4')));

  const broken = JSON.parse(JSON.stringify(comparison)) as { blocks: Array<{ status: string; ops: Array<{ op: string }> }> };
  const first = broken.blocks[0];
  assert.ok(first);
  first.status = 'renamed';
  assert.throws(() => parseComparison(broken), TypeError);
  first.status = 'unchanged';
  first.ops = [{ op: 'replace' }];
  assert.throws(() => parseComparison(broken), TypeError);
  assert.throws(() => parseCompareResult({ documentId: 'd', from: { ref: 'current', label: 'x', revision: null }, to: {}, comparison }), TypeError);
});

test('filters: minor changes hidden on demand, unchanged blocks hidden but a changed section keeps its heading as context', () => {
  const comparison = realComparison();
  const ids = (filters: { hideMinor: boolean; onlyChanges: boolean }): string[] => visibleBlocks(comparison, filters).map(({ block }) => block.id);
  assert.deepEqual(ids({ hideMinor: false, onlyChanges: false }), comparison.blocks.map((block) => block.id), 'everything, in display order');
  assert.deepEqual(ids({ hideMinor: true, onlyChanges: false }).sort(), ['a', 'b', 'p1', 'p2', 'p5', 'p6'].sort());

  const onlyChanges = visibleBlocks(comparison, { hideMinor: false, onlyChanges: true });
  assert.ok(onlyChanges.every(({ block, context }) => block.status !== 'unchanged' || (context && block.kind === 'heading')));
  assert.deepEqual(onlyChanges.filter(({ context }) => context).map(({ block }) => block.id), ['a', 'b']);
  assert.deepEqual(ids({ hideMinor: true, onlyChanges: true }), ids({ hideMinor: false, onlyChanges: true }).filter((id) => id !== 'p3' && id !== 'p4'));
});

test('a heading kept only for context disappears when its section has only minor changes and those are hidden', () => {
  const comparison = realComparison();
  const p4 = byId(comparison, 'p4');
  const onlyMinorInB: Comparison = { ...comparison, blocks: comparison.blocks.filter((block) => block.sectionId !== 'b' || block.id === 'b' || block === p4) };
  const visible = visibleBlocks(onlyMinorInB, { hideMinor: true, onlyChanges: true }).map(({ block }) => block.id);
  assert.ok(!visible.includes('b'), 'no section heading without a change to introduce');
  const movedMinor: Comparison = { ...onlyMinorInB, blocks: onlyMinorInB.blocks.map((block) => (block === p4 ? { ...block, moved: true } : block)) };
  assert.deepEqual(visibleBlocks(movedMinor, { hideMinor: true, onlyChanges: true }).filter(({ block }) => block.sectionId === 'b').map(({ block }) => block.id), ['b', 'p4'], 'a move is still shown');
});

test('side by side: one row per block in display order, empty cell for the missing side, each side its share of the redline', () => {
  const comparison = realComparison();
  const rows = sideBySideRows(visibleBlocks(comparison, { hideMinor: false, onlyChanges: false }));
  assert.deepEqual(rows.map((row) => row.block.id), comparison.blocks.map((block) => block.id));
  const row = (id: string) => {
    const found = rows.find((candidate) => candidate.block.id === id);
    assert.ok(found, id);
    return found;
  };
  assert.equal(row('p6').left, null);
  assert.ok(row('p6').right?.ops.every((op) => op.op === 'insert'));
  assert.equal(row('p5').right, null);
  assert.ok(row('p5').left?.ops.every((op) => op.op === 'delete'));
  const edited = row('p2');
  assert.ok(edited.left?.ops.some((op) => op.op === 'delete') && edited.left.ops.every((op) => op.op !== 'insert'));
  assert.ok(edited.right?.ops.some((op) => op.op === 'insert') && edited.right.ops.every((op) => op.op !== 'delete'));
  const joined = (ops: ReadonlyArray<{ text: string }> | undefined): string => (ops ?? []).map((op) => op.text).join('');
  assert.equal(joined(edited.left?.ops), edited.block.fromText);
  assert.equal(joined(edited.right?.ops), edited.block.toText);
  assert.deepEqual(rows.filter((candidate) => candidate.sectionStart).map((candidate) => candidate.block.id), ['a', 'b']);
  assert.equal(row('a').left?.number, 'Phần I');
  assert.equal(row('b').right?.number, 'Phần II');

  // With the headings filtered out, the first row of each section still starts it.
  const withoutHeadings = sideBySideRows(visibleBlocks(comparison, { hideMinor: false, onlyChanges: false }).filter(({ block }) => block.kind !== 'heading'));
  assert.deepEqual(withoutHeadings.filter((candidate) => candidate.sectionStart).map((candidate) => candidate.block.sectionId), ['a', 'b']);
});

test('tags: added, removed, moved (with the section it came from, on the first block of a run), whitespace, formatting, coarse', () => {
  const comparison = realComparison();
  const names = (id: string): string[] => blockTags(byId(comparison, id)).map((tag) => tag.name);
  assert.deepEqual(names('p6'), ['added']);
  assert.deepEqual(names('p5'), ['removed']);
  assert.deepEqual(names('p1'), ['moved']);
  // p1 left part I for part II: the note names the part it came from, as the exports do.
  assert.deepEqual(byId(comparison, 'p1').move, { fromSection: 'Phần I', toSection: 'Phần II', after: 'a', fromOrder: 1, first: true });
  assert.deepEqual(blockTags(byId(comparison, 'p1'))[0], { name: 'moved', key: 'compare.tag.movedFromPart', params: { number: 'Phần I' } });
  const inRun: BlockChange = { ...byId(comparison, 'p1'), move: { fromSection: '2.', toSection: '3.', after: null, fromOrder: 4, first: false } };
  assert.deepEqual(blockTags(inRun), [], 'a block that moved with the one before it carries no note of its own');
  assert.deepEqual(blockTags({ ...inRun, move: { fromSection: '2.', toSection: '3.', after: null, fromOrder: 4, first: true } })[0], { name: 'moved', key: 'compare.tag.movedFrom', params: { number: '2.' } });
  assert.deepEqual(names('p3'), ['whitespace']);
  assert.deepEqual(names('p4'), ['formatting']);
  assert.deepEqual(names('p2'), []);
  const movedHeading: BlockChange = { ...byId(comparison, 'b'), status: 'moved', moved: true, fromNumber: 'Phần III', toNumber: 'Phần II', coarse: true };
  assert.deepEqual(blockTags(movedHeading), [
    { name: 'moved', key: 'compare.tag.moved' },
    { name: 'coarse', key: 'compare.tag.coarse' },
  ]);
  assert.equal(blockNumber({ ...movedHeading, toNumber: null }), 'Phần III');
  assert.equal(isIdentical(comparison), false);
  assert.equal(isIdentical({ ...comparison, blocks: comparison.blocks.map((block) => ({ ...block, status: 'unchanged' as const })) }), true);
});

test('a changes-only answer: unchanged text is asked for only when a view shows it, and an omitted block stands on both sides', () => {
  const from = outline(heading('a', 1, 'BỐI CẢNH'), paragraph('p1', text('Giữ nguyên.')), paragraph('p2', text('Sẽ sửa.')));
  const to = outline(heading('a', 1, 'BỐI CẢNH'), paragraph('p1', text('Giữ nguyên.')), paragraph('p2', text('Đã sửa.')));
  const compact = parseComparison(JSON.parse(JSON.stringify(withoutUnchangedText(compareDocuments(from, to)))));
  const omitted = compact.blocks.filter((block) => block.textOmitted === true);
  assert.ok(omitted.length > 0 && omitted.every((block) => block.status === 'unchanged' && block.kind !== 'heading'));
  assert.equal(needsFullText(compact, { hideMinor: false, onlyChanges: false }), true);
  assert.equal(needsFullText(compact, { hideMinor: false, onlyChanges: true }), false, 'only the changes: nothing is missing');
  assert.equal(needsFullText(realComparison(), { hideMinor: false, onlyChanges: false }), false, 'a full answer needs nothing more');
  const rows = sideBySideRows(visibleBlocks(compact, { hideMinor: false, onlyChanges: false }));
  const row = rows.find((candidate) => candidate.block.textOmitted === true);
  assert.ok(row?.left !== null && row?.right !== null, 'an unchanged block exists in both versions');
});
