import type { HistoryEntry, ReviewThread } from '../api/review-endpoints.ts';
import { statusLabelKey } from '../comments/status-labels.ts';
import { formatDateTime } from '../../document-model/date-time.ts';
import { t } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/vi.ts';
import { h } from '../ui/dom.ts';
import type { DeskRow } from './desk-model.ts';

/** What a row shows besides its thread: the desk's state for it. */
export interface RowState {
  /** 1-based number in the current order. */
  number: number;
  active: boolean;
  selected: boolean;
  /** History (and the full proposal) unfolded. */
  expanded: boolean;
  /** The explanation editor, when this row is being edited (kept across re-renders so focus and text stay). */
  editor: HTMLTextAreaElement | null;
  /** Someone else's version, shown after a refused save. */
  conflict: ReviewThread | null;
  /** A line under the explanation: an error or "saved". */
  message: string;
  busy: boolean;
}

/** What the row's buttons do. */
export interface RowActions {
  select(threadId: string, selected: boolean): void;
  toggleHistory(threadId: string): void;
  apply(threadId: string): void;
  revert(threadId: string): void;
  activate(threadId: string): void;
}

/** The proposed wording as a word diff: deleted words struck through, inserted ones underlined. */
export function proposalDiff(thread: ReviewThread): HTMLElement {
  const proposal = thread.proposal;
  if (!proposal) return h('span', { className: 'muted', i18n: 'review.proposal.none' });
  return h(
    'span',
    { className: 'desk-diff', attrs: { lang: 'vi' } },
    proposal.diff.map((step) =>
      step.op === 'equal' ? document.createTextNode(step.text) : h(step.op === 'insert' ? 'ins' : 'del', { text: step.text }),
    ),
  );
}

function proposalCell(thread: ReviewThread, actions: RowActions, busy: boolean): HTMLElement {
  const proposal = thread.proposal;
  const children: Array<Node | string> = [proposalDiff(thread)];
  if (proposal?.appliedAt) {
    children.push(
      h('div', { className: 'desk-proposal__applied', text: t('review.proposal.applied', { name: proposal.appliedBy?.displayName ?? '', time: formatDateTime(proposal.appliedAt) }) }),
      h('button', { className: 'button button--quiet desk-proposal__revert', i18n: 'review.proposal.revert', attrs: { type: 'button', 'data-action': 'revert' }, on: { click: () => actions.revert(thread.id) } }),
    );
  } else if (proposal && thread.anchor) {
    const acceptable = thread.status === 'accepted' || thread.status === 'partially_accepted';
    const button = h('button', {
      className: 'button desk-proposal__apply',
      i18n: 'review.proposal.apply',
      attrs: { type: 'button', 'data-action': 'apply' },
      on: { click: () => actions.apply(thread.id) },
    });
    button.disabled = busy || !acceptable;
    if (!acceptable) button.title = t('review.proposal.needsAcceptance');
    children.push(button);
  }
  return h('div', { className: 'desk-cell desk-cell--proposal', attrs: { role: 'cell' } }, children);
}

/** What a history entry that is not a decision says, by its `event`. */
const EVENT_LABELS: Record<NonNullable<HistoryEntry['event']>, MessageKey> = {
  proposal_applied: 'review.history.applied',
  proposal_reverted: 'review.history.reverted',
  set_aside: 'review.history.setAside',
  set_aside_undone: 'review.history.setAsideUndone',
};

function historyLine(entry: HistoryEntry): HTMLElement {
  const what = entry.event ? t(EVENT_LABELS[entry.event]) : t(statusLabelKey(entry.status));
  return h('li', {}, [
    h('time', { className: 'muted', text: formatDateTime(entry.at), attrs: { datetime: entry.at } }),
    ' ',
    h('strong', { text: entry.by.displayName }),
    ': ',
    h('span', { className: 'desk-history__what', text: what }),
    ...(entry.explanation && !entry.event ? [' — ', h('span', { text: entry.explanation })] : []),
  ]);
}

