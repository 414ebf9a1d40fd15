import { login } from '../api/endpoints.ts';
import { nextPathAfterLogin } from '../api/return-path.ts';
import { formatTimeOfDay } from '../../document-model/date-time.ts';
import { ApiError } from '../api/http.ts';
import { h } from '../ui/dom.ts';
import { errorMessage } from '../ui/error-message.ts';
import { renderHeader } from '../ui/header.ts';
import { t } from '../i18n/index.ts';

/**
 * The sign-in page. Its form has inputs named `username` and `password` (a public
 * interface). On success the server has set the session cookie and we go to `/`;
 * failures show a translated message in an `role="alert"` region.
 */
export function renderLoginPage(root: HTMLElement): void {
  const username = h('input', {
    attrs: { name: 'username', id: 'login-username', autocomplete: 'username', required: '', autofocus: '' },
  });
  const password = h('input', {
    attrs: { name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: '' },
  });
  const message = h('p', { className: 'form-error', attrs: { role: 'alert', 'aria-live': 'assertive' } });
  const submit = h('button', { className: 'button button--primary', i18n: 'login.submit', attrs: { type: 'submit' } });

  const form = h('form', { className: 'login-form card', attrs: { method: 'post', action: '/login' } }, [
    h('h1', { i18n: 'login.title' }),
    h('label', { className: 'field', attrs: { for: 'login-username' } }, [h('span', { i18n: 'login.username' }), username]),
    h('label', { className: 'field', attrs: { for: 'login-password' } }, [h('span', { i18n: 'login.password' }), password]),
    message,
    submit,
  ]);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    submit.disabled = true;
    submit.textContent = t('login.submitting');
    login(username.value.normalize('NFC').trim(), password.value)
      .then(() => location.assign(nextPathAfterLogin(location.search)))
      .catch((error: unknown) => {
        message.textContent = loginFailureMessage(error);
        submit.disabled = false;
        submit.textContent = t('login.submit');
        password.select();
      });
  });

  root.replaceChildren(renderHeader(null), h('main', { className: 'page page--narrow' }, [form]));
}

/**
 * What to tell someone whose sign-in failed: a locked account (429) says when to retry, in
 * minutes and as a local time, from the server's `Retry-After`; a busy server (503) asks for
 * a retry in a few seconds; anything else is the usual translated error.
 */
export function loginFailureMessage(error: unknown, now = Date.now()): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  if (error.status === 503 && error.code === 'ERR_BUSY') return t('login.busy');
  if (error.status !== 429) return errorMessage(error);
  if (error.retryAfterSeconds === null) return t('login.rateLimited');
  const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
  const time = formatTimeOfDay(new Date(now + error.retryAfterSeconds * 1000));
  return t('login.lockedUntil', { minutes, time });
}
