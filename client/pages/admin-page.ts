import { fetchMe, listOrganizations } from '../api/endpoints.ts';
import { isSecretariat } from '../account/roles.ts';
import { createOrganizationsSection } from '../admin/organizations-section.ts';
import { createUsersSection } from '../admin/users-section.ts';
import { createTermsSection } from '../admin/terms-section.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';
import { createTabs } from '../ui/tabs.ts';

/**
 * `/admin`, for the secretariat: tabs "Tài khoản" (accounts), "Cơ quan, tổ chức"
 * (organisations) and "Tên gọi" (terminology); `#organizations` / `#terms` in the address open them. Anyone else sees a
 * translated "not allowed" message and nothing is fetched (the server refuses those
 * calls anyway).
 */
export async function renderAdminPage(root: HTMLElement): Promise<void> {
  const me = await fetchMe();
  if (!isSecretariat(me.user.role)) {
    root.replaceChildren(
      renderHeader(me),
      h('main', { className: 'page' }, [
        h('h1', { i18n: 'admin.title' }),
        h('p', { className: 'notice admin-forbidden', i18n: 'admin.forbidden', attrs: { role: 'alert' } }),
      ]),
    );
    return;
  }

  const reload = async (): Promise<void> => {
    const organizations = await listOrganizations();
    organizationsSection.render(organizations);
    await users.reload(organizations);
  };
  const users = createUsersSection();
  const organizationsSection = createOrganizationsSection(reload);
  const tabs = createTabs(
    [
      { id: 'users', label: 'admin.users.tab', panel: users.element },
      { id: 'organizations', label: 'admin.orgs.tab', panel: organizationsSection.element },
      { id: 'terms', label: 'admin.terms.tab', panel: createTermsSection() },
    ],
    'admin.sections',
    location.hash.slice(1),
  );
  root.replaceChildren(renderHeader(me), h('main', { className: 'page page--wide admin-page' }, [h('h1', { i18n: 'admin.title' }), tabs]));
  await reload();
}
