import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlineSchema } from '../../document-model/schema.ts';
import { findQuote } from '../../document-model/quote-search.ts';

const doc = outlineSchema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'heading', attrs: { id: 'h1', level: 1 }, content: [{ type: 'text', text: 'Bối cảnh' }] },
    { type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'Hợp tác ' }, { type: 'text', text: 'song phương', marks: [{ type: 'strong' }] }, { type: 'text', text: ' và đa phương.' }] },
    { type: 'paragraph', attrs: { id: 'p2' }, content: [{ type: 'text', text: 'Nhắc lại: hợp tác song phương.' }] },
    { type: 'bullet_list', attrs: { id: 'l1' }, content: [{ type: 'list_item', attrs: { id: 'li1' }, content: [{ type: 'paragraph', attrs: { id: 'lp1' }, content: [{ type: 'text', text: 'Ứng phó biến đổi khí hậu.' }] }] }] },
  ],
});

test('a quote is found again by its words: in its own block first, else only where it stands once', () => {
  const inBlock = findQuote(doc, 'song phương', 'p2');
  assert.ok(inBlock);
  assert.equal(doc.textBetween(inBlock.from, inBlock.to), 'song phương');
  const p2 = doc.child(2);
  let p2Start = 0;
  doc.forEach((node, offset) => {
    if (node === p2) p2Start = offset;
  });
  assert.ok(inBlock.from > p2Start, 'the occurrence inside p2, not the one in p1');
  const across = findQuote(doc, 'song phương và đa phương', 'gone');
  assert.ok(across, 'unique in the document, across marks');
  assert.equal(doc.textBetween(across.from, across.to), 'song phương và đa phương');
  assert.equal(findQuote(doc, 'song phương', 'gone'), null, 'twice in the document and no block to tell: orphaned');
  const nested = findQuote(doc, 'biến đổi khí hậu', 'li1');
  assert.ok(nested);
  assert.equal(doc.textBetween(nested.from, nested.to), 'biến đổi khí hậu');
  assert.equal(findQuote(doc, 'không có ở đây', null), null);
  assert.equal(findQuote(doc, '   ', null), null);
  assert.equal(findQuote(doc, 'Hợp tác\nNhắc', null), null, 'quotes across paragraphs are not searched');
});
