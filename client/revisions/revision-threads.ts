import { listThreads } from '../api/comment-endpoints.ts';
import type { Revision } from '../api/revision-records.ts';
import { statusLabelKey } from '../comments/status-labels.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';

/**
 * The comment threads filed against a revision, listed with it: a collapsed
 * "N góp ý trên phiên bản này" that loads the threads when opened (organisation, status,
 * the comment as text). Nothing is shown for a revision without threads.
 */
export function renderRevisionThreads(documentId: string, revision: Revision): HTMLElement | null {
  if (revision.threadCount === 0) return null;
  const list = h('ul', { className: 'revision-threads' });
  let loaded = false;
  const details = h('details', { className: 'revision-threads-box', attrs: { 'data-thread-count': String(revision.threadCount) } }, [
    h('summary', { text: t('revisions.threads', { count: String(revision.threadCount) }) }),
    list,
  ]);
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    list.replaceChildren(h('li', { className: 'muted', text: t('revisions.threadsLoading') }));
    listThreads(documentId, revision.id).then(
      (result) =>
        list.replaceChildren(
          ...result.threads.map((thread) =>
            h('li', { attrs: { 'data-thread-id': thread.id } }, [
              h('strong', { text: thread.organization?.name ?? t('revisions.threadsDraftingGroup') }),
              h('span', { className: 'muted', text: ` — ${t(statusLabelKey(thread.status))}: ` }),
              h('span', { text: thread.comments[0]?.body ?? '' }),
            ]),
          ),
        ),
      () => {
        loaded = false;
        list.replaceChildren(h('li', { className: 'error', text: t('revisions.threadsFailed') }));
      },
    );
  });
  return details;
}
