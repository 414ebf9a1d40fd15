import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitStateFormatFrame } from '../../server/import/state-format-frame.ts';
import type { WordBlock, WordParagraph } from '../../server/import/word-tree.ts';

/** The letterhead of a state-format draft is recognised only at the top, and only with its header block. */

const line = (text: string, numbered = false): WordParagraph => ({
  type: 'paragraph',
  styleId: null,
  styleName: null,
  numbering: numbered ? { level: 0, ordered: true } : null,
  inlines: [{ kind: 'text', text, bold: true, italic: false, underline: false, font: null }],
});
const header = (right: string): WordBlock => ({
  type: 'table',
  rows: [{ header: false, cells: [{ colSpan: 1, rowSpan: 1, paragraphs: [line('BỘ CÔNG AN')] }, { colSpan: 1, rowSpan: 1, paragraphs: [line(right), line('Độc lập - Tự do - Hạnh phúc')] }] }],
});
const texts = (blocks: readonly WordBlock[]): string[] => blocks.map((block) => (block.type === 'paragraph' ? block.inlines.map((inline) => (inline.kind === 'text' ? inline.text : '')).join('') : 'table'));

test('a letterhead, the DỰ THẢO mark with its version line and the title in capitals are left out', () => {
  const { frame, content } = splitStateFormatFrame([header('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), line('DỰ THẢO'), line('Dự thảo lần 2 · 02/12/2026'), line(''), line('CHIẾN LƯỢC QUỐC GIA'), line('I. BỐI CẢNH'), line('Nội dung.')]);
  assert.equal(frame.blocks, 4);
  assert.deepEqual(texts(content), ['', 'I. BỐI CẢNH', 'Nội dung.']);
});

test('without the national title in a header table nothing is taken, and a title that is not in capitals stays', () => {
  const plain = [line('DỰ THẢO'), line('CHIẾN LƯỢC'), line('Nội dung.')];
  assert.deepEqual(splitStateFormatFrame(plain), { frame: { blocks: 0 }, content: plain });
  const { frame, content } = splitStateFormatFrame([header('Cộng hòa xã hội chủ nghĩa Việt Nam'), line('Chiến lược quốc gia'), line('1. Mục tiêu', true)]);
  assert.equal(frame.blocks, 1);
  assert.deepEqual(texts(content), ['Chiến lược quốc gia', '1. Mục tiêu']);
});

test('a table quoting the national title below the top of the file is content', () => {
  const blocks: WordBlock[] = [...Array.from({ length: 8 }, (_, index) => line(`Đoạn ${index + 1}`)), header('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')];
  assert.deepEqual(splitStateFormatFrame(blocks).frame.blocks, 0);
});
