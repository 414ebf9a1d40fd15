import { THREAD_STATUSES, type ThreadStatus } from '../api/comment-records.ts';
import { threadEventsUrl, synthesisUrl } from '../api/comment-endpoints.ts';
import { fetchDocument, fetchMe } from '../api/endpoints.ts';
import { apiRequest } from '../api/http.ts';
import { listReviewThreads, parseReviewThread } from '../api/review-endpoints.ts';
import { narrowShape } from '../api/shapes.ts';
import { isSecretariat } from '../account/roles.ts';
import { statusLabelKey } from '../comments/status-labels.ts';
import { onLocaleChange, t } from '../i18n/index.ts';
import { Desk } from '../review/desk.ts';
import { DESK_SORTS, DRAFTING_GROUP, NO_DESK_FILTER, type DeskFilter, type DeskSort } from '../review/desk-model.ts';
import { documentPath, parseReviewFilters } from '../router.ts';
import { PATH_SEPARATOR } from '../../document-model/section-paths.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';

const SORT_LABELS = {
  document: 'review.sort.document',
  organization: 'review.sort.organization',
  status: 'review.sort.status',
  updated: 'review.sort.updated',
} as const satisfies Record<DeskSort, string>;

const COLUMNS = [
  'review.col.select',
  'review.col.number',
  'review.col.section',
  'review.col.organization',
  'review.col.comment',
  'review.col.proposal',
  'review.col.status',
  'review.col.explanation',
  'review.col.history',
] as const;

/** The three decisions the bulk bar offers. */
const BULK_DECISIONS: readonly ThreadStatus[] = ['accepted', 'partially_accepted', 'not_accepted'];

/** A `<select>` of `options` (value, label) whose first entry means "all". */
function select(name: string, label: string, options: ReadonlyArray<[string, string]>, onPick: (value: string) => void): HTMLSelectElement {
  const element = h('select', { attrs: { name, 'aria-label': label } }, options.map(([value, text]) => h('option', { text, attrs: { value } })));
  element.addEventListener('change', () => onPick(element.value));
  return element;
}

/**
 * `/documents/:id/review`, the secretariat's review desk: every thread of the document in one
 * table (section path, organisation, comment, proposed wording as a word diff with "apply",
 * status, explanation, history), filtered by status, organisation, section and text, sorted,
 * driven from the keyboard (see `deskKeyAction`), with the same decision applied to selected
 * rows. Changes by others arrive live; a save based on an old version shows theirs instead of
 * overwriting it. Marks `desk:start`, `desk:data` (answers received and narrowed) and `desk:first-render` (rows first drawn) for the benchmark.
 */
