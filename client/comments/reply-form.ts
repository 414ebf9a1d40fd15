import type { PublicThread } from '../api/comment-records.ts';
import { replyToThread } from '../api/comment-endpoints.ts';
import { h } from '../ui/dom.ts';
import { discardDraft, keepDraft } from '../ui/draft-keeper.ts';
import { commentErrorMessage } from './comment-errors.ts';

/**
 * The reply box under a thread: a text area and "Trả lời". The reply is sent NFC and
 * trimmed; an empty one is not sent. On success the box empties and the answer goes to
 * `onReplied`; on failure the text stays and the error shows.
 */
export function createReplyForm(documentId: string, threadId: string, onReplied: (thread: PublicThread) => void): HTMLFormElement {
  const body = h('textarea', { className: 'reply-form__body', i18nPlaceholder: 'comments.reply.placeholder', i18nAriaLabel: 'comments.reply.label', attrs: { name: 'reply', rows: '2', maxlength: '20000' } });
  const submit = h('button', { className: 'button reply-form__submit', i18n: 'comments.reply.submit', attrs: { type: 'submit' } });
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const form = h('form', { className: 'reply-form' }, [body, submit, error]);
  const draftKey = `reply:${documentId}:${threadId}`;
  keepDraft(body, draftKey);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = body.value.normalize('NFC').trim();
    if (text === '') return;
    submit.disabled = true;
    error.textContent = '';
    replyToThread(documentId, threadId, text)
      .then((thread) => {
        body.value = '';
        discardDraft(draftKey);
        onReplied(thread);
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
