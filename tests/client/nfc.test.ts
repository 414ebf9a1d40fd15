import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from 'prosemirror-state';
import { Slice } from 'prosemirror-model';
import { outlineSchema } from '../../document-model/schema.ts';
import { findNonNfcText, isNfc, normalizeSlice } from '../../client/editor/nfc.ts';
import { nfcFixTransaction, nfcPlugin, nfcPluginKey } from '../../client/editor/nfc-plugin.ts';
import { ySyncPluginKey } from 'y-prosemirror';

const { doc, paragraph } = outlineSchema.nodes;
const strong = outlineSchema.marks.strong;
if (!doc || !paragraph || !strong) throw new Error('schema is missing a type');

// "Việt Nam" with the ệ decomposed: e + combining dot below + combining circumflex.
const DECOMPOSED = 'Vie\u0323\u0302t Nam';
const COMPOSED = 'Vi\u1EC7t Nam';

test('isNfc tells decomposed Vietnamese from precomposed', () => {
  assert.equal(isNfc(COMPOSED), true);
  assert.equal(isNfc(DECOMPOSED), false);
  assert.equal(DECOMPOSED.normalize('NFC'), COMPOSED);
});

test('normalizeSlice normalises text and keeps marks and open depths', () => {
  const slice = new Slice(
    outlineSchema.nodes.doc!.create(null, [paragraph.create(null, outlineSchema.text(DECOMPOSED, [strong.create()]))]).content,
    1,
    1,
  );
  const result = normalizeSlice(slice);
  assert.equal(result.openStart, 1);
  assert.equal(result.openEnd, 1);
  const text = result.content.child(0).child(0);
  assert.equal(text.text, COMPOSED);
  assert.ok(strong.isInSet(text.marks));
  const already = new Slice(doc.create(null, [paragraph.create(null, outlineSchema.text(COMPOSED))]).content, 0, 0);
  assert.equal(normalizeSlice(already), already, 'an NFC slice is returned as is');
});

test('findNonNfcText finds only the offending text nodes in a range', () => {
  const d = doc.create(null, [paragraph.create(null, outlineSchema.text(COMPOSED)), paragraph.create(null, outlineSchema.text(DECOMPOSED))]);
  assert.equal(findNonNfcText(d).length, 1);
  assert.equal(findNonNfcText(d, 0, d.child(0).nodeSize).length, 0);
});

test('a local edit that leaves non-NFC text is recorded and fixed by the guard transaction', () => {
  let state = EditorState.create({ doc: doc.create(null, [paragraph.create({ id: 'p' })]), plugins: [nfcPlugin()] });
  state = state.apply(state.tr.insertText('Xin chào', 1));
  assert.deepEqual(nfcPluginKey.getState(state), [], 'NFC typing leaves nothing pending');
  // As an IME would: the combining marks arrive after the base letter, outside handleTextInput.
  state = state.apply(state.tr.insertText(` ${DECOMPOSED}`, state.doc.content.size - 1));
  assert.equal((nfcPluginKey.getState(state) ?? []).length > 0, true);
  const fix = nfcFixTransaction(state);
  assert.ok(fix);
  state = state.apply(fix);
  assert.equal(state.doc.textContent, `Xin chào ${COMPOSED}`);
  assert.deepEqual(nfcPluginKey.getState(state), []);
});

test('remote (y-sync) text is not rewritten by this client', () => {
  let state = EditorState.create({ doc: doc.create(null, [paragraph.create()]), plugins: [nfcPlugin()] });
  const remote = state.tr.insertText(DECOMPOSED, 1).setMeta(ySyncPluginKey, { isChangeOrigin: true });
  state = state.apply(remote);
  assert.deepEqual(nfcPluginKey.getState(state), []);
});
