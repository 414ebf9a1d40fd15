import type { PublicThread, ThreadAnchor } from '../api/comment-records.ts';
import { reattachThread } from '../api/comment-endpoints.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { formatDateTime } from '../../document-model/date-time.ts';

/** A mounted "Gắn lại vào đoạn đang chọn" control of one thread card. */
export interface ReattachControl {
  /** The button and its error line, to place among the card's actions. */
  readonly elements: readonly HTMLElement[];
  /** Follows the card's thread and whether the editor holds a text selection now. */
  update(thread: PublicThread, hasSelection: boolean): void;
}

/** What the control needs from the sidebar. */
export interface ReattachContext {
  documentId: string;
  /** The editor's selection as an anchor, or null when nothing is selected. */
  selectedAnchor(): ThreadAnchor | null;
  /** Takes the re-attached thread into the list and makes it the active thread. */
  onReattached(thread: PublicThread): void;
}

/**
 * The secretariat's button on an orphaned thread: sends the editor's current selection as the
 * thread's new passage. Disabled (with a hint) while nothing is selected; pressing it does not
 * take the selection away from the editor. A refusal is shown under it.
 */
export function createReattachControl(initial: PublicThread, context: ReattachContext): ReattachControl {
  let thread = initial;
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const button = h('button', { className: 'button thread-card__reattach', i18n: 'comments.thread.reattach', attrs: { type: 'button' } });
  // Keep the editor's selection: pressing the button must not move it before it is read.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', () => {
    const anchor = context.selectedAnchor();
    if (anchor === null) return;
    button.disabled = true;
    error.textContent = '';
    reattachThread(context.documentId, thread.id, anchor)
      .then(context.onReattached)
      .catch((failure: unknown) => {
        error.textContent = commentErrorMessage(failure);
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return {
    elements: [button, error],
    update(next, hasSelection) {
      thread = next;
      button.disabled = !hasSelection;
      button.title = hasSelection ? '' : t('comments.thread.reattachHint');
    },
  };
}

/** The lines of a thread's re-attachment history: who, when, and the passage before. */
export function renderAnchorHistory(thread: PublicThread): HTMLElement[] {
  return thread.anchorHistory.map((change) => {
    const params = { name: change.by.displayName, time: formatDateTime(change.at) };
    const text = change.fromQuote === null ? t('comments.thread.reattachedFromSection', params) : t('comments.thread.reattached', { ...params, quote: change.fromQuote });
    return h('p', { className: 'thread-card__reattached muted', text, attrs: { 'data-reattached-at': change.at } });
  });
}
