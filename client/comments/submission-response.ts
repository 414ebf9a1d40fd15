import type { Submission } from '../api/comment-records.ts';
import { attachmentUrl, createSubmission, listSubmissions, type NewSubmission } from '../api/comment-endpoints.ts';
import { ApiError } from '../api/http.ts';
import type { Round } from '../api/round-response-endpoints.ts';
import { t } from '../i18n/index.ts';
import { revisionPath } from '../router.ts';
import { ROUND_RESPONSE_ANCHOR } from '../rounds/round-banner.ts';
import { h } from '../ui/dom.ts';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../document-model/date-time.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { createLetterInputs } from './submission-letter.ts';
import { formatCalendarDate } from './time-format.ts';

/** The organisation's responses to `round`, oldest first: the last one is in force. */
export function responsesOfRound(submissions: readonly Submission[], roundId: string): Submission[] {
  return submissions.filter((submission) => submission.roundId === roundId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** A refusal of the response, in the officer's words (the drafts rule has its own message). */
function responseErrorMessage(failure: unknown, noComments: boolean): string {
  if (failure instanceof ApiError && failure.code === 'ERR_VALIDATION') return t(noComments ? 'response.error.drafts' : 'response.error.noDrafts');
  return commentErrorMessage(failure);
}

/**
 * A ministry's official response to an open round, in the comments sidebar: the round and its
 * deadline; before sending, the letter form (số văn bản, ngày dd/mm/yyyy, người ký, the scan,
 * or "Không có ý kiến"), which sends the organisation's drafts with it; once sent, the locked
 * letter as sent (earlier ones marked superseded) and "Gửi văn bản thay thế", the same form
 * naming the response it corrects. The server enforces every rule; this only shows them.
 */
export function createRoundResponse(documentId: string, round: Round): HTMLElement {
  const status = h('div', { className: 'round-response__status' });
  const letter = createLetterInputs('response.documentNumber', 'response.noComments');
  const submit = h('button', { className: 'button button--primary', i18n: 'response.submit', attrs: { type: 'submit' } });
  const cancel = h('button', { className: 'button button--quiet', i18n: 'response.cancelCorrection', attrs: { type: 'button' } });
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const success = h('p', { className: 'form-success', attrs: { role: 'status' } });
  const form = h('form', { className: 'submission-form round-response__form' }, [
    h('p', { className: 'muted round-response__hint', i18n: 'response.draftsHint' }),
    ...letter.fields,
    letter.noCommentsField,
    error,
    h('div', { className: 'round-response__buttons' }, [submit, cancel]),
  ]);
  let responses: Submission[] = [];

  const showStatus = (): void => {
    const latest = responses.at(-1);
    if (latest === undefined) {
      status.replaceChildren();
      form.hidden = false;
      cancel.hidden = true;
      return;
    }
    const lines: HTMLElement[] = [
      h('p', { className: 'round-response__sent', text: t('response.sent', { number: latest.documentNumber, date: formatCalendarDate(latest.date), signer: latest.signer }) }),
      h('p', { className: 'muted round-response__sent-at', text: t('response.sentAt', { time: formatDateTime(latest.createdAt) }) }),
      h('p', {
        className: 'round-response__content',
        // The comments sent with earlier letters stay sent (and locked) under a correction.
        text: latest.noComments ? t('response.noComments') : t('response.comments', { count: responses.reduce((sum, response) => sum + response.threadIds.length, 0) }),
      }),
    ];
    if (latest.createdAt > round.deadline) lines.push(h('p', { className: 'round-response__late', i18n: 'response.late' }));
    if (latest.attachment !== null) {
      lines.push(h('a', { className: 'submission-list__attachment', text: latest.attachment.fileName, attrs: { href: attachmentUrl(documentId, latest.id), download: latest.attachment.fileName } }));
    }
    lines.push(h('p', { className: 'round-response__locked muted', i18n: 'response.locked' }));
    for (const earlier of responses.slice(0, -1).reverse()) {
      lines.push(h('p', { className: 'muted round-response__superseded', text: t('response.superseded', { number: earlier.documentNumber, date: formatCalendarDate(earlier.date) }) }));
    }
    const correct = h('button', { className: 'button round-response__correct', i18n: 'response.correct', attrs: { type: 'button' } });
    correct.addEventListener('click', () => {
      form.hidden = false;
      correct.hidden = true;
    });
    lines.push(correct);
    status.replaceChildren(...lines);
    form.hidden = true;
    cancel.hidden = false;
  };

  const reload = (): Promise<void> =>
    listSubmissions(documentId).then((submissions) => {
      responses = responsesOfRound(submissions, round.id);
      showStatus();
    });

  cancel.addEventListener('click', () => {
    letter.reset();
    error.textContent = '';
    showStatus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    success.textContent = '';
    submit.disabled = true;
    const noComments = letter.noComments.checked;
    letter
      .read()
      .then(async (fields) => {
        if (typeof fields === 'string') {
          error.textContent = fields;
          return;
        }
        const response: NewSubmission = { ...fields, items: [], roundId: round.id };
        const latest = responses.at(-1);
        if (latest !== undefined) response.supersedes = latest.id;
        const sent = await createSubmission(documentId, response);
        letter.reset();
        success.textContent = t('response.done', { number: sent.documentNumber });
        await reload();
      })
      .catch((failure: unknown) => {
        error.textContent = responseErrorMessage(failure, noComments);
      })
      .finally(() => {
        submit.disabled = false;
      });
  });

  reload().catch((failure: unknown) => {
    status.replaceChildren(h('p', { className: 'form-error', text: commentErrorMessage(failure) }));
  });

  return h('section', { className: 'round-response', attrs: { 'data-round-id': round.id, id: ROUND_RESPONSE_ANCHOR } }, [
    h('p', { className: 'round-response__round', text: t('response.round', { title: round.title, deadline: formatDateTime(round.deadline, DISPLAY_TIME_ZONE) }) }),
    // The drafting group keeps writing the live draft; the version sent is what the ministry answers.
    h('a', { className: 'round-response__revision', text: t('response.readSent', { name: round.revision.name }), attrs: { href: revisionPath(documentId, round.revision.id) } }),
    h('h3', { className: 'round-response__title', i18n: 'response.title' }),
    status,
    success,
    form,
  ]);
}
