import type { Organization } from '../api/account-records.ts';
import type { PublicThread, ThreadAnchor } from '../api/comment-records.ts';
import { createThread, type NewThread } from '../api/comment-endpoints.ts';
import type { OutlineHeading } from '../../document-model/headings.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { discardDraft, keepDraft } from '../ui/draft-keeper.ts';
import { field } from '../ui/field.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { sectionSelect } from './section-select.ts';
import { todayIso } from './time-format.ts';
import { createDateInput } from '../ui/date-input.ts';

/** What the new-thread form needs. */
export interface NewThreadFormOptions {
  documentId: string;
  /** The selected passage when the form opened; null lets the person pick a section instead. */
  anchor: ThreadAnchor | null;
  /** Headings of the outline (those with a block id can be chosen). */
  headings: readonly OutlineHeading[];
  /** Organisations an oral comment can be recorded for; empty for everyone but the secretariat. */
  organizations: readonly Organization[];
  onCreated(thread: PublicThread): void;
  onCancel(): void;
}

/** The secretariat's extra fields: "Ghi nhận ý kiến tại cuộc họp", its name and date, and the organisation. */
function oralFields(organizations: readonly Organization[]): { element: HTMLElement; read(): Pick<NewThread, 'meeting' | 'organizationId'> | 'invalid' } {
  const oral = h('input', { attrs: { type: 'checkbox', name: 'oral' } });
  const meetingName = h('input', { attrs: { name: 'meetingName', maxlength: '300', autocomplete: 'off' } });
  const meetingDate = createDateInput('meetingDate');
  meetingDate.setIso(todayIso());
  const organization = h('select', { attrs: { name: 'organizationId' } }, [
    h('option', { i18n: 'comments.new.noOrganization', attrs: { value: '' } }),
    ...organizations.map((org) => h('option', { text: org.name, attrs: { value: org.id } })),
  ]);
  const meetingFields = h('div', { className: 'new-thread-form__meeting' }, [field('comments.new.meetingName', meetingName), field('comments.new.meetingDate', meetingDate.input, 'comments.dateHint')]);
  meetingFields.hidden = true;
  oral.addEventListener('change', () => {
    meetingFields.hidden = !oral.checked;
    meetingName.required = oral.checked;
    meetingDate.input.required = oral.checked;
    organization.required = oral.checked;
  });
  const element = h('div', { className: 'new-thread-form__oral' }, [
    h('label', { className: 'checkbox-field' }, [oral, h('span', { i18n: 'comments.new.oral' })]),
    meetingFields,
    field('comments.new.organization', organization),
  ]);
  return {
    element,
    read() {
      const organizationId = organization.value === '' ? undefined : organization.value;
      if (!oral.checked) return organizationId === undefined ? {} : { organizationId };
      const name = meetingName.value.normalize('NFC').trim();
      if (name === '' || meetingDate.iso() === '' || organizationId === undefined) return 'invalid';
      return { meeting: { name, date: meetingDate.iso() }, organizationId };
    },
  };
}

/**
 * "Góp ý mới": the selected passage (quoted) or, with nothing selected, a section to
 * comment on; the comment itself; and for the secretariat the option to record what an
 * organisation said at a meeting (name, date, organisation); with a passage, the wording
 * proposed in its place ("Đề nghị sửa thành", prefilled with the passage; unchanged means
 * none). The body is sent NFC and trimmed. On success `onCreated` gets the new thread; on
 * failure the text stays, and an unsent text is kept for this document through a reload or a
 * new sign-in (`ui/draft-keeper.ts`).
 */
export function createNewThreadForm(options: NewThreadFormOptions): HTMLFormElement {
  const body = h('textarea', { className: 'new-thread-form__body', attrs: { name: 'body', rows: '4', maxlength: '20000', required: '' } });
  const sections = options.anchor === null ? sectionSelect(options.headings, true) : null;
  const oral = options.organizations.length > 0 ? oralFields(options.organizations) : null;
  const submit = h('button', { className: 'button button--primary', i18n: 'comments.new.submit', attrs: { type: 'submit' } });
  // One unsent new comment per document survives a reload or a new sign-in.
  const draftKey = `new-thread:${options.documentId}`;
  keepDraft(body, draftKey);
  const cancel = h('button', {
    className: 'button button--quiet',
    i18n: 'comments.new.cancel',
    attrs: { type: 'button' },
    on: {
      click: () => {
        discardDraft(draftKey);
        options.onCancel();
      },
    },
  });
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  // Proposed wording replaces the selected passage, so it is offered only with one.
  const proposal = options.anchor === null ? null : h('input', { className: 'new-thread-form__proposal', attrs: { name: 'proposal', maxlength: '20000', autocomplete: 'off' } });
  if (proposal && options.anchor) proposal.value = options.anchor.quote.includes('\n') ? '' : options.anchor.quote;
  const target: HTMLElement[] =
    options.anchor === null
      ? [h('p', { className: 'muted new-thread-form__hint', i18n: 'comments.new.noSelection' }), ...(sections ? [field('comments.new.section', sections)] : [])]
      : [h('p', { className: 'new-thread-form__label', i18n: 'comments.new.passage' }), h('blockquote', { className: 'new-thread-form__quote', text: options.anchor.quote })];
  const form = h('form', { className: 'new-thread-form' }, [
    h('h3', { className: 'new-thread-form__title', i18n: 'comments.new.title' }),
    ...target,
    ...(oral ? [oral.element] : []),
    field('comments.new.body', body),
    ...(proposal ? [field('comments.proposal.label', proposal)] : []),
    error,
    h('div', { className: 'new-thread-form__actions' }, [submit, cancel]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = body.value.normalize('NFC').trim();
    if (text === '') return;
    const request: NewThread = { body: text };
    if (options.anchor !== null) request.anchor = options.anchor;
    else if (sections !== null && sections.value !== '') request.sectionBlockId = sections.value;
    else {
      error.textContent = t('comments.error.targetRequired');
      return;
    }
    const extra = oral?.read() ?? {};
    if (extra === 'invalid') {
      error.textContent = t('comments.error.meetingIncomplete');
      return;
    }
    Object.assign(request, extra);
    const proposed = proposal?.value.normalize('NFC').replace(/[\r\n]+/g, ' ') ?? '';
    // Left as the passage itself, the field proposes nothing.
    if (proposed.trim() !== '' && proposed !== options.anchor?.quote) request.proposal = proposed;
    submit.disabled = true;
    error.textContent = '';
    createThread(options.documentId, request)
      .then((thread) => {
        discardDraft(draftKey);
        options.onCreated(thread);
      })
      .catch((failure: unknown) => {
        error.textContent = commentErrorMessage(failure);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}
