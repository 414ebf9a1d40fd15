import type { Submission } from '../api/comment-records.ts';
import { attachmentUrl } from '../api/comment-endpoints.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { formatCalendarDate } from './time-format.ts';

/**
 * The submissions already filed (the organisation's own, for a ministry officer): number,
 * date and signer, "Không có ý kiến" or how many comments, and a link to the attached file.
 */
export function renderSubmissionList(documentId: string, submissions: readonly Submission[]): HTMLElement {
  if (submissions.length === 0) return h('p', { className: 'muted submission-list__empty', i18n: 'comments.submission.listEmpty' });
  return h(
    'ul',
    { className: 'submission-list' },
    submissions.map((submission) => {
      const lines: Array<HTMLElement | string> = [
        h('span', {
          className: 'submission-list__title',
          text: t('comments.submission.summary', { number: submission.documentNumber, date: formatCalendarDate(submission.date), signer: submission.signer }),
        }),
        h('span', {
          className: 'submission-list__items muted',
          text: submission.noComments ? t('comments.submission.noComments') : t('comments.submission.itemCount', { count: submission.threadIds.length }),
        }),
      ];
      if (submission.attachment !== null) {
        lines.push(h('a', { className: 'submission-list__attachment', text: submission.attachment.fileName, attrs: { href: attachmentUrl(documentId, submission.id), download: submission.attachment.fileName } }));
      }
      return h('li', { className: 'submission-list__item', attrs: { 'data-submission-id': submission.id } }, lines);
    }),
  );
}
