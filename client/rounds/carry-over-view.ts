import type { CarryOver } from '../api/round-endpoints.ts';
import { statusLabelKey } from '../comments/status-labels.ts';
import { t } from '../i18n/index.ts';
import { comparePath } from '../router.ts';
import { h } from '../ui/dom.ts';

/**
 * "So với đợt trước": for a round after the first, the previous round and its version, a link to
 * the comparison of the version it sent with this one, and the previous round's comments with
 * the decisions taken on them (organisation, passage, comment, decision and explanation). A first
 * round says so.
 */
export function renderCarryOver(documentId: string, carry: CarryOver): HTMLElement {
  const section = h('section', { className: 'card round-carry', attrs: { 'data-section': 'carry-over' } }, [h('h2', { i18n: 'rounds.carry.title' })]);
  const previous = carry.previous;
  if (previous === null) {
    section.append(h('p', { className: 'muted', i18n: 'rounds.carry.first' }));
    return section;
  }
  section.append(
    h('p', { text: t('rounds.carry.previous', { title: previous.title, revision: previous.revision.name }) }),
    h('p', {}, [
      h('a', {
        className: 'round-carry__compare',
        text: t('rounds.carry.compare', { from: previous.revision.name, to: carry.revision.name }),
        attrs: { href: comparePath(documentId, previous.revision.id, carry.revision.id) },
      }),
    ]),
    h('h3', { i18n: 'rounds.carry.decisions' }),
  );
  if (carry.decisions.length === 0) {
    section.append(h('p', { className: 'muted', i18n: 'rounds.carry.none' }));
    return section;
  }
  const columns = ['rounds.col.organization', 'rounds.col.section', 'rounds.carry.col.quote', 'rounds.carry.col.comment', 'rounds.carry.col.decision'] as const;
  section.append(
    h('table', { className: 'table round-table round-carry__table' }, [
      h('caption', { i18n: 'rounds.carry.decisions' }),
      h('thead', {}, [h('tr', {}, columns.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })))]),
      h(
        'tbody',
        {},
        carry.decisions.map((decision) =>
          h('tr', { attrs: { 'data-thread-id': decision.threadId, 'data-status': decision.status } }, [
            h('th', { text: decision.organization.name, attrs: { scope: 'row' } }),
            h('td', { text: decision.section ?? t('rounds.noSection') }),
            h('td', { text: decision.quote === null ? '' : `“${decision.quote}”` }),
            h('td', { text: decision.comment }),
            h('td', { text: decision.explanation ? `${t(statusLabelKey(decision.status))}. ${decision.explanation}` : t(statusLabelKey(decision.status)) }),
          ]),
        ),
      ),
    ]),
  );
  return section;
}
