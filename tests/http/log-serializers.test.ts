import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl } from '../../server/http/log-serializers.ts';

test('session tokens in URLs never reach the logs', () => {
  assert.equal(redactUrl('/collab/abc?token=SECRET'), '/collab/abc?token=[redacted]');
  assert.equal(redactUrl('/collab/abc?x=1&token=SECRET&y=2'), '/collab/abc?x=1&token=[redacted]&y=2');
  assert.equal(redactUrl('/collab/abc?TOKEN=SECRET'), '/collab/abc?TOKEN=[redacted]');
  assert.equal(redactUrl('/api/documents?archived=true'), '/api/documents?archived=true');
});
