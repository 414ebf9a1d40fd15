import { changeOwnPassword, fetchMe } from '../api/endpoints.ts';
import type { Me } from '../api/account-records.ts';
import { ApiError } from '../api/http.ts';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../account/password-rules.ts';
import { roleLabelKey } from '../account/roles.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { errorMessage } from '../ui/error-message.ts';
import { field } from '../ui/field.ts';
import { renderHeader } from '../ui/header.ts';
import { renderPreferencesForm } from '../notifications/preferences-form.ts';

function profile(me: Me): HTMLElement {
  const row = (label: MessageKey, value: HTMLElement): HTMLElement[] => [h('dt', { i18n: label }), h('dd', {}, [value])];
  return h('section', { className: 'card account-profile' }, [
    h('h1', { i18n: 'account.title' }),
    h('dl', { className: 'facts' }, [
      ...row('account.username', h('span', { text: me.user.username })),
      ...row('account.displayName', h('span', { text: me.user.displayName })),
      ...row('account.role', h('span', { i18n: roleLabelKey(me.user.role) })),
      ...(me.organization ? row('account.organization', h('span', { text: me.organization.name })) : []),
      ...row('account.email', me.user.email === null ? h('span', { className: 'muted', i18n: 'account.noEmail' }) : h('span', { text: me.user.email })),
    ]),
  ]);
}

function passwordInput(name: string, autocomplete: string): HTMLInputElement {
  return h('input', { attrs: { name, id: `account-${name}`, type: 'password', autocomplete, required: '' } });
}

function passwordForm(): HTMLFormElement {
  const current = passwordInput('currentPassword', 'current-password');
  const next = passwordInput('newPassword', 'new-password');
  const repeat = passwordInput('repeatPassword', 'new-password');
  next.minLength = MIN_PASSWORD_LENGTH;
  const message = h('p', { className: 'form-error', attrs: { role: 'alert', 'aria-live': 'assertive' } });
  const done = h('p', { className: 'form-success', attrs: { role: 'status' } });
  const submit = h('button', { className: 'button button--primary', i18n: 'account.password.submit', attrs: { type: 'submit' } });
  const form = h('form', { className: 'card account-password', attrs: { novalidate: '' } }, [
    h('h2', { i18n: 'account.password.title' }),
    field('account.password.current', current),
    field('account.password.new', next),
    field('account.password.repeat', repeat),
    message,
    done,
    submit,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    done.textContent = '';
    const problem = newPasswordProblem(next.value, repeat.value);
    if (current.value === '' || problem !== null) {
      message.textContent = problem === null ? t('error.validation') : t(problem, { min: MIN_PASSWORD_LENGTH });
      (current.value === '' ? current : next).focus();
      return;
    }
    submit.disabled = true;
    changeOwnPassword(current.value, next.value)
      .then(() => {
        form.reset();
        done.textContent = t('account.password.done');
      })
      .catch((error: unknown) => {
        const wrongCurrent = error instanceof ApiError && error.code === 'ERR_INVALID_CREDENTIALS';
        message.textContent = wrongCurrent ? t('account.password.wrongCurrent') : errorMessage(error);
        if (wrongCurrent) current.select();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}

/**
 * `/account`: who the signed-in person is (username, name, role, organisation, e-mail), which
 * notifications they receive (see `notifications/preferences-form.ts`) and the form to change
 * their own password: current, new and repeated; the new one is checked
 * here (at least 8 characters, both entries equal) before the server checks it again.
 */
export async function renderAccountPage(root: HTMLElement): Promise<void> {
  const [me, preferences] = await Promise.all([fetchMe(), renderPreferencesForm()]);
  root.replaceChildren(renderHeader(me), h('main', { className: 'page page--medium account-page' }, [profile(me), preferences, passwordForm()]));
}