export async function renderReviewPage(root: HTMLElement, documentId: string): Promise<void> {
  const me = await fetchMe();
  if (!isSecretariat(me.user.role)) {
    root.replaceChildren(renderHeader(me), h('main', { className: 'page' }, [h('p', { className: 'notice', i18n: 'review.forbidden', attrs: { role: 'alert' } })]));
    return;
  }
  performance.mark('desk:start');
  // A dashboard links here with its filters in the query string (a round, an organisation, a section, a status).
  const wanted = parseReviewFilters(location.search);
  const [document, list, sections] = await Promise.all([
    fetchDocument(documentId),
    listReviewThreads(documentId, wanted.round),
    apiRequest(`/api/documents/${encodeURIComponent(documentId)}/sections`, (body) => narrowShape('Sections', body, 'sections')),
  ]);
  performance.mark('desk:data');
  window.document.title = `${t('review.title')} — ${document.title} — Draftroom`;
  const paths = new Map(sections.sections.map((section) => [section.id, section.path]));
  const desk = new Desk(document.id, list.threads, paths);

  let filter: DeskFilter = {
    ...NO_DESK_FILTER,
    status: THREAD_STATUSES.find((status) => status === wanted.status) ?? null,
    organizationKey: wanted.organization ?? null,
    sectionId: wanted.section ?? null,
  };
  const update = (change: Partial<DeskFilter>): void => {
    filter = { ...filter, ...change };
    desk.setFilter(filter);
  };
  const organizations = new Map<string, string>();
  for (const thread of list.threads) organizations.set(thread.organization?.id ?? DRAFTING_GROUP, thread.organization?.name ?? t('comments.draftingGroup'));
  const search = h('input', { className: 'desk-search', i18nPlaceholder: 'review.search', attrs: { type: 'search', name: 'search', 'aria-label': t('review.search') } });
  search.addEventListener('input', () => update({ text: search.value }));
  const roundNotice = wanted.round === undefined ? [] : [h('p', { className: 'notice desk-round', i18n: 'rounds.reviewFiltered', attrs: { 'data-round-id': wanted.round } })];
  const filters = h('div', { className: 'desk-filters' }, [
    select('status', t('comments.filter.status'), [['', t('comments.filter.allStatuses')], ...THREAD_STATUSES.map((status): [string, string] => [status, t(statusLabelKey(status))])], (value) =>
      update({ status: value === '' ? null : (value as ThreadStatus) }),
    ),
    select('organization', t('comments.filter.organization'), [['', t('comments.filter.allOrganizations')], ...organizations], (value) => update({ organizationKey: value === '' ? null : value })),
    select('section', t('comments.filter.section'), [['', t('comments.filter.allSections')], ...sections.sections.map((section): [string, string] => [section.id, section.path.join(PATH_SEPARATOR)])], (value) =>
      update({ sectionId: value === '' ? null : value }),
    ),
    search,
    h('label', { className: 'desk-sort' }, [
      h('span', { i18n: 'review.sort.label' }),
      select('sort', t('review.sort.label'), DESK_SORTS.map((sort): [string, string] => [sort, t(SORT_LABELS[sort])]), (value) => desk.setSort(value as DeskSort)),
    ]),
  ]);

  const count = h('p', { className: 'desk-count muted', attrs: { 'aria-live': 'polite' } });
  const bulkExplanation = h('input', { className: 'desk-bulk__explanation', i18nPlaceholder: 'review.bulk.explanation', attrs: { type: 'text', name: 'bulk-explanation', maxlength: '20000' } });
  const bulkResult = h('p', { className: 'desk-bulk__result', attrs: { role: 'status' } });
  const bulkButtons = BULK_DECISIONS.map((status) =>
    h('button', {
      className: `button desk-bulk__button`,
      i18n: statusLabelKey(status),
      attrs: { type: 'button', 'data-bulk': status },
      on: {
        click: () => {
          if (desk.counts().selected === 0) {
            bulkResult.textContent = t('review.bulk.none');
            return;
          }
          for (const button of bulkButtons) button.disabled = true;
          void desk.decideSelected(status, bulkExplanation.value.normalize('NFC').trim()).then((tally) => {
            bulkResult.textContent = t('review.bulk.result', tally);
            for (const button of bulkButtons) button.disabled = false;
          });
        },
      },
    }),
  );
  const selectedCount = h('span', { className: 'desk-bulk__count' });
  const bulk = h('div', { className: 'desk-bulk' }, [selectedCount, bulkExplanation, h('span', { i18n: 'review.bulk.apply' }), ...bulkButtons, bulkResult]);

  const selectAll = h('input', { attrs: { type: 'checkbox', 'aria-label': t('review.selectAll') } });
  selectAll.addEventListener('change', () => desk.selectAll(selectAll.checked));
  const head = h(
    'div',
    { className: 'desk-head', attrs: { role: 'row' } },
    COLUMNS.map((key, index) => (index === 0 ? h('div', { className: 'desk-cell desk-cell--select', attrs: { role: 'columnheader' } }, [selectAll]) : h('div', { className: 'desk-cell', i18n: key, attrs: { role: 'columnheader' } }))),
  );
  const scroller = h('div', { className: 'desk-scroll', attrs: { tabindex: '0', role: 'rowgroup', 'aria-label': t('review.title') } });
  const empty = h('p', { className: 'muted desk-empty', i18n: 'review.empty' });
  desk.onChange = () => {
    const { shown, total, selected } = desk.counts();
    count.textContent = t('review.count', { shown, total });
    selectedCount.textContent = t('review.bulk.selected', { count: selected });
    empty.hidden = shown > 0;
  };

  scroller.addEventListener('keydown', (event) => {
    if (event.key === '/' && !(event.target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      search.focus();
      return;
    }
    if (!desk.handleKey(event)) return;
    event.preventDefault();
    // After a save or a cancel the keyboard goes back to the rows (a refused save refocuses the editor).
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) scroller.focus();
  });

  const events = new EventSource(threadEventsUrl(document.id), { withCredentials: true });
  events.addEventListener('thread', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    try {
      desk.receive(parseReviewThread(JSON.parse(event.data) as unknown));
    } catch {
      // A malformed event changes nothing; the next list load corrects the desk.
    }
  });
  window.addEventListener('pagehide', () => events.close(), { once: true });

  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page page--full review-page' }, [
      h('section', { className: 'card' }, [
        h('div', { className: 'desk-links' }, [
          h('a', { className: 'back-link', i18n: 'review.backToDocument', attrs: { href: documentPath(document.id) } }),
          h('a', { className: 'back-link', text: 'DOCX', attrs: { href: synthesisUrl(document.id, 'docx') } }),
          h('a', { className: 'back-link', text: 'CSV', attrs: { href: synthesisUrl(document.id, 'csv') } }),
        ]),
        h('h1', { i18n: 'review.title' }),
        h('p', { className: 'document-title', text: document.title }),
        ...roundNotice,
        filters,
        count,
        bulk,
        h('p', { className: 'desk-keys muted', i18n: 'review.keys' }),
        h('div', { className: 'desk-table', attrs: { role: 'table' } }, [head, scroller, empty]),
      ]),
    ]),
  );
  // Show the filters the page opened with in their boxes, then apply them.
  const initial: Record<string, string | null> = { status: filter.status, organization: filter.organizationKey, section: filter.sectionId };
  for (const [name, value] of Object.entries(initial)) {
    const box = filters.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    if (box !== null && value !== null) box.value = value;
  }
  desk.setFilter(filter);
  desk.mount(scroller);
  performance.mark('desk:first-render');
  onLocaleChange(() => desk.setFilter(filter));
  scroller.focus();
}
