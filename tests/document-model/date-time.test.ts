import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISPLAY_TIME_ZONE, formatDate, formatDateTime, formatTimeOfDay } from '../../document-model/date-time.ts';

test('one convention everywhere: "08:54, 02/12/2026", 24-hour, leading zeros, in the given zone', () => {
  assert.equal(formatDateTime('2026-12-02T01:54:00.000Z', DISPLAY_TIME_ZONE), '08:54, 02/12/2026');
  assert.equal(formatDateTime(new Date('2026-01-05T16:07:09.000Z'), DISPLAY_TIME_ZONE), '23:07, 05/01/2026');
  // Past midnight in Hà Nội while still the previous day in UTC.
  assert.equal(formatDateTime('2026-12-31T17:30:00.000Z', DISPLAY_TIME_ZONE), '00:30, 01/01/2027');
  assert.equal(formatDateTime('2026-12-31T17:30:00.000Z', 'UTC'), '17:30, 31/12/2026');
  assert.equal(formatTimeOfDay('2026-12-02T01:04:00.000Z', DISPLAY_TIME_ZONE), '08:04');
  assert.equal(formatDate('2026-12-02T01:04:00.000Z', DISPLAY_TIME_ZONE), '02/12/2026');
});

test('an unparsable value is returned as it is', () => {
  assert.equal(formatDateTime('hôm qua'), 'hôm qua');
  assert.equal(formatTimeOfDay('not a date'), 'not a date');
});

test('without a zone it uses the runtime\'s local time (the browser\'s), in the same shape', () => {
  assert.match(formatDateTime('2026-12-02T01:54:00.000Z'), /^\d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}$/);
});
