import { createOrganization, updateOrganization, type OrganizationFields } from '../api/admin-endpoints.ts';
import type { Organization } from '../api/account-records.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { createFeedback, runReported } from '../ui/feedback.ts';
import { field } from '../ui/field.ts';
import { onSubmitOnce } from '../ui/submit-once.ts';
import { readOrganizationFields, renderOrganizationRow, type OrganizationActions } from './organization-row.ts';
import { kindSelect } from './select-controls.ts';

const COLUMNS: readonly MessageKey[] = ['admin.orgs.name', 'admin.orgs.shortName', 'admin.orgs.kind', 'admin.actions'];

/** The organisations tab: its element and a way to redraw it. */
export interface OrganizationsSection {
  readonly element: HTMLElement;
  /** Redraws the table with `organizations`. */
  render(organizations: readonly Organization[]): void;
}

/**
 * "Cơ quan, tổ chức": the table of organisations (`table.organizations-table`) with
 * in-place editing, and the form adding one. After a successful change `changed` is
 * called so the page can reload everything that shows organisation names.
 */
export function createOrganizationsSection(changed: () => Promise<void>): OrganizationsSection {
  const feedback = createFeedback();
  const tableContainer = h('div', { className: 'table-scroll' });

  const run = (work: () => Promise<unknown>, success: string): Promise<boolean> => runReported(feedback, work, changed, success);
  const actions: OrganizationActions = {
    update: (organization: Organization, fields: OrganizationFields) => run(() => updateOrganization(organization.id, fields), t('admin.saved')),
    problem: (text) => feedback.problem(text),
  };

  const name = h('input', { attrs: { name: 'name', required: '', maxlength: '200' } });
  const shortName = h('input', { attrs: { name: 'shortName', required: '', maxlength: '32' } });
  const kind = kindSelect('ministry');
  const form = h('form', { className: 'card admin-create-form organization-create-form', attrs: { novalidate: '' } }, [
    h('h2', { i18n: 'admin.orgs.create.title' }),
    field('admin.orgs.name', name),
    field('admin.orgs.shortName', shortName),
    field('admin.orgs.kind', kind),
    h('button', { className: 'button button--primary', i18n: 'admin.orgs.create.submit', attrs: { type: 'submit' } }),
  ]);
  onSubmitOnce(form, () => {
    const fields = readOrganizationFields(name, shortName, kind, actions.problem);
    if (fields === null) return;
    return run(() => createOrganization(fields), t('admin.orgs.created', { name: fields.name })).then((created) => {
      if (created) form.reset();
    });
  });

  const render = (organizations: readonly Organization[]): void => {
    if (organizations.length === 0) {
      tableContainer.replaceChildren(h('p', { className: 'muted', i18n: 'admin.orgs.empty' }));
      return;
    }
    const head = h('tr', {}, COLUMNS.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })));
    const body = h('tbody', {}, organizations.map((organization) => renderOrganizationRow(organization, actions)));
    tableContainer.replaceChildren(h('table', { className: 'data-table organizations-table' }, [h('thead', {}, [head]), body]));
  };

  const element = h('div', { className: 'admin-section' }, [
    feedback.element,
    h('div', { className: 'admin-columns' }, [
      h('section', { className: 'card admin-list' }, [h('h2', { i18n: 'admin.orgs.tab' }), tableContainer]),
      form,
    ]),
  ]);
  return { element, render };
}
