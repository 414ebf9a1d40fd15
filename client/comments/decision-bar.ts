import type { PublicThread, ThreadStatus } from '../api/comment-records.ts';
import { setThreadStatus } from '../api/comment-endpoints.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { conflictCurrent } from '../api/review-endpoints.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { DECISION_STATUSES, decisionLabelKey, needsExplanation } from './status-labels.ts';

/** A mounted decision bar. */
export interface DecisionBar {
  readonly element: HTMLElement;
  /** Follows the thread's current status (the button of the current status is pressed; "Mở lại" shows once it is not open). */
  update(thread: PublicThread): void;
}

/**
 * The secretariat's decision on a thread: an explanation (giải trình) box and one button
 * per decision (Đang xem xét, Tiếp thu, Tiếp thu một phần, Không tiếp thu, Mở lại).
 * Partially and not accepted need an explanation: without one the bar says so and sends
 * nothing (the server refuses it too). The answer goes to `onDecided`; what was typed
 * stays on failure.
 */
export function createDecisionBar(documentId: string, initial: PublicThread, onDecided: (thread: PublicThread) => void): DecisionBar {
  let thread = initial;
  const explanation = h('textarea', {
    className: 'decision-bar__explanation',
    i18nPlaceholder: 'comments.decision.explanationPlaceholder',
    attrs: { name: 'explanation', rows: '2', maxlength: '20000' },
  });
  explanation.value = thread.explanation ?? '';
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const buttons = DECISION_STATUSES.map((status) =>
    h('button', {
      className: `button decision-bar__button decision-bar__button--${status}`,
      i18n: decisionLabelKey(status),
      attrs: { type: 'button', 'data-decision': status },
      on: { click: () => decide(status) },
    }),
  );
  const decide = (status: ThreadStatus): void => {
    const text = explanation.value.normalize('NFC').trim();
    if (needsExplanation(status) && text === '') {
      error.textContent = t('comments.error.explanationRequired');
      explanation.focus();
      return;
    }
    error.textContent = '';
    for (const button of buttons) button.disabled = true;
    setThreadStatus(documentId, thread.id, status, text, thread.version)
      .then(onDecided)
      .catch((failure: unknown) => {
        error.textContent = commentErrorMessage(failure);
        // Someone else decided meanwhile: show their decision; deciding again confirms over it.
        const current = conflictCurrent(failure);
        if (current) onDecided(current);
      })
      .finally(() => {
        for (const button of buttons) button.disabled = false;
      });
  };
  const update = (next: PublicThread): void => {
    const changed = next.explanation !== thread.explanation;
    thread = next;
    if (changed && document.activeElement !== explanation) explanation.value = next.explanation ?? '';
    for (const button of buttons) {
      // "Mở lại" is an action, not a state: offered only once the thread left `open`.
      if (button.dataset.decision === 'open') button.hidden = next.status === 'open';
      else button.setAttribute('aria-pressed', String(button.dataset.decision === next.status));
    }
  };
  update(thread);
  const element = h('div', { className: 'decision-bar' }, [
    h('label', { className: 'field decision-bar__field' }, [h('span', { i18n: 'comments.decision.explanation' }), explanation]),
    h('div', { className: 'decision-bar__buttons', attrs: { role: 'group' }, i18nAriaLabel: 'comments.decision.label' }, buttons),
    error,
  ]);
  return { element, update };
}
