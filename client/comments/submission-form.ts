import type { Submission } from '../api/comment-records.ts';
import { createSubmission, listSubmissions, type NewSubmission } from '../api/comment-endpoints.ts';
import { listRevisions } from '../api/revision-endpoints.ts';
import type { Revision } from '../api/revision-records.ts';
import { listRoundsForResponse, type Round } from '../api/round-response-endpoints.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { field } from '../ui/field.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { revisionPicker } from './revision-picker.ts';
import { createSubmissionItems, type SubmissionItemsOptions } from './submission-items.ts';
import { createLetterInputs } from './submission-letter.ts';
import { renderSubmissionList } from './submission-list.ts';
import { createRoundResponse } from './submission-response.ts';

/**
 * "Gửi văn bản góp ý", a ministry officer's official answer. While a consultation round
 * consulting the organisation is open, it is the round's response (see submission-response.ts:
 * the organisation's drafts are sent with the letter). Otherwise the written submission
 * (công văn) as before rounds: số công văn, ngày, người ký, an optional PDF or DOCX (≤ 10 MB,
 * read with FileReader and sent as base64), the version commented on (current draft or a named
 * revision), and either the comments, each tied to a passage or a section, or "Không có ý
 * kiến". Below it, the organisation's submissions with their attachments. Each filed comment
 * becomes a thread, which reaches the sidebar through the live events.
 */
export function createSubmissionPanel(documentId: string, itemOptions: SubmissionItemsOptions): HTMLElement {
  const panel = h('details', { className: 'submission-panel' }, [h('summary', { className: 'submission-panel__summary', i18n: 'comments.submission.title' })]);
  const general = createGeneralSubmission(documentId, itemOptions);
  panel.append(...general);
  listRoundsForResponse(documentId)
    .then((rounds: Round[]) => {
      const open = rounds.find((round) => round.state === 'open');
      if (open === undefined) return;
      // In an open round the response replaces the general form, opened: it is the officer's main task.
      for (const element of general) element.remove();
      panel.append(createRoundResponse(documentId, open));
      panel.open = true;
    })
    // Without the rounds the general form still works; the server files it in the open round anyway.
    .catch(() => undefined);
  return panel;
}

/** The written submission form outside rounds, and the list of submissions filed. */
function createGeneralSubmission(documentId: string, itemOptions: SubmissionItemsOptions): HTMLElement[] {
  const letter = createLetterInputs('comments.submission.documentNumber', 'comments.submission.noComments');
  const revisionSlot = h('div', { className: 'submission-form__revision' }, [field('comments.submission.revision', revisionPicker([]))]);
  const items = createSubmissionItems(itemOptions);
  const submit = h('button', { className: 'button button--primary', i18n: 'comments.submission.submit', attrs: { type: 'submit' } });
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const success = h('p', { className: 'form-success', attrs: { role: 'status' } });
  const listSlot = h('div', { className: 'submission-list__slot' });

  letter.noComments.addEventListener('change', () => {
    items.element.hidden = letter.noComments.checked;
  });

  const showList = (submissions: readonly Submission[]): void => {
    listSlot.replaceChildren(renderSubmissionList(documentId, submissions));
  };
  const reloadList = (): Promise<void> => listSubmissions(documentId).then(showList);

  const form = h('form', { className: 'submission-form' }, [...letter.fields, revisionSlot, letter.noCommentsField, items.element, error, success, submit]);

  const collect = async (): Promise<NewSubmission | string> => {
    const fields = await letter.read();
    if (typeof fields === 'string') return fields;
    const submission: NewSubmission = { ...fields, items: [] };
    const revision = form.querySelector<HTMLSelectElement>('select[name="revisionId"]')?.value ?? '';
    if (revision !== '') submission.revisionId = revision;
    if (!fields.noComments) {
      const read = items.read();
      if (read === 'incomplete') return t('comments.error.itemIncomplete');
      if (read.length === 0) return t('comments.error.noItems');
      submission.items = read;
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
        letter.reset();
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

  return [form, h('h3', { className: 'submission-panel__list-title', i18n: 'comments.submission.listTitle' }), listSlot];
}
