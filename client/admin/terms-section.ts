import { updateTerminology } from '../api/settings-endpoints.ts';
import { getTerms, setTerms, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { createFeedback, runReported } from '../ui/feedback.ts';
import { field } from '../ui/field.ts';
import { onSubmitOnce } from '../ui/submit-once.ts';

/**
 * "Tên gọi": the secretariat names the drafting body and the secretariat
 * (`form.terms-form`, inputs `draftingBody` and `secretariat`). Saving applies the names to
 * the page at once (every later page loads them from the server).
 */
export function createTermsSection(): HTMLElement {
  const feedback = createFeedback();
  const current = getTerms();
  const draftingBody = h('input', { attrs: { name: 'draftingBody', required: '', maxlength: '120', value: current.draftingBody } });
  const secretariat = h('input', { attrs: { name: 'secretariat', required: '', maxlength: '120', value: current.secretariat } });
  const form = h('form', { className: 'card terms-form', attrs: { novalidate: '' } }, [
    h('h2', { i18n: 'admin.terms.tab' }),
    h('p', { className: 'muted', i18n: 'admin.terms.intro' }),
    field('admin.terms.draftingBody', draftingBody),
    field('admin.terms.secretariat', secretariat),
    h('button', { className: 'button button--primary', i18n: 'admin.terms.save', attrs: { type: 'submit' } }),
  ]);
  onSubmitOnce(form, () => {
    const names = { draftingBody: draftingBody.value.normalize('NFC').trim(), secretariat: secretariat.value.normalize('NFC').trim() };
    if (names.draftingBody === '' || names.secretariat === '') {
      feedback.problem(t('error.validation'));
      return;
    }
    return runReported(
      feedback,
      async () => {
        const saved = await updateTerminology(names);
        setTerms(saved);
        draftingBody.value = saved.draftingBody;
        secretariat.value = saved.secretariat;
      },
      async () => undefined,
      t('admin.terms.saved'),
    ).then(() => undefined);
  });
  return h('div', { className: 'admin-section' }, [feedback.element, form]);
}
