import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from 'prosemirror-state';
import { outlineSchema } from '../../document-model/schema.ts';
import { collectHeadings } from '../../document-model/headings.ts';
import { computeNumbering, numberingPlugin, numberingPluginKey } from '../../client/editor/numbering-plugin.ts';

const { doc, paragraph, heading } = outlineSchema.nodes;
if (!doc || !paragraph || !heading) throw new Error('schema is missing a node type');

const h = (level: number, text: string) => heading.create({ level, id: `h-${text}` }, outlineSchema.text(text));
const p = (text: string) => paragraph.create(null, outlineSchema.text(text));

test('collectHeadings numbers headings Phần I / 1. / 1.1. / a) in document order', () => {
  const d = doc.create(null, [h(1, 'Bối cảnh'), p('…'), h(2, 'Thành tựu'), h(3, 'Kinh tế'), h(4, 'Tăng trưởng'), h(4, 'Đầu tư'), h(2, 'Hạn chế'), h(1, 'Mục tiêu')]);
  assert.deepEqual(
    collectHeadings(d).map((x) => `${x.number} ${x.text}`),
    ['Phần I Bối cảnh', '1. Thành tựu', '1.1. Kinh tế', 'a) Tăng trưởng', 'b) Đầu tư', '2. Hạn chế', 'Phần II Mục tiêu'],
  );
});

test('numbers are decorations, not text, and follow inserted headings', () => {
  let state = EditorState.create({ doc: doc.create(null, [h(2, 'A'), h(2, 'B')]), plugins: [numberingPlugin()] });
  assert.deepEqual(numberingPluginKey.getState(state)?.headings.map((x) => x.number), ['1.', '2.']);
  state = state.apply(state.tr.insert(0, h(2, 'New')));
  assert.deepEqual(numberingPluginKey.getState(state)?.headings.map((x) => x.number), ['1.', '2.', '3.']);
  assert.equal(state.doc.textContent, 'NewAB', 'no number was written into the text');
  const decorations = numberingPluginKey.getState(state)?.decorations.find() ?? [];
  assert.equal(decorations.length, 3);
});

test('computeNumbering puts data-section-number and data-level on each heading node', () => {
  const d = doc.create(null, [p('intro'), h(1, 'Phần')]);
  const { decorations, headings } = computeNumbering(d);
  const [only] = decorations.find();
  assert.ok(only);
  assert.equal(only.from, headings[0]?.pos);
  assert.deepEqual((only as unknown as { type: { attrs: Record<string, string> } }).type.attrs, {
    'data-section-number': 'Phần I',
    'data-level': '1',
  });
});
