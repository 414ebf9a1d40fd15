import { h } from './dom.ts';
import { errorMessage } from './error-message.ts';

/** A message area under a form or table: one error or one confirmation at a time. */
export interface Feedback {
  readonly element: HTMLElement;
  /** Shows the translated message of a failed request (see `errorMessage`). */
  error(error: unknown): void;
  /** Shows an already translated problem. */
  problem(text: string): void;
  /** Shows an already translated confirmation. */
  success(text: string): void;
  clear(): void;
}

/**
 * Creates a feedback area. Errors go to an `role="alert"` paragraph so screen readers
 * announce them; confirmations to a polite `role="status"` one.
 */
export function createFeedback(): Feedback {
  const alert = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const status = h('p', { className: 'form-success', attrs: { role: 'status' } });
  const set = (errorText: string, successText: string): void => {
    alert.textContent = errorText;
    status.textContent = successText;
  };
  return {
    element: h('div', { className: 'feedback' }, [alert, status]),
    error: (error) => set(errorMessage(error), ''),
    problem: (text) => set(text, ''),
    success: (text) => set('', text),
    clear: () => set('', ''),
  };
}

/**
 * Runs an action of a form or table: `work`, then `refresh` (reloading what it changed), then
 * says so on `feedback` (`success`, or nothing when null). A failure of either is shown as the
 * error instead. Resolves true when both succeeded.
 */
export async function runReported(feedback: Feedback, work: () => Promise<unknown>, refresh: () => Promise<void>, success: string | null): Promise<boolean> {
  try {
    await work();
    await refresh();
    if (success === null) feedback.clear();
    else feedback.success(success);
    return true;
  } catch (error) {
    feedback.error(error);
    return false;
  }
}
