import { createUser, listUsers, resetUserPassword, unlockUser, updateUser, type NewUser, type UserChanges } from '../api/admin-endpoints.ts';
import type { Organization } from '../api/account-records.ts';
import type { User } from '../api/records.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { createFeedback, runReported } from '../ui/feedback.ts';
import { createUserCreateForm } from './user-create-form.ts';
import { renderUserRow, type UserActions } from './user-row.ts';

const COLUMNS: readonly MessageKey[] = [
  'admin.users.username',
  'admin.users.displayName',
  'admin.users.role',
  'admin.users.organization',
  'admin.users.status',
  'admin.actions',
];

/** The accounts tab: its element and a way to redraw it with fresh data. */
export interface UsersSection {
  readonly element: HTMLElement;
  /** Fetches the accounts again and redraws the table with `organizations` for names and choices. */
  reload(organizations: readonly Organization[]): Promise<void>;
}

/**
 * "Tài khoản": the table of every account (`table.users-table`, one `tr[data-username]`
 * each) and the create form. Every change is sent to the server, reported in the
 * section's feedback area, and followed by a reload, so the table always shows what the
 * server holds.
 */
export function createUsersSection(): UsersSection {
  const feedback = createFeedback();
  const tableContainer = h('div', { className: 'table-scroll' });
  let organizations: readonly Organization[] = [];

  const run = (work: () => Promise<unknown>, success: string | null): Promise<boolean> => runReported(feedback, work, () => reload(organizations), success);

  const actions: UserActions = {
    update: (user: User, changes: UserChanges) => run(() => updateUser(user.id, changes), t('admin.saved')),
    resetPassword: (user: User, password: string) =>
      run(() => resetUserPassword(user.id, password), t('admin.users.passwordReset', { username: user.username })),
    unlock: (user: User) => run(() => unlockUser(user.id), t('admin.users.unlocked', { username: user.username })),
    problem: (text) => feedback.problem(text),
  };
  const createForm = createUserCreateForm(
    (user: NewUser) => run(() => createUser(user), t('admin.users.created', { username: user.username })),
    (text) => feedback.problem(text),
  );

  const render = (users: readonly User[]): void => {
    if (users.length === 0) {
      tableContainer.replaceChildren(h('p', { className: 'muted', i18n: 'admin.users.empty' }));
      return;
    }
    const head = h('tr', {}, COLUMNS.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })));
    const body = h('tbody', {}, users.map((user) => renderUserRow(user, organizations, actions)));
    tableContainer.replaceChildren(h('table', { className: 'data-table users-table' }, [h('thead', {}, [head]), body]));
  };

  const reload = async (fresh: readonly Organization[]): Promise<void> => {
    organizations = fresh;
    createForm.setOrganizations(fresh);
    render(await listUsers());
  };

  const element = h('div', { className: 'admin-section' }, [
    feedback.element,
    h('div', { className: 'admin-columns' }, [
      h('section', { className: 'card admin-list' }, [h('h2', { i18n: 'admin.users.tab' }), tableContainer]),
      createForm.element,
    ]),
  ]);
  return { element, reload };
}
