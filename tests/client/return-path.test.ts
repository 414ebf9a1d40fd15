import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginPathFor, nextPathAfterLogin } from '../../client/api/return-path.ts';

test('the login page remembers the page the session ended on', () => {
  assert.equal(loginPathFor({ pathname: '/documents/abc', search: '?view=1', hash: '#t-2' }), '/login?next=%2Fdocuments%2Fabc%3Fview%3D1%23t-2');
  assert.equal(loginPathFor({ pathname: '/', search: '', hash: '' }), '/login');
  assert.equal(loginPathFor({ pathname: '/login', search: '?next=%2Fx', hash: '' }), '/login');
});

test('after signing in it returns there, and only to pages of this site', () => {
  assert.equal(nextPathAfterLogin('?next=%2Fdocuments%2Fabc%3Fview%3D1%23t-2'), '/documents/abc?view=1#t-2');
  assert.equal(nextPathAfterLogin(''), '/');
  for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login', '\t/x', '/\n/evil']) {
    assert.equal(nextPathAfterLogin(`?next=${encodeURIComponent(next)}`), '/', next);
  }
  // An encoded newline stays a harmless path of this site.
  assert.equal(nextPathAfterLogin(`?next=${encodeURIComponent('/%0a//evil')}`), '/%0a//evil');
});
