import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from 'prosemirror-state';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, ySyncPlugin } from 'y-prosemirror';
import * as Y from 'yjs';
import { decodeAnchor, resolveAnchors } from '../../client/comments/anchor-resolve.ts';
import { outlineSchema } from '../../document-model/schema.ts';
import { resolveAnchor } from '../../server/comments/anchors.ts';

/**
 * When I.2 moves below I.3 through a ProseMirror replace, y-prosemirror may rewrite the
 * blocks in place instead of deleting and re-inserting them: the paragraph element that held
 * "Nội dung I.2" gets I.3's id and words, and a new element gets I.2's. The anchor's relative
 * positions then live on, on the wrong words. Both the server and the editor must follow the
 * anchor's block id to its words instead.
 */

const block = (type: string, id: string, text: string, level?: number) => ({ type, attrs: level === undefined ? { id } : { id, level }, content: [{ type: 'text', text }] });

function seeded(): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('prosemirror');
  prosemirrorJSONToYXmlFragment(outlineSchema, {
    type: 'doc',
    content: [block('heading', 'h-I2', 'Mục I.2', 2), block('paragraph', 'p-I2', 'Nội dung I.2'), block('heading', 'h-I3', 'Mục I.3', 2), block('paragraph', 'p-I3', 'Nội dung I.3')],
  }, fragment);
  return { doc, fragment };
}

/** The element at `index` and its text. */
function at(fragment: Y.XmlFragment, index: number): { element: Y.XmlElement; text: Y.XmlText } {
  const element = fragment.get(index);
  if (!(element instanceof Y.XmlElement)) throw new Error('not an element');
  const text = element.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('no text');
  return { element, text };
}

/** Rewrites a block in place as y-prosemirror's diff does: new id, the changed character replaced. */
function rewrite(fragment: Y.XmlFragment, index: number, id: string, words: string): void {
  const { element, text } = at(fragment, index);
  element.setAttribute('id', id);
  const current = text.toString();
  let prefix = 0;
  while (prefix < current.length && current[prefix] === words[prefix]) prefix += 1;
  text.delete(prefix, current.length - prefix);
  text.insert(prefix, words.slice(prefix));
}

test('an anchor whose positions were carried onto other words by an in-place rewrite follows its block id', () => {
  const { doc, fragment } = seeded();
  const { text } = at(fragment, 1);
  const encode = (index: number): string => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64');
  const anchor = { start: encode(0), end: encode('Nội dung I.2'.length), quote: 'Nội dung I.2', blockId: 'p-I2' };
  assert.equal(resolveAnchor(doc, anchor).text, 'Nội dung I.2');

  // I.2 below I.3, as y-prosemirror writes it: the first two elements become I.3, the last two I.2.
  doc.transact(() => {
    rewrite(fragment, 0, 'h-I3', 'Mục I.3');
    rewrite(fragment, 1, 'p-I3', 'Nội dung I.3');
    rewrite(fragment, 2, 'h-I2', 'Mục I.2');
    rewrite(fragment, 3, 'p-I2', 'Nội dung I.2');
  });
  const position = resolveAnchor(doc, anchor);
  assert.deepEqual([position.status, position.text, position.blockId, position.sectionTitle], ['active', 'Nội dung I.2', 'p-I2', 'Mục I.2']);

  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, outlineSchema);
  const state = EditorState.create({ schema: outlineSchema, doc: pmDoc, plugins: [ySyncPlugin(fragment, { mapping })] });
  const decoded = decodeAnchor('t1', anchor);
  assert.ok(decoded);
  const range = resolveAnchors(state, [decoded])?.get('t1');
  assert.ok(range, 'highlighted');
  assert.equal(state.doc.textBetween(range.from, range.to), 'Nội dung I.2', 'the highlight is on the words, not on I.3');
});

test('an edit inside the passage is still followed by the positions while the block keeps its id', () => {
  const { doc, fragment } = seeded();
  const { text } = at(fragment, 1);
  const encode = (index: number): string => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64');
  const anchor = { start: encode(0), end: encode('Nội dung I.2'.length), quote: 'Nội dung I.2', blockId: 'p-I2' };
  text.insert('Nội dung'.length, ' mới');
  assert.equal(resolveAnchor(doc, anchor).text, 'Nội dung mới I.2');
  // Another id around the positions, but the anchor's block no longer holds the quote: the positions win.
  at(fragment, 1).element.setAttribute('id', 'p-renamed');
  assert.equal(resolveAnchor(doc, anchor).text, 'Nội dung mới I.2');
});
