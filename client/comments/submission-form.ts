import type { Submission } from '../api/comment-records.ts';
import { createSubmission, listSubmissions, type NewSubmission } from '../api/comment-endpoints.ts';
import { listRevisions } from '../api/revision-endpoints.ts';
import type { Revision } from '../api/revision-records.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { field } from '../ui/field.ts';
import { ATTACHMENT_ACCEPT, checkAttachment, readAttachment } from './attachment-file.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { revisionPicker } from './revision-picker.ts';
import { createSubmissionItems, type SubmissionItemsOptions } from './submission-items.ts';
import { renderSubmissionList } from './submission-list.ts';
import { todayIso } from './time-format.ts';
import { createDateInput } from '../ui/date-input.ts';
import { createFileInput } from '../ui/file-input.ts';

/**
 * "Gửi văn bản góp ý", a ministry officer's official answer (công văn): số công văn, ngày,
 * người ký, an optional PDF or DOCX (≤ 10 MB, read with FileReader and sent as base64), the
 * version commented on (current draft or a named revision), and either the comments, each
 * tied to a passage or a section, or "Không có ý kiến". Below it, the organisation's
 * submissions with their attachments. Each filed comment becomes a thread, which reaches
 * the sidebar through the live events.
 */
export function createSubmissionPanel(documentId: string, itemOptions: SubmissionItemsOptions): HTMLElement {
  const documentNumber = h('input', { attrs: { name: 'documentNumber', required: '', maxlength: '100', autocomplete: 'off' } });
  const date = createDateInput('date', { required: true });
  date.setIso(todayIso());
  const signer = h('input', { attrs: { name: 'signer', required: '', maxlength: '200', autocomplete: 'off' } });
  const file = createFileInput({ name: 'attachment', accept: ATTACHMENT_ACCEPT });
  const revisionSlot = h('div', { className: 'submission-form__revision' }, [field('comments.submission.revision', revisionPicker([]))]);
  const noComments = h('input', { attrs: { type: 'checkbox', name: 'noComments' } });
  const items = createSubmissionItems(itemOptions);
  const submit = h('button', { className: 'button button--primary', i18n: 'comments.submission.submit', attrs: { type: 'submit' } });
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const success = h('p', { className: 'form-success', attrs: { role: 'status' } });
  const listSlot = h('div', { className: 'submission-list__slot' });

  noComments.addEventListener('change', () => {
    items.element.hidden = noComments.checked;
  });

  const showList = (submissions: readonly Submission[]): void => {
    listSlot.replaceChildren(renderSubmissionList(documentId, submissions));
  };
  const reloadList = (): Promise<void> => listSubmissions(documentId).then(showList);

  const form = h('form', { className: 'submission-form' }, [
    field('comments.submission.documentNumber', documentNumber),
    field('comments.submission.date', date.input, 'comments.dateHint'),
    field('comments.submission.signer', signer),
    field('comments.submission.attachment', file.element, 'comments.submission.attachmentHint'),
    revisionSlot,
    h('label', { className: 'checkbox-field submission-form__no-comments' }, [noComments, h('span', { i18n: 'comments.submission.noComments' })]),
    items.element,
    error,
    success,
    submit,
  ]);

  const collect = async (): Promise<NewSubmission | string> => {
    const number = documentNumber.value.normalize('NFC').trim();
    const signerName = signer.value.normalize('NFC').trim();
    if (number === '' || signerName === '' || date.iso() === '') return t('comments.error.submissionIncomplete');
    const submission: NewSubmission = { documentNumber: number, date: date.iso(), signer: signerName, noComments: noComments.checked, items: [] };
    const revision = form.querySelector<HTMLSelectElement>('select[name="revisionId"]')?.value ?? '';
    if (revision !== '') submission.revisionId = revision;
    if (!noComments.checked) {
      const read = items.read();
      if (read === 'incomplete') return t('comments.error.itemIncomplete');
      if (read.length === 0) return t('comments.error.noItems');
      submission.items = read;
    }
    const chosen = file.input.files?.[0];
    if (chosen !== undefined) {
      const check = checkAttachment(chosen);
      if (!check.ok) return t(check.reason === 'type' ? 'comments.error.invalidAttachment' : 'comments.error.fileTooLarge');
      submission.attachment = await readAttachment(chosen, check.contentType);
    }
    return submission;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    success.textContent = '';
    submit.disabled = true;
    collect()
      .then(async (submission) => {
        if (typeof submission === 'string') {
          error.textContent = submission;
          return;
        }
        const filed = await createSubmission(documentId, submission);
        form.reset();
        file.clear();
        date.setIso(todayIso());
        items.reset();
        items.element.hidden = false;
        success.textContent = t('comments.submission.done', { number: filed.documentNumber });
        await reloadList();
      })
      .catch((failure: unknown) => {
        error.textContent = commentErrorMessage(failure);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });

  listRevisions(documentId)
    .then((revisions: Revision[]) => revisionSlot.replaceChildren(field('comments.submission.revision', revisionPicker(revisions))))
    // Without the list the current draft is still offered, which is the usual choice.
    .catch(() => undefined);
  reloadList().catch((failure: unknown) => {
    listSlot.replaceChildren(h('p', { className: 'form-error', text: commentErrorMessage(failure) }));
  });

  return h('details', { className: 'submission-panel' }, [
    h('summary', { className: 'submission-panel__summary', i18n: 'comments.submission.title' }),
    form,
    h('h3', { className: 'submission-panel__list-title', i18n: 'comments.submission.listTitle' }),
    listSlot,
  ]);
}
