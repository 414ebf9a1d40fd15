import type { NewUser } from '../api/admin-endpoints.ts';
import type { Organization } from '../api/account-records.ts';
import { isEmailAddress, isValidUsername, MIN_PASSWORD_LENGTH, newPasswordProblem } from '../account/password-rules.ts';
import { needsOrganization } from '../account/roles.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { field } from '../ui/field.ts';
import { onSubmitOnce } from '../ui/submit-once.ts';
import { organizationSelect, roleSelect, selectedRole } from './select-controls.ts';

/** The create-account form and a way to refresh its organisation choices. */
export interface UserCreateForm {
  readonly element: HTMLFormElement;
  /** Replaces the organisation choices, keeping the current choice when it still exists. */
  setOrganizations(organizations: readonly Organization[]): void;
}

/**
 * "Tạo tài khoản": username, display name, password, e-mail (optional, for notifications), role and organisation. The
 * organisation is required (and marked so) for a ministry officer, optional otherwise.
 * Username form, password length and the organisation rule are checked before sending;
 * `create` resolves true when the account exists, and the form is then emptied.
 */
export function createUserCreateForm(create: (user: NewUser) => Promise<boolean>, problem: (text: string) => void): UserCreateForm {
  const username = h('input', { attrs: { name: 'username', required: '', maxlength: '64', autocomplete: 'off', spellcheck: 'false' } });
  const displayName = h('input', { attrs: { name: 'displayName', required: '', maxlength: '200', autocomplete: 'off' } });
  const password = h('input', { attrs: { name: 'password', type: 'password', required: '', autocomplete: 'new-password', minlength: String(MIN_PASSWORD_LENGTH) } });
  const email = h('input', { attrs: { name: 'email', type: 'email', maxlength: '254', autocomplete: 'off', spellcheck: 'false' } });
  const role = roleSelect('editor');
  let organization = organizationSelect([], null, false);
  const organizationField = h('div', { className: 'organization-field' });
  const placeOrganization = (organizations: readonly Organization[]): void => {
    const chosen = organization.select.value;
    organization = organizationSelect(organizations, organizations.some((item) => item.id === chosen) ? chosen : null, needsOrganization(selectedRole(role)));
    const label = field('admin.users.organization', organization.select);
    label.classList.toggle('field--required', organization.select.required);
    organizationField.replaceChildren(label);
  };
  // The rule and its mark follow the role: on a change and after the form is emptied.
  const followRole = (): void => {
    organization.setRequired(needsOrganization(selectedRole(role)));
    organizationField.firstElementChild?.classList.toggle('field--required', organization.select.required);
  };
  role.addEventListener('change', followRole);
  placeOrganization([]);

  const form = h('form', { className: 'card admin-create-form user-create-form', attrs: { novalidate: '' } }, [
    h('h2', { i18n: 'admin.users.create.title' }),
    field('admin.users.username', username, 'admin.users.usernameHint'),
    field('admin.users.displayName', displayName),
    field('admin.users.password', password),
    field('admin.users.email', email),
    field('admin.users.role', role),
    organizationField,
    h('button', { className: 'button button--primary', i18n: 'admin.users.create.submit', attrs: { type: 'submit' } }),
  ]);
  onSubmitOnce(form, () => {
    const user: NewUser = {
      username: username.value.trim(),
      password: password.value,
      displayName: displayName.value.normalize('NFC').trim(),
      role: selectedRole(role),
    };
    if (organization.select.value !== '') user.organizationId = organization.select.value;
    const address = email.value.normalize('NFC').trim();
    if (address !== '') user.email = address;
    if (address !== '' && !isEmailAddress(address)) return problem(t('admin.users.emailInvalid'));
    const passwordProblem = newPasswordProblem(user.password);
    if (!isValidUsername(user.username)) return problem(t('admin.users.usernameInvalid'));
    if (user.displayName === '') return problem(t('error.validation'));
    if (passwordProblem !== null) return problem(t(passwordProblem, { min: MIN_PASSWORD_LENGTH }));
    if (needsOrganization(user.role) && user.organizationId === undefined) return problem(t('admin.users.organizationRequired'));
    return create(user).then((created) => {
      if (!created) return;
      form.reset();
      followRole();
    });
  });
  return { element: form, setOrganizations: placeOrganization };
}
