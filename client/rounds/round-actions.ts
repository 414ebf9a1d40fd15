import { closeRound, extendRound, type RoundWithStatuses } from '../api/round-endpoints.ts';
import { t } from '../i18n/index.ts';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../document-model/date-time.ts';
import { createDateInput } from '../ui/date-input.ts';
import { h } from '../ui/dom.ts';
import { createFeedback } from '../ui/feedback.ts';
import { field } from '../ui/field.ts';
import { renderInlineConfirm } from '../ui/inline-confirm.ts';
import { onSubmitOnce } from '../ui/submit-once.ts';

/**
 * The secretariat's actions on an open round: extend (a new deadline, dd/mm/yyyy, and a reason;
 * the server refuses one that is not later) and close, after an inline confirm step naming the
 * round. `onChanged` receives the round as the server now has it.
 */
export function renderRoundActions(documentId: string, round: RoundWithStatuses, onChanged: (round: RoundWithStatuses) => void): HTMLElement {
  const feedback = createFeedback();
  const deadline = createDateInput('newDeadline', { required: true });
  const reason = h('input', { attrs: { name: 'reason', required: '', maxlength: '1000', autocomplete: 'off' } });
  const extend = h('form', { className: 'round-extend', attrs: { 'data-form': 'extend-round' } }, [
    h('h3', { i18n: 'rounds.extend.title' }),
    field('rounds.extend.deadline', deadline.input),
    field('rounds.extend.reason', reason),
    h('button', { className: 'button', i18n: 'rounds.extend.submit', attrs: { type: 'submit' } }),
  ]);
  onSubmitOnce(extend, () => {
    feedback.clear();
    const iso = deadline.iso();
    if (iso === '') {
      feedback.problem(t('rounds.form.badDate'));
      return;
    }
    return extendRound(documentId, round.id, iso, reason.value.normalize('NFC').trim()).then(
      (changed) => {
        feedback.success(t('rounds.extend.done', { deadline: formatDateTime(changed.deadline, DISPLAY_TIME_ZONE) }));
        onChanged(changed);
      },
      (error: unknown) => feedback.error(error),
    );
  });
  const closeSlot = h('div', { className: 'round-close' });
  const closeButton = h('button', { className: 'button', i18n: 'rounds.close.button', attrs: { type: 'button', 'data-action': 'close-round' } });
  const showButton = (): void => closeSlot.replaceChildren(closeButton);
  closeButton.addEventListener('click', () => {
    closeSlot.replaceChildren(
      renderInlineConfirm({
        question: t('rounds.close.question', { title: round.title }),
        confirmKey: 'rounds.close.confirm',
        cancelKey: 'rounds.close.cancel',
        action: 'close-round',
        onConfirm: async () => {
          try {
            const changed = await closeRound(documentId, round.id);
            feedback.success(t('rounds.close.done'));
            onChanged(changed);
          } catch (error) {
            // The confirm step stays, so the person can retry or cancel.
            feedback.error(error);
          }
        },
        onCancel: showButton,
      }),
    );
  });
  showButton();
  return h('section', { className: 'card round-actions no-print' }, [extend, closeSlot, feedback.element]);
}
