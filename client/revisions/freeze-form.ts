import { createRevision } from '../api/revision-endpoints.ts';
import type { Revision } from '../api/revision-records.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { createFeedback } from '../ui/feedback.ts';
import { field } from '../ui/field.ts';

/**
 * "Lưu phiên bản", for the secretariat: a name (required, e.g. "Dự thảo lần 2") and an
 * optional note, both NFC-normalised and trimmed. On success the form is emptied, says so
 * and calls `onSaved`; a failure is shown under the form and keeps what was typed.
 */
export function renderFreezeForm(documentId: string, onSaved: (revision: Revision) => Promise<void>): HTMLFormElement {
  const name = h('input', { i18nPlaceholder: 'revisions.freeze.namePlaceholder', attrs: { name: 'name', required: '', maxlength: '200', autocomplete: 'off' } });
  const note = h('textarea', { attrs: { name: 'note', rows: '3', maxlength: '2000' } });
  const submit = h('button', { className: 'button button--primary', i18n: 'revisions.freeze.submit', attrs: { type: 'submit' } });
  const feedback = createFeedback();
  const form = h('form', { className: 'card freeze-form' }, [
    h('h2', { i18n: 'revisions.freeze.title' }),
    h('p', { className: 'muted', i18n: 'revisions.freeze.intro' }),
    field('revisions.freeze.name', name),
    field('revisions.freeze.note', note),
    feedback.element,
    submit,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const revisionName = name.value.normalize('NFC').trim();
    if (revisionName === '') return;
    submit.disabled = true;
    feedback.clear();
    createRevision(documentId, revisionName, note.value.normalize('NFC').trim())
      .then(async (revision) => {
        form.reset();
        feedback.success(t('revisions.freeze.done', { name: revision.name }));
        await onSaved(revision);
      })
      .catch((error: unknown) => feedback.error(error))
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}
