import type { Organization } from '../api/account-records.ts';
import type { Revision } from '../api/revision-records.ts';
import { openRound, type RoundWithStatuses } from '../api/round-endpoints.ts';
import { groupByKind } from '../account/organization-groups.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { createDateInput } from '../ui/date-input.ts';
import { h } from '../ui/dom.ts';
import { createFeedback } from '../ui/feedback.ts';
import { field } from '../ui/field.ts';
import { onSubmitOnce } from '../ui/submit-once.ts';

/** What the form needs: the named revisions that may be sent, and every organisation. */
export interface OpenRoundFormOptions {
  documentId: string;
  revisions: readonly Revision[];
  organizations: readonly Organization[];
  onOpened(round: RoundWithStatuses): void;
}

/** One group of organisation checkboxes (Bộ, Cơ quan ngang bộ, …) with a box that ticks the whole group. */
function organizationGroup(kind: Organization['kind'], organizations: readonly Organization[]): HTMLFieldSetElement {
  const boxes = organizations.map((organization) =>
    h('input', { attrs: { type: 'checkbox', name: 'organizations', value: organization.id, 'data-organization-id': organization.id } }),
  );
  const all = h('input', { attrs: { type: 'checkbox', 'data-action': 'select-group' } });
  all.addEventListener('change', () => {
    for (const box of boxes) box.checked = all.checked;
  });
  return h('fieldset', { className: 'round-form__group', attrs: { 'data-kind': kind } }, [
    h('legend', { i18n: `orgKind.${kind}` satisfies MessageKey }),
    h('label', { className: 'checkbox round-form__all' }, [all, h('span', { i18n: 'rounds.form.selectGroup' })]),
    h(
      'div',
      { className: 'round-form__organizations' },
      organizations.map((organization, index) => h('label', { className: 'checkbox' }, [boxes[index] ?? '', h('span', { text: organization.name })])),
    ),
  ]);
}

/**
 * "Mở đợt lấy ý kiến", for the secretariat: title, request letter number and date (dd/mm/yyyy),
 * the named revision sent, the deadline (dd/mm/yyyy: the end of that day in Viet Nam), the
 * organisations (every invited one, or picked from the list grouped by kind) and whether
 * ministries see each other's comments. Checks what it can before sending (a date that does
 * not exist, no organisation picked); the server checks the rest and its refusal is shown
 * under the form, which keeps what was typed.
 */
export function renderOpenRoundForm(options: OpenRoundFormOptions): HTMLFormElement {
  const title = h('input', { i18nPlaceholder: 'rounds.form.namePlaceholder', attrs: { name: 'title', required: '', maxlength: '300', autocomplete: 'off' } });
  const letterNumber = h('input', { attrs: { name: 'letterNumber', required: '', maxlength: '100', autocomplete: 'off' } });
  const letterDate = createDateInput('letterDate', { required: true });
  const deadline = createDateInput('deadline', { required: true });
  const revision = h(
    'select',
    { attrs: { name: 'revisionId', required: '' } },
    options.revisions.map((item) => h('option', { text: item.name, attrs: { value: item.id } })),
  );
  const mode = (value: 'all' | 'pick', label: MessageKey, checked: boolean): HTMLLabelElement =>
    h('label', { className: 'checkbox' }, [h('input', { attrs: { type: 'radio', name: 'organizationsMode', value, ...(checked ? { checked: '' } : {}) } }), h('span', { i18n: label })]);
  const groups = h(
    'div',
    { className: 'round-form__groups' },
    groupByKind(options.organizations).map((group) => organizationGroup(group.kind, group.organizations)),
  );
  const seeEachOther = h('input', { attrs: { type: 'checkbox', name: 'ministriesSeeEachOther' } });
  const feedback = createFeedback();
  const submit = h('button', { className: 'button button--primary', i18n: 'rounds.form.submit', attrs: { type: 'submit' } });
  const form = h('form', { className: 'card round-form no-print', attrs: { 'data-form': 'open-round' } }, [
    h('h2', { i18n: 'rounds.form.title' }),
    field('rounds.form.name', title),
    h('div', { className: 'round-form__row' }, [field('rounds.form.letterNumber', letterNumber), field('rounds.form.letterDate', letterDate.input)]),
    options.revisions.length === 0 ? h('p', { className: 'notice', i18n: 'rounds.form.noRevision' }) : field('rounds.form.revision', revision),
    field('rounds.form.deadline', deadline.input),
    h('fieldset', { className: 'round-form__consulted' }, [
      h('legend', { i18n: 'rounds.form.organizations' }),
      mode('all', 'rounds.form.allInvited', false),
      mode('pick', 'rounds.form.pick', true),
      groups,
    ]),
    h('label', { className: 'checkbox' }, [seeEachOther, h('span', { i18n: 'rounds.form.seeEachOther' })]),
    feedback.element,
    submit,
  ]);
  const pickMode = (): boolean => form.querySelector<HTMLInputElement>('input[name="organizationsMode"]:checked')?.value !== 'all';
  form.addEventListener('change', () => {
    groups.hidden = !pickMode();
  });
  onSubmitOnce(form, () => {
    feedback.clear();
    const picked = [...groups.querySelectorAll<HTMLInputElement>('input[name="organizations"]:checked')].map((box) => box.value);
    const [letterIso, deadlineIso] = [letterDate.iso(), deadline.iso()];
    if (letterIso === '' || deadlineIso === '') {
      feedback.problem(t('rounds.form.badDate'));
      return;
    }
    if (pickMode() && picked.length === 0) {
      feedback.problem(t('rounds.form.noOrganization'));
      return;
    }
    return openRound(options.documentId, {
      title: title.value.normalize('NFC').trim(),
      requestLetter: { number: letterNumber.value.normalize('NFC').trim(), date: letterIso },
      revisionId: revision.value,
      deadline: deadlineIso,
      organizations: pickMode() ? picked : 'all_invited',
      ministriesSeeEachOther: seeEachOther.checked,
    }).then(
      (round) => {
        feedback.success(t('rounds.form.opened', { title: round.title }));
        options.onOpened(round);
      },
      (error: unknown) => feedback.error(error),
    );
  });
  return form;
}
