import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReviewFilters, parseRoute, reviewFilteredPath, roundPath, roundsPath } from '../../client/router.ts';

test('round pages route, and the review desk filters a dashboard links to survive the query string', () => {
  assert.deepEqual(parseRoute('/documents/d1/rounds'), { name: 'rounds', documentId: 'd1' });
  assert.deepEqual(parseRoute('/documents/d1/rounds/'), { name: 'rounds', documentId: 'd1' });
  assert.deepEqual(parseRoute('/documents/d1/rounds/r%201'), { name: 'round', documentId: 'd1', roundId: 'r 1' });
  assert.deepEqual(parseRoute('/documents/d1/rounds/%E0%A4%A'), { name: 'not-found' });
  assert.deepEqual(parseRoute('/documents/d1/rounds/r1/x'), { name: 'not-found' });
  assert.equal(roundsPath('a b'), '/documents/a%20b/rounds');
  assert.equal(roundPath('d', 'r/1'), '/documents/d/rounds/r%2F1');

  assert.equal(reviewFilteredPath('d', {}), '/documents/d/review');
  const path = reviewFilteredPath('d', { round: 'r1', organization: 'bo-y-te', section: 'h 2', status: 'accepted' });
  assert.equal(path, '/documents/d/review?round=r1&organization=bo-y-te&section=h+2&status=accepted');
  assert.deepEqual(parseReviewFilters(path.slice(path.indexOf('?'))), { round: 'r1', organization: 'bo-y-te', section: 'h 2', status: 'accepted' });
  assert.deepEqual(parseReviewFilters('?round=&status=%20'), {});
});
