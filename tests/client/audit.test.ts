import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuditEntry } from '../../client/api/audit-records.ts';
import { auditActionKey } from '../../client/audit/actions.ts';
import { AUDIT_ACTIONS } from '../../server/audit/schemas.ts';
import { describeDetails, type DetailNames } from '../../client/audit/details.ts';
import { formatMessage, LOCALES } from '../../client/i18n/messages.ts';

/** Every `.record('<action>'` the server's code makes, found by reading its sources. */
function actionsRecordedByServer(dir = 'server'): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...actionsRecordedByServer(path));
    else if (name.endsWith('.ts')) {
      const source = readFileSync(path, 'utf8');
      for (const match of source.matchAll(/\.record\(\s*(?:'([a-z_.]+)'|[^,]*\?\s*'([a-z_.]+)'\s*:\s*'([a-z_.]+)')/g)) {
        found.push(...match.slice(1).filter((value): value is string => value !== undefined));
      }
    }
  }
  return found;
}

test('every action the server records is in the shared list the client labels', () => {
  const recorded = new Set(actionsRecordedByServer());
  assert.ok(recorded.size >= 10, `found ${recorded.size} recorded actions`);
  for (const action of recorded) assert.ok((AUDIT_ACTIONS as readonly string[]).includes(action), action);
});

test('every audit action has a distinct label in both languages; unknown actions have none', () => {
  for (const locale of LOCALES) {
    const labels = AUDIT_ACTIONS.map((action) => {
      const key = auditActionKey(action);
      assert.ok(key !== null, action);
      const label = formatMessage(locale, key);
      assert.ok(label.length > 0 && !label.includes('audit.'), `${locale} ${action}`);
      return label;
    });
    assert.equal(new Set(labels).size, labels.length, `${locale}: labels are distinct`);
  }
  assert.equal(formatMessage('vi', 'audit.action.document.access_changed'), 'Thay đổi quyền truy cập');
  assert.equal(auditActionKey('document.exploded'), null);
  assert.equal(auditActionKey('toString'), null);
});

const names: DetailNames = {
  userName: (id) => ({ u1: 'Nguyễn Thị Biên', u2: 'Trần Văn Quan' })[id] ?? null,
  organizationName: (id) => ({ 'bo-y-te': 'Bộ Y tế' })[id] ?? null,
  time: (iso) => `T(${iso})`,
};

test('details: ids become names, roles are translated, bookkeeping and nulls are left out', () => {
  assert.deepEqual(describeDetails({ members: 'u1,u9', organizations: 'bo-y-te' }, names), [
    { label: { key: 'audit.detail.members' }, value: { text: 'Nguyễn Thị Biên, u9' } },
    { label: { key: 'audit.detail.organizations' }, value: { text: 'Bộ Y tế' } },
  ]);
  assert.deepEqual(describeDetails({ members: '', organizations: '' }, names).map((line) => line.value), [
    { key: 'audit.detail.none' },
    { key: 'audit.detail.none' },
  ]);
  assert.deepEqual(describeDetails({ userId: 'u2', username: 'quan', role: 'observer' }, names), [
    { label: { key: 'audit.detail.user' }, value: { text: 'quan' } },
    { label: { key: 'audit.detail.role' }, value: { key: 'role.observer' } },
  ]);
  assert.deepEqual(describeDetails({ userId: 'u2' }, names), [{ label: { key: 'audit.detail.user' }, value: { text: 'Trần Văn Quan' } }]);
  assert.deepEqual(describeDetails({ updates: 12, window: 'end', since: '2025-01-01T00:00:00Z', templateId: null }, names), [
    { label: { key: 'audit.detail.updates' }, value: { text: '12' } },
    { label: { key: 'audit.detail.since' }, value: { text: 'T(2025-01-01T00:00:00Z)' } },
  ]);
  assert.deepEqual(describeDetails({ organizationId: 'bo-y-te', name: 'Bộ Y tế' }, names), [
    { label: { key: 'audit.detail.organization' }, value: { text: 'Bộ Y tế' } },
  ]);
  assert.deepEqual(describeDetails({ surprise: true }, names), [{ label: { raw: 'surprise' }, value: { key: 'audit.detail.yes' } }]);
});

test('audit entries are narrowed; nested detail values are dropped', () => {
  const entry = parseAuditEntry({
    id: 'a1',
    at: '2025-01-01T00:00:00.000Z',
    action: 'document.edited',
    actor: { id: 'u1', displayName: 'An' },
    documentId: 'd1',
    details: { updates: 3, nested: { x: 1 } },
  });
  assert.deepEqual(entry.details, { updates: 3 });
  assert.equal(parseAuditEntry({ ...entry, actor: null }).actor, null);
  assert.throws(() => parseAuditEntry({ ...entry, at: 5 }), TypeError);
});

test('details of decisions, set-asides and exports: statuses, reasons and visibility translated, threads by short reference, ids of named things hidden', () => {
  assert.deepEqual(describeDetails({ threadId: 'Ab3xYz0123456789', organizationId: 'bo-y-te', previousStatus: 'open', status: 'partially_accepted', explanation: 'Một phần.', explanationChanged: true }, names), [
    { label: { key: 'audit.detail.thread' }, value: { text: '#Ab3xYz' } },
    { label: { key: 'audit.detail.organization' }, value: { text: 'Bộ Y tế' } },
    { label: { key: 'audit.detail.previousStatus' }, value: { key: 'comments.status.open' } },
    { label: { key: 'audit.detail.status' }, value: { key: 'comments.status.partially_accepted' } },
    { label: { key: 'audit.detail.explanation' }, value: { text: 'Một phần.' } },
  ]);
  assert.deepEqual(describeDetails({ threadId: 'T1', reason: 'duplicate', duplicateOf: 'Zz9yXw0000', note: '' }, names).slice(1, 3), [
    { label: { key: 'audit.detail.reason' }, value: { key: 'comments.setAside.reason.duplicate' } },
    { label: { key: 'audit.detail.duplicateOf' }, value: { text: '#Zz9yXw' } },
  ]);
  assert.deepEqual(describeDetails({ visibility: 'all_participants', previousVisibility: 'own_organization' }, names).map((line) => line.value), [
    { key: 'audit.visibility.all_participants' },
    { key: 'audit.visibility.own_organization' },
  ]);
  assert.deepEqual(describeDetails({ revisionId: 'r1', revisionName: 'Dự thảo lần 2', format: 'docx', fromRef: 'r1', toRef: 'current', noComments: false }, names), [
    { label: { key: 'audit.detail.revisionName' }, value: { text: 'Dự thảo lần 2' } },
    { label: { key: 'audit.detail.format' }, value: { text: 'docx' } },
    { label: { key: 'audit.detail.noComments' }, value: { key: 'audit.detail.no' } },
  ]);
});
