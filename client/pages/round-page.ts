import { threadEventsUrl } from '../api/comment-endpoints.ts';
import { fetchDocument, fetchMe } from '../api/endpoints.ts';
import { fetchCarryOver, fetchRound, fetchRoundDashboard, roundSynthesisUrl, type RoundWithStatuses } from '../api/round-endpoints.ts';
import { isSecretariat } from '../account/roles.ts';
import { formatCalendarDate } from '../comments/time-format.ts';
import { onLocaleChange, t } from '../i18n/index.ts';
import { revisionPath, roundsPath } from '../router.ts';
import { renderCarryOver } from '../rounds/carry-over-view.ts';
import { renderRoundActions } from '../rounds/round-actions.ts';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../document-model/date-time.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';
import { documentPageHeading } from '../ui/page-heading.ts';

/** How long the page waits after an event before re-reading the dashboard, so a burst of events costs one request. */
const REFRESH_DEBOUNCE_MS = 250;

/** The round's details: version sent, request letter, deadline, state and history. */
function roundDetails(documentId: string, round: RoundWithStatuses): HTMLElement[] {
  const history = round.history.map((event) => {
    const when = formatDateTime(event.at);
    const deadline = (value: string | null): string => (value === null ? '' : formatDateTime(value, DISPLAY_TIME_ZONE));
    const text =
      event.kind === 'opened'
        ? t('rounds.history.opened', { time: when, who: event.by.displayName, to: deadline(event.to) })
        : event.kind === 'extended'
          ? t('rounds.history.extended', { time: when, who: event.by.displayName, from: deadline(event.from), to: deadline(event.to), reason: event.reason ?? '' })
          : t('rounds.history.closed', { time: when, who: event.by.displayName });
    return h('li', { text });
  });
  return [
    h('p', { className: 'round-title', text: round.title, attrs: { 'data-round-id': round.id, 'data-state': round.state } }),
    h('ul', { className: 'round-facts' }, [
      h('li', {}, [h('a', { text: t('rounds.detail.revision', { name: round.revision.name }), attrs: { href: revisionPath(documentId, round.revision.id) } })]),
      h('li', { text: t('rounds.detail.letter', { number: round.requestLetter.number, date: formatCalendarDate(round.requestLetter.date) }) }),
      h('li', { className: 'round-deadline', text: t('rounds.detail.deadline', { deadline: formatDateTime(round.deadline, DISPLAY_TIME_ZONE) }) }),
      h('li', { i18n: round.state === 'open' ? 'rounds.state.open' : 'rounds.state.closed' }),
      ...(round.ministriesSeeEachOther ? [h('li', { i18n: 'rounds.detail.seeEachOther' })] : []),
    ]),
    h('details', { className: 'round-history' }, [h('summary', { i18n: 'rounds.detail.history' }), h('ul', {}, history)]),
  ];
}

/**
 * `/documents/:id/rounds/:roundId`: a consultation round — its details and history, the
 * secretariat's extend and close actions, the synthesis table of the round (secretariat and
 * committee), the dashboard (a ministry sees its own row only: the server says what it sees)
 * and what the round carries over from the previous one. The dashboard follows the document's
 * event stream: a `round` event (a response filed, the deadline moved, the round closed) or a
 * `thread` event (a comment or decision) re-reads it, debounced; so does a reconnection.
 */
export async function renderRoundPage(root: HTMLElement, documentId: string, roundId: string): Promise<void> {
  const [me, document, initialRound, dashboard, carry, { createDashboardView }] = await Promise.all([
    fetchMe(),
    fetchDocument(documentId),
    fetchRound(documentId, roundId),
    fetchRoundDashboard(documentId, roundId),
    fetchCarryOver(documentId, roundId),
    // Chart.js is only loaded on this page.
    import('../rounds/dashboard-view.ts'),
  ]);
  let round = initialRound;
  window.document.title = `${round.title} — ${document.title} — Draftroom`;
  const secretariat = isSecretariat(me.user.role);
  const details = h('section', { className: 'card round-details' });
  const actionsSlot = h('div', { className: 'round-actions-slot' });
  const renderRound = (): void => {
    details.replaceChildren(...roundDetails(document.id, round));
    if (me.user.role === 'secretariat' || me.user.role === 'editor') {
      details.append(
        h('p', { className: 'round-synthesis no-print' }, [
          h('span', { i18n: 'rounds.synthesis' }),
          ' ',
          h('a', { className: 'button button--quiet', text: 'DOCX', attrs: { href: roundSynthesisUrl(document.id, round.id, 'docx'), 'data-action': 'synthesis-docx' } }),
          h('a', { className: 'button button--quiet', text: 'CSV', attrs: { href: roundSynthesisUrl(document.id, round.id, 'csv'), 'data-action': 'synthesis-csv' } }),
        ]),
      );
    }
    details.append(h('button', { className: 'button no-print', i18n: 'rounds.print', attrs: { type: 'button', 'data-action': 'print' }, on: { click: () => window.print() } }));
    actionsSlot.replaceChildren(
      ...(secretariat && round.state === 'open'
        ? [
            renderRoundActions(document.id, round, (changed) => {
              round = changed;
              renderRound();
              scheduleRefresh();
            }),
          ]
        : []),
    );
  };

  const view = createDashboardView(document.id, secretariat);
  let latest = dashboard;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let loading: Promise<void> = Promise.resolve();
  const refresh = async (): Promise<void> => {
    const [nextRound, nextDashboard] = await Promise.all([fetchRound(document.id, round.id), fetchRoundDashboard(document.id, round.id)]);
    round = nextRound;
    latest = nextDashboard;
    renderRound();
    view.show(latest);
  };
  function scheduleRefresh(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      // One request at a time: a refresh asked for during another runs after it.
      loading = loading.then(refresh).catch((error: unknown) => console.error(error));
    }, REFRESH_DEBOUNCE_MS);
  }
  const events = new EventSource(threadEventsUrl(document.id), { withCredentials: true });
  let broken = false;
  events.addEventListener('round', scheduleRefresh);
  events.addEventListener('thread', scheduleRefresh);
  events.addEventListener('error', () => {
    broken = true;
  });
  events.addEventListener('open', () => {
    if (broken) scheduleRefresh();
    broken = false;
  });
  window.addEventListener('pagehide', () => events.close(), { once: true });

  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page page--wide round-page' }, [
      ...documentPageHeading({ page: 'round-page', back: { label: 'rounds.backToList', href: roundsPath(document.id) }, title: 'rounds.round', document }),
      details,
      actionsSlot,
      view.element,
      renderCarryOver(document.id, carry),
    ]),
  );
  renderRound();
  view.show(latest);
  // Labels, dates and chart legends are written for the language.
  onLocaleChange(() => {
    renderRound();
    view.show(latest);
  });
}
