import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDayMonthYear } from '../../client/ui/date-input.ts';

test('dates are read day first, whatever the browser language', () => {
  assert.equal(parseDayMonthYear('02/12/2026'), '2026-12-02');
  assert.equal(parseDayMonthYear(' 2/3/2026 '), '2026-03-02');
  assert.equal(parseDayMonthYear('2-3-2026'), '2026-03-02');
  assert.equal(parseDayMonthYear('29.02.2028'), '2028-02-29');
});

test('what is not a real date reads as empty', () => {
  for (const text of ['', '31/02/2026', '29/02/2026', '12/13/2026', '2026-12-02', '02/12/26', 'hôm nay', '1/1/2026x']) {
    assert.equal(parseDayMonthYear(text), '', text);
  }
});
