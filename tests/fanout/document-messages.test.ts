import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { decodeDocumentMessage, encodeDocumentMessage, type DocumentMessage } from '../../server/fanout/document-messages.ts';

test('every kind of document message survives encoding and decoding', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'Dự thảo');
  const update = Y.encodeStateAsUpdate(doc);
  const messages: DocumentMessage[] = [
    { kind: 'update', update, userId: 'u-thu-ky' },
    { kind: 'update', update, userId: null },
    { kind: 'awareness', update: new Uint8Array([1, 2, 3]), owners: new Map([[42, 'u-thu-ky'], [7, 'u-bien-tap']]) },
    { kind: 'sync-request', stateVector: Y.encodeStateVector(doc), deleteDigest: 'abc', wantsAwareness: true },
    { kind: 'sync-request', stateVector: Y.encodeStateVector(doc), deleteDigest: '', wantsAwareness: false },
  ];
  for (const message of messages) assert.deepEqual(decodeDocumentMessage(encodeDocumentMessage(message)), message);
  doc.destroy();
});

test('an unknown kind or a truncated message decodes to null (another server version may be running)', () => {
  assert.equal(decodeDocumentMessage(new Uint8Array([9, 1, 2])), null);
  const whole = encodeDocumentMessage({ kind: 'update', update: new Uint8Array(50).fill(7), userId: 'u' });
  assert.equal(decodeDocumentMessage(whole.subarray(0, 10)), null);
  assert.equal(decodeDocumentMessage(new Uint8Array([])), null);
});
