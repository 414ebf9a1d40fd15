import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrfHeaders, readCookie } from '../../client/api/csrf.ts';
import { parseDocumentAccess, parseMe, parseOrganization } from '../../client/api/account-records.ts';
import { parseUser } from '../../client/api/records.ts';
import { isValidUsername, newPasswordProblem } from '../../client/account/password-rules.ts';
import { canBeDocumentMember, canEditText, canManageDocuments, isSecretariat, needsOrganization, roleLabelKey, ROLES } from '../../client/account/roles.ts';
import { DEFAULT_TERMS, formatMessage } from '../../client/i18n/messages.ts';
import { errorMessageKey } from '../../client/ui/error-message.ts';

test('CSRF: the cookie value is read from a cookie string, percent-decoded', () => {
  const cookies = 'draftroom_session=abc; draftroom_csrf=tok%2Ben-1; other=x=y';
  assert.equal(readCookie(cookies, 'draftroom_csrf'), 'tok+en-1');
  assert.equal(readCookie(cookies, 'other'), 'x=y');
  assert.equal(readCookie(cookies, 'missing'), null);
  assert.equal(readCookie('', 'draftroom_csrf'), null);
  assert.equal(readCookie('xdraftroom_csrf=1', 'draftroom_csrf'), null);
  assert.equal(readCookie('draftroom_csrf=%E0%A4%A', 'draftroom_csrf'), '%E0%A4%A');
});

test('CSRF: unsafe methods carry x-csrf-token, safe ones and cookie-less pages do not', () => {
  const cookies = 'draftroom_csrf=secret-token';
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'patch']) {
    assert.deepEqual(csrfHeaders(method, cookies), { 'x-csrf-token': 'secret-token' }, method);
  }
  for (const method of ['GET', 'HEAD', 'OPTIONS']) assert.deepEqual(csrfHeaders(method, cookies), {}, method);
  assert.deepEqual(csrfHeaders('POST', 'draftroom_session=abc'), {});
  assert.deepEqual(csrfHeaders('POST', 'draftroom_csrf='), {});
});

test('roles: Vietnamese and English names, and what each may do', () => {
  const vi = ROLES.map((role) => formatMessage('vi', roleLabelKey(role), DEFAULT_TERMS));
  assert.deepEqual(vi, ['Ban thư ký', 'Thành viên Tổ biên soạn', 'Cán bộ bộ, ngành', 'Quan sát viên']);
  const en = ROLES.map((role) => formatMessage('en', roleLabelKey(role)));
  assert.deepEqual(en, ['Secretariat', 'Drafting committee member', 'Ministry officer', 'Observer']);
  assert.deepEqual(ROLES.filter(canEditText), ['secretariat', 'editor']);
  assert.deepEqual(ROLES.filter(canManageDocuments), ['secretariat', 'editor']);
  assert.deepEqual(ROLES.filter(isSecretariat), ['secretariat']);
  assert.deepEqual(ROLES.filter(needsOrganization), ['ministry']);
  assert.deepEqual(ROLES.filter(canBeDocumentMember), ['editor', 'observer']);
});

test('password and username rules match the server', () => {
  assert.equal(newPasswordProblem('1234567'), 'password.tooShort');
  assert.equal(newPasswordProblem('12345678'), null);
  assert.equal(newPasswordProblem('mật khẩu'), null, '8 code points, accents included');
  assert.equal(newPasswordProblem('12345678', '12345679'), 'password.mismatch');
  assert.equal(newPasswordProblem('short', 'other'), 'password.tooShort', 'length is reported first');
  assert.equal(newPasswordProblem('đủ dài rồi', 'đủ dài rồi'), null);
  for (const ok of ['an', 'nguyen.van-a_1', '0admin']) assert.ok(isValidUsername(ok), ok);
  for (const bad of ['a', 'An', '.an', 'nguyễn', 'a b', 'x'.repeat(65)]) assert.ok(!isValidUsername(bad), bad);
  assert.equal(formatMessage('vi', 'password.tooShort', { min: 8 }), 'Mật khẩu phải có ít nhất 8 ký tự.');
});

test('error codes of the accounts API get their own translated messages', () => {
  assert.equal(errorMessageKey(409, 'ERR_USERNAME_TAKEN'), 'error.usernameTaken');
  assert.equal(errorMessageKey(409, 'ERR_LAST_SECRETARIAT'), 'error.lastSecretariat');
  assert.equal(errorMessageKey(403, 'ERR_CSRF'), 'error.csrf');
  assert.equal(errorMessageKey(403, 'ERR_FORBIDDEN'), 'error.forbidden');
  assert.equal(errorMessageKey(400, 'ERR_VALIDATION'), 'error.validation');
  assert.equal(errorMessageKey(401, 'ERR_INVALID_CREDENTIALS'), 'login.invalid');
  assert.equal(errorMessageKey(0, 'ERR_NETWORK'), 'error.network');
  assert.equal(errorMessageKey(500, 'ERR_INTERNAL'), 'error.generic');
  assert.equal(errorMessageKey(500, 'toString'), 'error.generic', 'no prototype keys');
});

test('account records are narrowed strictly', () => {
  const user = { id: 'u1', username: 'an', displayName: 'Đặng An', role: 'ministry', organizationId: 'bo-y-te', email: null, disabled: false, createdAt: '2025-01-01T00:00:00.000Z' };
  const organization = { id: 'bo-y-te', name: 'Bộ Y tế', shortName: 'BYT', kind: 'ministry' };
  assert.deepEqual(parseUser(user), user);
  assert.deepEqual(parseMe({ user, organization }), { user, organization });
  assert.deepEqual(parseMe({ user: { ...user, organizationId: null }, organization: null }).organization, null);
  assert.deepEqual(parseMe(user).user, user, 'a bare user is accepted');
  assert.throws(() => parseUser({ ...user, role: 'admin' }), TypeError);
  assert.equal(parseOrganization({ ...organization, kind: 'strange' }).kind, 'other');
  assert.throws(() => parseOrganization({ ...organization, name: 3 }), TypeError);
  assert.deepEqual(parseDocumentAccess({ members: ['u1'], organizations: ['bo-y-te'] }), { members: ['u1'], organizations: ['bo-y-te'] });
  assert.throws(() => parseDocumentAccess({ members: [1], organizations: [] }), TypeError);
});
