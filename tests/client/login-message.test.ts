import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../client/api/http.ts';
import { loginFailureMessage } from '../../client/pages/login-page.ts';

test('a locked sign-in says when to retry, from Retry-After; a busy server asks for a few seconds', () => {
  const locked = loginFailureMessage(new ApiError(429, 'ERR_TOO_MANY_ATTEMPTS', 'Too many', 600), Date.UTC(2026, 0, 1, 8, 0));
  assert.match(locked, /10/, locked);
  assert.match(locked, /\d{2}:\d{2}/, 'a clock time');
  assert.notEqual(loginFailureMessage(new ApiError(503, 'ERR_BUSY', 'busy', 2)), locked);
  assert.ok(loginFailureMessage(new ApiError(429, 'ERR_TOO_MANY_ATTEMPTS', 'Too many')).length > 0, 'without Retry-After: the generic text');
});
