import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badgeText, bellLabel } from '../../client/notifications/bell.ts';
import { kindLabelKey } from '../../client/notifications/preferences-form.ts';
import { setLocale, t } from '../../client/i18n/index.ts';
import { NOTIFICATION_KINDS } from '../../server/storage/notification-records.ts';

test('the bell says how many are unread, in words and on its badge', () => {
  setLocale('vi');
  assert.equal(bellLabel(0), 'Thông báo');
  assert.equal(bellLabel(3), 'Thông báo: 3 chưa đọc');
  assert.equal(badgeText(0), '');
  assert.equal(badgeText(7), '7');
  assert.equal(badgeText(100), '99+');
  setLocale('en');
  assert.equal(bellLabel(2), 'Notifications: 2 unread');
  setLocale('vi');
});

test('every kind of notification has a name in both languages, Vietnamese in NFC', () => {
  for (const locale of ['vi', 'en'] as const) {
    setLocale(locale);
    const names = NOTIFICATION_KINDS.map((kind) => t(kindLabelKey(kind)));
    assert.equal(new Set(names).size, NOTIFICATION_KINDS.length, locale);
    for (const name of names) assert.equal(name, name.normalize('NFC'));
  }
  setLocale('vi');
});
