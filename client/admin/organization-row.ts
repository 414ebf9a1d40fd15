import type { OrganizationFields } from '../api/admin-endpoints.ts';
import type { Organization } from '../api/account-records.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { kindLabelKey, kindSelect, selectedKind } from './select-controls.ts';

/** What the organisations table asks of its page; `update` resolves true once saved. */
export interface OrganizationActions {
  update(organization: Organization, changes: OrganizationFields): Promise<boolean>;
  problem(text: string): void;
}

/**
 * Reads a name, short name and kind from their controls, NFC-normalised and trimmed;
 * null (after reporting the problem) when the name or short name is blank.
 */
export function readOrganizationFields(
  name: HTMLInputElement,
  shortName: HTMLInputElement,
  kind: HTMLSelectElement,
  problem: (text: string) => void,
): OrganizationFields | null {
  const fields: OrganizationFields = {
    name: name.value.normalize('NFC').trim(),
    shortName: shortName.value.normalize('NFC').trim(),
    kind: selectedKind(kind),
  };
  if (fields.name === '' || fields.shortName === '') {
    problem(t('error.validation'));
    return null;
  }
  return fields;
}

function button(key: MessageKey, onClick: () => void, extra = ''): HTMLButtonElement {
  return h('button', { className: `button ${extra}`.trim(), i18n: key, attrs: { type: 'button' }, on: { click: onClick } });
}

/**
 * One organisation in the table (`tr[data-organization-id]`): name, short name and kind,
 * with Edit turning the three into inputs in place.
 */
export function renderOrganizationRow(organization: Organization, actions: OrganizationActions): HTMLTableRowElement {
  const row = h('tr', { attrs: { 'data-organization-id': organization.id } });
  const showView = (): void => {
    row.replaceChildren(
      h('td', { text: organization.name }),
      h('td', { text: organization.shortName }),
      h('td', { i18n: kindLabelKey(organization.kind) }),
      h('td', { className: 'table-actions' }, [button('admin.edit', showEdit)]),
    );
  };
  const showEdit = (): void => {
    const name = h('input', { attrs: { name: 'name', value: organization.name, maxlength: '200' }, i18nAriaLabel: 'admin.orgs.name' });
    const shortName = h('input', { attrs: { name: 'shortName', value: organization.shortName, maxlength: '32' }, i18nAriaLabel: 'admin.orgs.shortName' });
    const kind = kindSelect(organization.kind);
    const save = (): void => {
      const fields = readOrganizationFields(name, shortName, kind, actions.problem);
      if (fields !== null) void actions.update(organization, fields);
    };
    row.replaceChildren(
      h('td', {}, [name]),
      h('td', {}, [shortName]),
      h('td', {}, [kind]),
      h('td', { className: 'table-actions' }, [button('admin.save', save, 'button--primary'), button('admin.cancel', showView)]),
    );
    name.focus();
  };
  showView();
  return row;
}
