import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReviewThread } from '../../client/api/review-endpoints.ts';
import { deskKeyAction, filterRows, NO_DESK_FILTER, sortRows, toRow, upsertRow, DRAFTING_GROUP } from '../../client/review/desk-model.ts';
import { sectionPaths } from '../../document-model/section-paths.ts';

const BYT = { id: 'bo-y-te', name: 'Bộ Y tế', shortName: 'BYT' };
const BTC = { id: 'bo-tai-chinh', name: 'Bộ Tài chính', shortName: 'BTC' };
const person = { id: 'u1', displayName: 'Phạm Văn Y' };

/** A thread as the API sends it to the desk, with `overrides`. */
function buildThread(overrides: Partial<ReviewThread> & { id: string }): ReviewThread {
  return {
    documentId: 'd1',
    organization: BYT,
    author: person,
    source: 'inline',
    anchor: null,
    sectionBlockId: null,
    position: { status: 'active', text: 'đoạn', blockId: 'b1', sectionId: 's2', sectionNumber: '1.', sectionTitle: 'Thực trạng', order: 1_000_000 },
    revisionId: null,
    submissionId: null,
    roundId: null,
    draft: false,
    meeting: null,
    status: 'open',
    explanation: null,
    decidedBy: null,
    decidedAt: null,
    history: [{ status: 'open', explanation: null, by: person, at: '2026-11-20T02:00:00.000Z' }],
    setAside: null,
    anchorHistory: [],
    comments: [{ id: 'c1', author: person, body: 'Góp ý', createdAt: '2026-11-20T02:00:00.000Z' }],
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    version: 1,
    proposal: null,
    ...overrides,
  };
}

test('section paths keep sections with the same number and title in different parts apart', () => {
  const headings = [
    { pos: 0, level: 1, number: 'Phần I', text: 'BỐI CẢNH', id: 'p1' },
    { pos: 1, level: 2, number: '1.', text: 'Thực trạng', id: 's1' },
    { pos: 2, level: 1, number: 'Phần II', text: 'GIẢI PHÁP', id: 'p2' },
    { pos: 3, level: 2, number: '1.', text: 'Thực trạng', id: 's2' },
    { pos: 4, level: 3, number: '1.1.', text: 'Nguồn lực', id: 's3' },
    { pos: 5, level: 2, number: '2.', text: 'Không id', id: null },
  ];
  const paths = new Map(sectionPaths(headings).map((section) => [section.id, section.path.join(' › ')]));
  assert.equal(paths.get('s1'), 'Phần I › 1. Thực trạng');
  assert.equal(paths.get('s2'), 'Phần II › 1. Thực trạng');
  assert.equal(paths.get('s3'), 'Phần II › 1. Thực trạng › 1.1. Nguồn lực');
  assert.equal(paths.size, 5, 'a heading without an id has no path entry');
});

test('rows: full section path, filters by status, organisation, section and every typed word, sorting', () => {
  const paths = new Map([['s2', ['Phần II', '1. Thực trạng']]]);
  const rows = [
    buildThread({ id: 'a', comments: [{ id: 'c', author: person, body: 'Bổ sung DỊCH BỆNH truyền nhiễm', createdAt: '2026-11-20T02:00:00.000Z' }], position: { status: 'active', text: 'x', blockId: null, sectionId: 's2', sectionNumber: '1.', sectionTitle: 'Thực trạng', order: 3 } }),
    buildThread({ id: 'b', organization: BTC, status: 'accepted', updatedAt: '2026-11-22T00:00:00.000Z', position: { status: 'active', text: 'y', blockId: null, sectionId: 's9', sectionNumber: '2.', sectionTitle: 'Giải pháp', order: 1 } }),
    buildThread({ id: 'c', organization: null, explanation: 'Đã tiếp thu kinh phí', status: 'not_accepted', position: { status: 'active', text: 'z', blockId: null, sectionId: 's2', sectionNumber: '1.', sectionTitle: 'Thực trạng', order: 2 } }),
  ].map((thread) => toRow(thread, paths));
  assert.equal(rows[0]?.sectionPath, 'Phần II › 1. Thực trạng');
  assert.equal(rows[1]?.sectionPath, '2. Giải pháp', 'a section the outline lacks falls back to number and title');
  assert.equal(rows[2]?.organizationKey, DRAFTING_GROUP);
  const ids = (filtered: ReturnType<typeof filterRows>): string[] => filtered.map((row) => row.thread.id);
  assert.deepEqual(ids(filterRows(rows, { ...NO_DESK_FILTER, status: 'accepted' })), ['b']);
  assert.deepEqual(ids(filterRows(rows, { ...NO_DESK_FILTER, organizationKey: 'bo-y-te' })), ['a']);
  assert.deepEqual(ids(filterRows(rows, { ...NO_DESK_FILTER, sectionId: 's2' })), ['a', 'c']);
  assert.deepEqual(ids(filterRows(rows, { ...NO_DESK_FILTER, text: 'dịch  truyền' })), ['a'], 'every word, any case');
  assert.deepEqual(ids(filterRows(rows, { ...NO_DESK_FILTER, text: 'di\u0323ch' })), ['a'], 'NFD typing matches NFC text');
  assert.deepEqual(ids(filterRows(rows, { ...NO_DESK_FILTER, text: 'kinh phí' })), ['c'], 'explanations are searched');
  assert.deepEqual(ids(sortRows(rows, 'document')), ['b', 'c', 'a']);
  assert.deepEqual(ids(sortRows(rows, 'status')), ['a', 'b', 'c']);
  assert.deepEqual(ids(sortRows(rows, 'updated'))[0], 'b');
  const replaced = upsertRow(rows, toRow(buildThread({ id: 'a', status: 'accepted', version: 2 }), paths));
  assert.deepEqual(replaced.map((row) => [row.thread.id, row.thread.status]), [['a', 'accepted'], ['b', 'accepted'], ['c', 'not_accepted']]);
});

test('desk keys: moves, decisions, editing; while editing only Ctrl+Enter and Escape', () => {
  const key = (value: string, ctrl = false) => ({ key: value, ctrlKey: ctrl, metaKey: false, altKey: false });
  assert.deepEqual(deskKeyAction(key('j'), false), { kind: 'move', by: 1 });
  assert.deepEqual(deskKeyAction(key('ArrowUp'), false), { kind: 'move', by: -1 });
  assert.deepEqual(deskKeyAction(key('1'), false), { kind: 'decide', status: 'accepted' });
  assert.deepEqual(deskKeyAction(key('2'), false), { kind: 'decide', status: 'partially_accepted' });
  assert.deepEqual(deskKeyAction(key('3'), false), { kind: 'decide', status: 'not_accepted' });
  assert.deepEqual(deskKeyAction(key('Enter'), false), { kind: 'edit' });
  assert.deepEqual(deskKeyAction(key('Enter', true), true), { kind: 'save' });
  assert.deepEqual(deskKeyAction(key('Escape'), true), { kind: 'cancel' });
  assert.equal(deskKeyAction(key('1'), true), null, 'digits type into the explanation');
  assert.equal(deskKeyAction(key('j'), true), null);
  assert.equal(deskKeyAction(key('1', true), false), null, 'browser shortcuts stay the browser’s');
});
