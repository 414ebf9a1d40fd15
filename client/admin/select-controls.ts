import { ORGANIZATION_KINDS, type Organization, type OrganizationKind } from '../api/account-records.ts';
import type { Role } from '../api/records.ts';
import { groupByKind } from '../account/organization-groups.ts';
import { ROLES, roleLabelKey } from '../account/roles.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';

/** A picker named `name` of `values`, each labelled by the UI string `labelKey(value)`, with `selected` chosen. */
function valueSelect<T extends string>(name: string, values: readonly T[], labelKey: (value: T) => MessageKey, selected: T): HTMLSelectElement {
  const select = h('select', { attrs: { name } });
  for (const value of values) {
    const option = h('option', { i18n: labelKey(value), attrs: { value } });
    // The default too, so that resetting the form returns to it.
    option.defaultSelected = value === selected;
    select.append(option);
  }
  select.value = selected;
  return select;
}

/** A role picker (`name="role"`) with translated role names. */
export function roleSelect(selected: Role): HTMLSelectElement {
  return valueSelect('role', ROLES, roleLabelKey, selected);
}

/** Narrows a role picker's value. */
export function selectedRole(select: HTMLSelectElement): Role {
  return ROLES.find((role) => role === select.value) ?? 'observer';
}

/**
 * An organisation picker (`name="organizationId"`): the organisations grouped by kind, after an
 * empty first choice that reads "choose one" when `required`, else "no organisation".
 * Call `setRequired` when the role changes.
 */
export function organizationSelect(
  organizations: readonly Organization[],
  selected: string | null,
  required: boolean,
): { select: HTMLSelectElement; setRequired(required: boolean): void } {
  const empty = h('option', { attrs: { value: '' } });
  const select = h('select', { attrs: { name: 'organizationId' } }, [empty]);
  for (const group of groupByKind(organizations)) {
    const options = group.organizations.map((organization) => h('option', { text: organization.name, attrs: { value: organization.id } }));
    const label = h('optgroup', { attrs: { label: t(kindLabelKey(group.kind)) } }, options);
    select.append(label);
  }
  select.value = selected ?? '';
  const setRequired = (value: boolean): void => {
    const key: MessageKey = value ? 'admin.users.chooseOrganization' : 'admin.users.noOrganization';
    // Through the data-i18n hook, so a language switch re-labels it too.
    empty.dataset.i18n = key;
    empty.textContent = t(key);
    select.required = value;
  };
  setRequired(required);
  return { select, setRequired };
}

/** A kind-of-organisation picker (`name="kind"`). */
export function kindSelect(selected: OrganizationKind): HTMLSelectElement {
  return valueSelect('kind', ORGANIZATION_KINDS, kindLabelKey, selected);
}

/** Narrows a kind picker's value. */
export function selectedKind(select: HTMLSelectElement): OrganizationKind {
  return ORGANIZATION_KINDS.find((kind) => kind === select.value) ?? 'other';
}

/** The UI string key of a kind of organisation. */
export function kindLabelKey(kind: OrganizationKind): MessageKey {
  return `orgKind.${kind}` satisfies MessageKey;
}
