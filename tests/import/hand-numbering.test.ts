import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leadingMark, levelsForKinds } from '../../server/import/hand-numbering.ts';

test('typed section numbers and bullets are recognised, with the text after them', () => {
  const cases: Array<[string, string, string]> = [
    ['PHẦN I. BỐI CẢNH', 'part', 'BỐI CẢNH'],
    ['PHẦN THỨ NHẤT: ĐÁNH GIÁ', 'part', 'ĐÁNH GIÁ'],
    ['Phần thứ hai - Định hướng', 'part', 'Định hướng'],
    ['II. Quan điểm', 'roman', 'Quan điểm'],
    ['3. Mục tiêu', 'decimal', 'Mục tiêu'],
    ['1.2. Mục tiêu cụ thể', 'decimal2', 'Mục tiêu cụ thể'],
    ['1.2 Mục tiêu cụ thể', 'decimal2', 'Mục tiêu cụ thể'],
    ['2.1.3. Chỉ tiêu', 'decimal3', 'Chỉ tiêu'],
    ['đ) Về môi trường', 'letter', 'Về môi trường'],
  ];
  for (const [text, kind, rest] of cases) {
    const mark = leadingMark(text);
    assert.equal(mark.type, 'number', text);
    if (mark.type !== 'number') continue;
    assert.deepEqual([mark.kind, mark.rest, text.slice(mark.consumed)], [kind, rest, rest], text);
  }
  assert.deepEqual(leadingMark('  - gạch đầu dòng'), { type: 'bullet', bullet: '-', rest: 'gạch đầu dòng', consumed: 4 });
  assert.deepEqual(leadingMark('+ dấu cộng'), { type: 'bullet', bullet: '+', rest: 'dấu cộng', consumed: 2 });
  for (const plain of ['Năm 2030 đạt 7%.', '1.000 người lao động', '1.', 'Việt Nam', 'a)']) assert.deepEqual(leadingMark(plain), { type: 'none' }, plain);
});

test('levels follow the kinds a file uses, outermost first, at most 4', () => {
  assert.deepEqual([...levelsForKinds(new Set(['decimal', 'roman', 'letter']))], [['roman', 1], ['decimal', 2], ['letter', 3]]);
  assert.deepEqual([...levelsForKinds(new Set(['part', 'decimal', 'decimal2', 'letter']))], [['part', 1], ['decimal', 2], ['decimal2', 3], ['letter', 4]]);
  assert.deepEqual(
    [...levelsForKinds(new Set(['part', 'roman', 'decimal', 'decimal2', 'letter']))],
    [['part', 1], ['roman', 2], ['decimal', 3], ['decimal2', 4], ['letter', 4]],
  );
});
