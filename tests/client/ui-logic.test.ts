import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAction, connectionStatus } from '../../client/editor/connection-status.ts';
import { colorForUser, safeColor, USER_COLORS } from '../../client/editor/user-color.ts';
import { participantsFromStates } from '../../client/editor/presence.ts';
import { formatMessage, MESSAGES } from '../../client/i18n/messages.ts';
import { auditPath, comparePath, parseCompareRefs, parseRoute, revisionPath, revisionsPath } from '../../client/router.ts';
import { parseDocument, parseTemplate } from '../../client/api/records.ts';

test('connection status: offline wins, online needs connected and synced', () => {
  assert.equal(connectionStatus({ browserOnline: false, provider: 'connected', synced: true }), 'offline');
  assert.equal(connectionStatus({ browserOnline: true, provider: 'disconnected', synced: false }), 'offline');
  assert.equal(connectionStatus({ browserOnline: true, provider: 'connecting', synced: false }), 'reconnecting');
  assert.equal(connectionStatus({ browserOnline: true, provider: 'connected', synced: false }), 'reconnecting');
  assert.equal(connectionStatus({ browserOnline: true, provider: 'connected', synced: true }), 'online');
});

test('user colours are stable per user, from the palette, 6-digit hex', () => {
  assert.equal(colorForUser('u1'), colorForUser('u1'));
  for (const id of ['a', 'b', 'c', 'admin', 'người dùng']) {
    assert.ok(USER_COLORS.includes(colorForUser(id)));
    assert.match(colorForUser(id), /^#[0-9a-f]{6}$/);
  }
  assert.equal(safeColor('red; background: url(x)'), '#5f6b7a');
});

test('presence: local first, others by Vietnamese name order, junk states ignored', () => {
  const states = new Map<number, unknown>([
    [3, { user: { name: 'Trần Bình', color: '#1f5fbf' } }],
    [1, { user: { name: 'Đặng An', color: 'javascript:alert(1)' } }],
    [2, { user: { name: 'Lê Chi', color: '#b3261e' } }],
    [4, { cursor: null }],
    [5, null],
    [6, { user: { name: 'Lê Chi', color: '#b3261e' } }],
  ]);
  const list = participantsFromStates(states, 2);
  assert.deepEqual(list.map((x) => x.name), ['Lê Chi', 'Đặng An', 'Trần Bình']);
  assert.equal(list[0]?.isLocal, true);
  assert.equal(list[1]?.color, '#5f6b7a');
});

test('both languages define the same keys, with non-empty strings and the same placeholders (the organisation\'s Vietnamese names aside)', () => {
  // The names of the drafting body and the secretariat are Vietnamese settings; English says "secretariat".
  const TERMS = new Set(['{draftingBody}', '{secretariat}']);
  const keys = Object.keys(MESSAGES.vi).sort();
  assert.deepEqual(Object.keys(MESSAGES.en).sort(), keys);
  for (const key of keys) {
    const vi = MESSAGES.vi[key as keyof typeof MESSAGES.vi];
    const en = MESSAGES.en[key as keyof typeof MESSAGES.en];
    assert.ok(vi.length > 0 && en.length > 0, key);
    assert.deepEqual((vi.match(/\{\w+\}/g) ?? []).filter((name) => !TERMS.has(name)), en.match(/\{\w+\}/g) ?? [], key);
    assert.ok(isNfcString(vi), `${key} is NFC`);
  }
  assert.equal(formatMessage('vi', 'editor.you', { name: 'An' }), 'An (bạn)');
  assert.equal(formatMessage('vi', 'login.title'), 'Đăng nhập');
});

function isNfcString(text: string): boolean {
  return text === text.normalize('NFC');
}

test('routes: /login, /, /account, /admin, /documents/:id and its audit, revisions, revision and compare pages, else not found', () => {
  assert.deepEqual(parseRoute('/login'), { name: 'login' });
  assert.deepEqual(parseRoute('/'), { name: 'documents' });
  assert.deepEqual(parseRoute('/documents'), { name: 'documents' });
  assert.deepEqual(parseRoute('/account'), { name: 'account' });
  assert.deepEqual(parseRoute('/admin/'), { name: 'admin' });
  assert.deepEqual(parseRoute('/documents/abc%20d'), { name: 'editor', documentId: 'abc d' });
  assert.deepEqual(parseRoute('/documents/abc%20d/audit'), { name: 'audit', documentId: 'abc d' });
  assert.deepEqual(parseRoute('/documents/abc/audit/'), { name: 'audit', documentId: 'abc' });
  assert.deepEqual(parseRoute('/documents/%E0%A4%A'), { name: 'not-found' });
  assert.deepEqual(parseRoute('/documents/abc/other'), { name: 'not-found' });
  assert.deepEqual(parseRoute('/administrator'), { name: 'not-found' });
  assert.equal(auditPath('a b'), '/documents/a%20b/audit');
  assert.deepEqual(parseRoute('/documents/d1/revisions'), { name: 'revisions', documentId: 'd1' });
  assert.deepEqual(parseRoute('/documents/d1/revisions/'), { name: 'revisions', documentId: 'd1' });
  assert.deepEqual(parseRoute('/documents/d1/revisions/r%201'), { name: 'revision', documentId: 'd1', revisionId: 'r 1' });
  assert.deepEqual(parseRoute('/documents/d1/revisions/%E0%A4%A'), { name: 'not-found' });
  assert.deepEqual(parseRoute('/documents/d1/compare'), { name: 'compare', documentId: 'd1' });
  assert.deepEqual(parseRoute('/documents/d1/audit/x'), { name: 'not-found' });
  assert.deepEqual(parseRoute('/documents/d1/compare/x'), { name: 'not-found' });
  assert.deepEqual(parseRoute('/documents/d1/revisions/r1/x'), { name: 'not-found' });
  assert.equal(revisionsPath('a b'), '/documents/a%20b/revisions');
  assert.equal(revisionPath('d', 'r/1'), '/documents/d/revisions/r%2F1');
  assert.equal(comparePath('d', 'r1', 'current'), '/documents/d/compare?from=r1&to=current');
  assert.deepEqual(parseCompareRefs('?from=r1&to=r2'), { from: 'r1', to: 'r2' });
  assert.deepEqual(parseCompareRefs('?from=r1'), { from: 'r1', to: 'current' });
  assert.deepEqual(parseCompareRefs(''), { from: 'current', to: 'current' });
});

test('API records are narrowed strictly', () => {
  const record = { id: 'd1', title: 'Chiến lược', templateId: null, archived: false, createdAt: 'x', updatedAt: 'y', createdBy: 'u' };
  assert.deepEqual(parseDocument(record), record);
  assert.throws(() => parseDocument({ ...record, id: 5 }), TypeError);
  assert.deepEqual(parseTemplate({ id: 't', title: { vi: 'Mẫu', en: 'Template' }, description: { vi: 'a', en: 'b' } }).title, { vi: 'Mẫu', en: 'Template' });
});

test('socket close codes: 4401 signs in again, 1006 asks why, 4403/4404 stop, 4509 reloads, the rest (4529 included) retries', () => {
  assert.equal(closeAction(4401), 'sign-in');
  assert.equal(closeAction(1006), 'check-access');
  assert.equal(closeAction(undefined), 'check-access');
  assert.equal(closeAction(4403), 'stop-forbidden');
  assert.equal(closeAction(4404), 'stop-not-found');
  assert.equal(closeAction(4509), 'reload');
  assert.equal(closeAction(1001), 'retry');
  assert.equal(closeAction(4529), 'retry');
  assert.equal(closeAction(4500), 'retry');
  assert.equal(closeAction(4409), 'retry', 'the old code means nothing any more');
});
