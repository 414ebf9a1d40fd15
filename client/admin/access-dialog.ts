import { fetchDocumentAccess, listUsers, saveDocumentAccess } from '../api/admin-endpoints.ts';
import type { DocumentAccess, Organization } from '../api/account-records.ts';
import { listOrganizations } from '../api/endpoints.ts';
import type { DocumentRecord, User } from '../api/records.ts';
import { groupByKind } from '../account/organization-groups.ts';
import { canBeDocumentMember, roleLabelKey } from '../account/roles.ts';
import { kindLabelKey } from './select-controls.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { createFeedback } from '../ui/feedback.ts';

function checkbox(name: string, value: string, checked: boolean, label: ReadonlyArray<Node | string>): HTMLLabelElement {
  const input = h('input', { attrs: { type: 'checkbox', name, value } });
  input.checked = checked;
  return h('label', { className: 'checklist__item' }, [input, ...label]);
}

function checklist(legend: MessageKey, empty: MessageKey, items: HTMLLabelElement[], className: string): HTMLFieldSetElement {
  const body = items.length === 0 ? [h('p', { className: 'muted', i18n: empty })] : items;
  return h('fieldset', { className: `checklist ${className}` }, [h('legend', { i18n: legend }), ...body]);
}

function memberItem(user: User, checked: boolean): HTMLLabelElement {
  const parts: Array<Node | string> = [h('span', { className: 'checklist__name', text: user.displayName }), ' ', h('span', { className: 'muted', i18n: roleLabelKey(user.role) })];
  if (user.disabled) parts.push(' ', h('span', { className: 'muted', i18n: 'access.disabledUser' }));
  return checkbox('member', user.id, checked, parts);
}

function organizationItem(organization: Organization, checked: boolean): HTMLLabelElement {
  const name = h('span', { className: 'checklist__name', text: organization.name });
  return checkbox('organization', organization.id, checked, organization.shortName === '' ? [name] : [name, ' ', h('span', { className: 'muted', text: `(${organization.shortName})` })]);
}

/**
 * The invited organisations, one group per kind under its heading, each group with a box that
 * ticks or clears the whole group (e.g. every ministry at once).
 */
function organizationChecklist(organizations: readonly Organization[], invited: ReadonlySet<string>): HTMLFieldSetElement {
  if (organizations.length === 0) return checklist('access.organizations', 'access.organizationsEmpty', [], 'access-organizations');
  const groups = groupByKind(organizations).map((group) => {
    const items = group.organizations.map((item) => organizationItem(item, invited.has(item.id)));
    const boxes = items.map((item) => item.querySelector('input') as HTMLInputElement);
    const all = h('input', { attrs: { type: 'checkbox', 'data-group': group.kind } });
    const sync = (): void => {
      const ticked = boxes.filter((box) => box.checked).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    };
    all.addEventListener('change', () => {
      for (const box of boxes) box.checked = all.checked;
      sync();
    });
    for (const box of boxes) box.addEventListener('change', sync);
    sync();
    const heading = h('label', { className: 'checklist__group' }, [all, h('span', { i18n: kindLabelKey(group.kind) })]);
    return h('div', { className: 'checklist__section' }, [heading, ...items]);
  });
  return h('fieldset', { className: 'checklist access-organizations' }, [h('legend', { i18n: 'access.organizations' }), ...groups]);
}

function checkedValues(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`)].filter((input) => input.checked).map((input) => input.value);
}

/**
 * Opens the "Quyền truy cập" dialog of `document` (secretariat only): two checklists,
 * committee members and observers (name and role), and invited organisations (all of
 * them); Save replaces the document's access with what is ticked. Members whose account
 * is no longer an editor or observer are not listed, so saving drops them (their access
 * had no effect any more). The dialog removes itself when closed.
 */
export async function openAccessDialog(document: DocumentRecord): Promise<void> {
  const feedback = createFeedback();
  const form = h('form', { className: 'access-form', attrs: { method: 'dialog' } });
  const dialog = h('dialog', { className: 'dialog access-dialog', attrs: { 'aria-labelledby': 'access-dialog-title', 'data-document-id': document.id } }, [
    h('h2', { text: t('access.title', { title: document.title }), attrs: { id: 'access-dialog-title' } }),
    h('p', { className: 'muted', i18n: 'access.intro' }),
    feedback.element,
    form,
  ]);
  dialog.addEventListener('close', () => dialog.remove());
  window.document.body.append(dialog);
  dialog.showModal();

  let users: User[];
  let organizations: Organization[];
  let access: DocumentAccess;
  try {
    [users, organizations, access] = await Promise.all([listUsers(), listOrganizations(), fetchDocumentAccess(document.id)]);
  } catch (error) {
    feedback.error(error);
    form.append(h('button', { className: 'button', i18n: 'access.close', attrs: { type: 'submit', value: 'cancel' } }));
    return;
  }
  const members = new Set(access.members);
  const invited = new Set(access.organizations);
  const collator = new Intl.Collator('vi');
  const candidates = users.filter((user) => canBeDocumentMember(user.role)).sort((a, b) => collator.compare(a.displayName, b.displayName));
  const save = h('button', { className: 'button button--primary', i18n: 'access.save', attrs: { type: 'button', 'data-action': 'save' } });
  form.append(
    h('div', { className: 'access-form__lists' }, [
      checklist('access.members', 'access.membersEmpty', candidates.map((user) => memberItem(user, members.has(user.id))), 'access-members'),
      organizationChecklist(organizations, invited),
    ]),
    h('div', { className: 'dialog__actions' }, [save, h('button', { className: 'button', i18n: 'access.close', attrs: { type: 'submit', value: 'cancel' } })]),
  );
  save.addEventListener('click', () => {
    save.disabled = true;
    saveDocumentAccess(document.id, { members: checkedValues(form, 'member'), organizations: checkedValues(form, 'organization') })
      .then(() => feedback.success(t('access.saved')))
      .catch((error: unknown) => feedback.error(error))
      .finally(() => {
        save.disabled = false;
      });
  });
}