function explanationCell(thread: ReviewThread, state: RowState): HTMLElement {
  const children: Array<Node | string> = [];
  if (state.editor) children.push(state.editor);
  else children.push(h('div', { className: 'desk-explanation', text: thread.explanation ?? '' }));
  if (state.conflict) {
    const other = state.conflict.decidedBy?.displayName ?? state.conflict.history.at(-1)?.by.displayName ?? '';
    children.push(
      h('div', { className: 'desk-conflict notice', attrs: { role: 'alert' } }, [
        h('span', { text: t('review.conflict', { name: other, status: t(statusLabelKey(state.conflict.status)) }) }),
        ...(state.conflict.explanation ? [h('div', {}, [h('em', { i18n: 'review.conflict.theirs' }), ' ', h('span', { className: 'desk-conflict__theirs', text: state.conflict.explanation })])] : []),
      ]),
    );
  }
  if (state.message !== '') children.push(h('div', { className: 'desk-message', text: state.message, attrs: { role: 'status' } }));
  return h('div', { className: 'desk-cell desk-cell--explanation', attrs: { role: 'cell' } }, children);
}

/**
 * One row of the desk: selection box, number, section path, organisation, comment, proposed
 * wording (diff, apply / revert), status, explanation (or its editor, and a conflict notice),
 * and the history button; unfolded, the history and the passage in full below.
 */
export function renderRow(row: DeskRow, state: RowState, actions: RowActions): HTMLElement {
  const { thread } = row;
  const checkbox = h('input', { attrs: { type: 'checkbox', 'aria-label': t('review.col.select') } });
  checkbox.checked = state.selected;
  checkbox.addEventListener('change', () => actions.select(thread.id, checkbox.checked));
  const historyButton = h('button', {
    className: 'button button--quiet desk-history__toggle',
    text: t('review.history.show', { count: thread.history.length }),
    attrs: { type: 'button', 'aria-expanded': String(state.expanded) },
    on: { click: () => actions.toggleHistory(thread.id) },
  });
  const organization = thread.organization?.name ?? t('comments.draftingGroup');
  const cells = [
    h('div', { className: 'desk-cell desk-cell--select', attrs: { role: 'cell' } }, [checkbox]),
    h('div', { className: 'desk-cell desk-cell--number', text: String(state.number), attrs: { role: 'cell' } }),
    h('div', { className: 'desk-cell desk-cell--section', text: row.sectionPath || t('review.noSection'), attrs: { role: 'cell', title: row.sectionPath } }),
    h('div', { className: 'desk-cell desk-cell--organization', text: organization, attrs: { role: 'cell' } }),
    h('div', { className: 'desk-cell desk-cell--comment', text: row.comment, attrs: { role: 'cell', title: row.comment } }),
    proposalCell(thread, actions, state.busy),
    h('div', { className: 'desk-cell desk-cell--status', attrs: { role: 'cell' } }, [
      h('span', { className: `status-badge status-badge--${thread.status}`, i18n: statusLabelKey(thread.status), attrs: { 'data-status': thread.status } }),
    ]),
    explanationCell(thread, state),
    h('div', { className: 'desk-cell desk-cell--history', attrs: { role: 'cell' } }, [historyButton]),
  ];
  const classes = ['desk-row', state.active ? 'desk-row--active' : '', state.selected ? 'desk-row--selected' : '', state.expanded || state.editor ? 'desk-row--expanded' : ''];
  const element = h(
    'div',
    {
      className: classes.filter((name) => name !== '').join(' '),
      attrs: { role: 'row', id: `desk-row-${thread.id}`, 'data-thread-id': thread.id, 'data-status': thread.status, 'aria-selected': String(state.active) },
      // On click, not mousedown: re-rendering the row between press and release would swallow a button's click.
      on: { click: () => actions.activate(thread.id) },
    },
    [h('div', { className: 'desk-row__cells' }, cells)],
  );
  if (state.expanded) {
    element.append(
      h('div', { className: 'desk-row__details' }, [
        h('blockquote', { className: 'desk-quote', text: thread.position.status === 'orphaned' ? `${thread.position.text} ${t('review.orphaned')}` : thread.position.text }),
        h('ol', { className: 'desk-history' }, thread.history.map(historyLine)),
      ]),
    );
  }
  return element;
}
