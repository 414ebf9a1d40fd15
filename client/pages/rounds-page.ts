import { fetchDocument, fetchMe, listOrganizations } from '../api/endpoints.ts';
import { listRevisions } from '../api/revision-endpoints.ts';
import { listRounds, type Round } from '../api/round-endpoints.ts';
import { isSecretariat } from '../account/roles.ts';
import { formatCalendarDate } from '../comments/time-format.ts';
import { onLocaleChange, t } from '../i18n/index.ts';
import { documentPath, roundPath } from '../router.ts';
import { renderOpenRoundForm } from '../rounds/open-round-form.ts';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../document-model/date-time.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';
import { documentPageHeading } from '../ui/page-heading.ts';

/** The table of a document's rounds, newest first, each title linking to its page. */
function roundsTable(documentId: string, rounds: readonly Round[]): HTMLElement {
  if (rounds.length === 0) return h('p', { className: 'muted', i18n: 'rounds.empty' });
  const columns = ['rounds.col.title', 'rounds.col.revision', 'rounds.col.letter', 'rounds.col.deadline', 'rounds.col.organizations', 'rounds.col.state'] as const;
  return h('table', { className: 'table round-table rounds-list' }, [
    h('caption', { className: 'visually-hidden', i18n: 'rounds.title' }),
    h('thead', {}, [h('tr', {}, columns.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })))]),
    h(
      'tbody',
      {},
      rounds.map((round) =>
        h('tr', { attrs: { 'data-round-id': round.id } }, [
          h('th', { attrs: { scope: 'row' } }, [h('a', { text: round.title, attrs: { href: roundPath(documentId, round.id) } })]),
          h('td', { text: round.revision.name }),
          h('td', { text: t('rounds.letter', { number: round.requestLetter.number, date: formatCalendarDate(round.requestLetter.date) }) }),
          h('td', { text: formatDateTime(round.deadline, DISPLAY_TIME_ZONE) }),
          h('td', { text: String(round.organizations.length) }),
          h('td', { i18n: round.state === 'open' ? 'rounds.state.open' : 'rounds.state.closed' }),
        ]),
      ),
    ),
  ]);
}

/**
 * `/documents/:id/rounds`: the document's consultation rounds (a ministry: those consulting it)
 * and, for the secretariat, the form that opens one from a named revision; once opened, the
 * browser goes to the new round's page.
 */
export async function renderRoundsPage(root: HTMLElement, documentId: string): Promise<void> {
  const [me, document, rounds] = await Promise.all([fetchMe(), fetchDocument(documentId), listRounds(documentId)]);
  window.document.title = `${t('rounds.title')} — ${document.title} — Draftroom`;
  const list = h('section', { className: 'card rounds-section' }, [h('h2', { i18n: 'rounds.title' })]);
  const table = h('div');
  list.append(table);
  const render = (): void => table.replaceChildren(roundsTable(document.id, rounds));
  const side: HTMLElement[] = [];
  if (isSecretariat(me.user.role)) {
    const [revisions, organizations] = await Promise.all([listRevisions(document.id), listOrganizations()]);
    side.push(
      renderOpenRoundForm({
        documentId: document.id,
        revisions: revisions.filter((revision) => revision.kind === 'named'),
        organizations,
        onOpened: (round) => location.assign(roundPath(document.id, round.id)),
      }),
    );
  }
  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page page--wide rounds-page' }, [
      ...documentPageHeading({ page: 'rounds-page', back: { label: 'rounds.backToDocument', href: documentPath(document.id) }, title: 'rounds.title', document }),
      h('div', { className: 'rounds-layout' }, [list, ...side]),
    ]),
  );
  // Dates and states are written for the language, so the table is redrawn when it changes.
  onLocaleChange(render);
  render();
}
