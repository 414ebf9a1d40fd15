import type { UserChanges } from '../api/admin-endpoints.ts';
import type { Organization } from '../api/account-records.ts';
import type { User } from '../api/records.ts';
import { formatDateTime } from '../../document-model/date-time.ts';
import { isEmailAddress, MIN_PASSWORD_LENGTH, newPasswordProblem } from '../account/password-rules.ts';
import { needsOrganization, roleLabelKey } from '../account/roles.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { organizationSelect, roleSelect, selectedRole } from './select-controls.ts';

/** What the users table asks of its page; each resolves true once the change is saved. */
export interface UserActions {
  update(user: User, changes: UserChanges): Promise<boolean>;
  resetPassword(user: User, password: string): Promise<boolean>;
  /** Clears the sign-in lock of an account locked after too many failed attempts. */
  unlock(user: User): Promise<boolean>;
  /** Shows a translated problem found before sending anything. */
  problem(text: string): void;
}

function actionButton(key: MessageKey, onClick: () => void, extra = ''): HTMLButtonElement {
  return h('button', { className: `button ${extra}`.trim(), i18n: key, attrs: { type: 'button' }, on: { click: onClick } });
}

function lockedText(lockedUntil: string): string {
  const time = formatDateTime(lockedUntil);
  return t('admin.users.lockedUntil', { time });
}

function organizationName(organizations: readonly Organization[], id: string | null): string {
  if (id === null) return '';
  return organizations.find((organization) => organization.id === id)?.name ?? id;
}

/**
 * One account in the users table (`tr[data-username]`): username, display name, role,
 * organisation and status (the e-mail address under the name) (with "locked until" after too many failed sign-ins), with Edit
 * (name, role, organisation in place), Disable or Enable, Reset password (a new password
 * typed in place) and, for a locked account, Unlock. A ministry account without
 * an organisation and a short password are refused before anything is sent.
 */
export function renderUserRow(user: User, organizations: readonly Organization[], actions: UserActions): HTMLTableRowElement {
  const row = h('tr', { attrs: { 'data-user-id': user.id, 'data-username': user.username } });
  if (user.disabled) row.classList.add('is-disabled');

  const showView = (): void => {
    const status: MessageKey = user.disabled ? 'admin.users.disabled' : 'admin.users.active';
    row.replaceChildren(
      h('td', { className: 'mono', text: user.username }),
      h('td', {}, [h('span', { text: user.displayName }), ...(user.email === null ? [] : [h('span', { className: 'user-email muted', text: user.email })])]),
      h('td', { i18n: roleLabelKey(user.role) }),
      h('td', { text: organizationName(organizations, user.organizationId) }),
      user.lockedUntil === undefined
        ? h('td', { className: user.disabled ? 'account-status account-status--off' : 'account-status', i18n: status })
        : h('td', { className: 'account-status account-status--off', attrs: { 'data-locked-until': user.lockedUntil }, text: lockedText(user.lockedUntil) }),
      h('td', { className: 'table-actions' }, [
        actionButton('admin.edit', showEdit),
        user.disabled
          ? actionButton('admin.users.enable', () => void actions.update(user, { disabled: false }))
          : actionButton('admin.users.disable', () => void actions.update(user, { disabled: true }), 'button--danger'),
        actionButton('admin.users.resetPassword', showReset),
        ...(user.lockedUntil === undefined ? [] : [actionButton('admin.users.unlock', () => void actions.unlock(user), 'button--primary')]),
      ]),
    );
  };

  const showEdit = (): void => {
    const name = h('input', { attrs: { name: 'displayName', value: user.displayName, required: '', maxlength: '200' }, i18nAriaLabel: 'admin.users.displayName' });
    const email = h('input', { attrs: { name: 'email', type: 'email', value: user.email ?? '', maxlength: '254' }, i18nAriaLabel: 'admin.users.email', i18nPlaceholder: 'admin.users.email' });
    const role = roleSelect(user.role);
    const organization = organizationSelect(organizations, user.organizationId, needsOrganization(user.role));
    role.addEventListener('change', () => organization.setRequired(needsOrganization(selectedRole(role))));
    const save = (): void => {
      const displayName = name.value.normalize('NFC').trim();
      const chosenRole = selectedRole(role);
      const organizationId = organization.select.value === '' ? null : organization.select.value;
      if (displayName === '') return actions.problem(t('error.validation'));
      const address = email.value.normalize('NFC').trim();
      if (address !== '' && !isEmailAddress(address)) return actions.problem(t('admin.users.emailInvalid'));
      if (needsOrganization(chosenRole) && organizationId === null) return actions.problem(t('admin.users.organizationRequired'));
      // On success the page redraws the table, which ends the editing.
      void actions.update(user, { displayName, role: chosenRole, organizationId, email: address === '' ? null : address });
    };
    row.replaceChildren(
      h('td', { className: 'mono', text: user.username }),
      h('td', { className: 'user-edit-name' }, [name, email]),
      h('td', {}, [role]),
      h('td', {}, [organization.select]),
      h('td', { i18n: user.disabled ? 'admin.users.disabled' : 'admin.users.active' }),
      h('td', { className: 'table-actions' }, [actionButton('admin.save', save, 'button--primary'), actionButton('admin.cancel', showView)]),
    );
    name.focus();
  };

  const showReset = (): void => {
    const password = h('input', {
      attrs: { name: 'newPassword', type: 'password', autocomplete: 'new-password', minlength: String(MIN_PASSWORD_LENGTH) },
      i18nAriaLabel: 'admin.users.newPassword',
      i18nPlaceholder: 'admin.users.newPassword',
    });
    const save = (): void => {
      const problem = newPasswordProblem(password.value);
      if (problem !== null) return actions.problem(t(problem, { min: MIN_PASSWORD_LENGTH }));
      void actions.resetPassword(user, password.value).then((saved) => {
        if (saved) showView();
      });
    };
    password.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') save();
    });
    const cell = row.lastElementChild;
    if (cell) cell.replaceChildren(password, actionButton('admin.save', save, 'button--primary'), actionButton('admin.cancel', showView));
    password.focus();
  };

  showView();
  return row;
}
