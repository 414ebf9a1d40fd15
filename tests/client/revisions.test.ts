import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRevision, parseRevisionContent, type Revision } from '../../client/api/revision-records.ts';
import { defaultComparePair, formatKilobytes, groupRevisions, reasonKey } from '../../client/revisions/grouping.ts';
import { reasonText, revisionLabel, storedSize } from '../../client/revisions/labels.ts';
import { formatMessage } from '../../client/i18n/messages.ts';

let counter = 0;
/** A revision as the API presents it, with `overrides`. */
function buildRevision(overrides: Partial<Revision> = {}): Revision {
  counter += 1;
  return {
    id: `r${counter}`,
    documentId: 'd1',
    kind: 'named',
    name: `Dự thảo lần ${counter}`,
    note: '',
    reason: 'named',
    createdBy: { id: 'u1', displayName: 'Quản trị viên' },
    createdAt: '2025-05-20T02:05:03.000Z',
    stateBytes: 4096,
    storedBytes: 1536,
    restoredFrom: null,
    threadCount: 0,
    ...overrides,
  };
}

test('revisions are narrowed strictly; content keeps its JSON', () => {
  const revision = buildRevision();
  assert.deepEqual(parseRevision(JSON.parse(JSON.stringify(revision))), revision);
  assert.throws(() => parseRevision({ ...revision, kind: 'draft' }), TypeError);
  assert.throws(() => parseRevision({ ...revision, stateBytes: '12' }), TypeError);
  assert.equal(parseRevision({ ...revision, createdBy: null }).createdBy, null);
  const content = parseRevisionContent({ revision, content: { type: 'doc', content: [] } });
  assert.deepEqual(content.content, { type: 'doc', content: [] });
  assert.throws(() => parseRevisionContent({ revision, content: { content: [] } }), TypeError);
});

test('named revisions apart from checkpoints, newest first as given', () => {
  const named2 = buildRevision({ name: 'Dự thảo lần 2' });
  const idle = buildRevision({ kind: 'checkpoint', reason: 'idle', createdBy: null });
  const named1 = buildRevision({ name: 'Dự thảo lần 1' });
  const before = buildRevision({ kind: 'checkpoint', reason: 'before_restore' });
  const grouped = groupRevisions([named2, idle, named1, before]);
  assert.deepEqual(grouped.named.map((r) => r.name), ['Dự thảo lần 2', 'Dự thảo lần 1']);
  assert.deepEqual(grouped.checkpoints.map((r) => r.reason), ['idle', 'before_restore']);
  assert.deepEqual(defaultComparePair([idle, named2, named1]), { from: named2.id, to: 'current' });
  assert.deepEqual(defaultComparePair([idle]), { from: idle.id, to: 'current' });
  assert.deepEqual(defaultComparePair([]), { from: 'current', to: 'current' });
});

test('checkpoint reasons are translated, unknown ones shown raw; labels and sizes', () => {
  for (const reason of ['idle', 'last_editor_left', 'before_restore', 'after_restore', 'named']) assert.ok(reasonKey(reason), reason);
  assert.equal(reasonKey('toString'), null);
  assert.equal(reasonKey('later_reason'), null);
  const checkpoint = buildRevision({ kind: 'checkpoint', reason: 'last_editor_left' });
  assert.equal(reasonText(checkpoint), 'Khi người soạn thảo cuối cùng rời đi');
  assert.equal(reasonText(buildRevision({ kind: 'checkpoint', reason: 'later_reason' })), 'later_reason');
  assert.match(revisionLabel(checkpoint), /^Khi người soạn thảo cuối cùng rời đi — \d\d:\d\d, \d\d\/05\/2025$/);
  assert.equal(revisionLabel(buildRevision({ name: 'Dự thảo lần 2' })), 'Dự thảo lần 2');
  assert.equal(formatKilobytes(1536, 'vi'), '1,5');
  assert.equal(formatKilobytes(1536, 'en'), '1.5');
  assert.equal(formatKilobytes(10, 'vi'), '0,1');
  assert.equal(formatKilobytes(0, 'en'), '0');
  assert.equal(formatKilobytes(2_097_152, 'en'), '2,048');
  assert.equal(storedSize(buildRevision({ storedBytes: 3 * 1024 })), '3 KB');
  assert.equal(formatMessage('vi', 'revisions.restoreConfirm', { name: 'Dự thảo lần 1' }).startsWith('Khôi phục “Dự thảo lần 1”?'), true);
});
