import { formatDateTime } from '../../document-model/date-time.ts';
import type { PublicThread, ThreadAnchor, ThreadComment } from '../api/comment-records.ts';
import { setThreadStatus } from '../api/comment-endpoints.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { createDecisionBar, type DecisionBar } from './decision-bar.ts';
import { canDecide, canReply, canWithdraw, type CommentActor } from './permissions.ts';
import { createReattachControl, renderAnchorHistory, type ReattachControl } from './reattach-control.ts';
import { createReplyForm } from './reply-form.ts';
import { sourceLabelKey, statusLabelKey } from './status-labels.ts';
import { formatCalendarDate } from './time-format.ts';
import { createSetAsideControl, setAsideMark, type SetAsideControl } from './set-aside-form.ts';
import { threadRef } from './thread-ref.ts';

/** What a thread card needs from the sidebar. */
export interface ThreadCardContext {
  documentId: string;
  actor: CommentActor;
  /** Shows the thread's passage in the editor and makes it the active thread. */
  reveal(thread: PublicThread): void;
  /** Takes the answer of an action (reply, decision, withdrawal) into the list. */
  onUpdated(thread: PublicThread): void;
  /** Every thread of the list, to name the one a thread duplicates when it is set aside. */
  threads?(): readonly PublicThread[];
  /** The editor's selection as an anchor (for re-attaching an orphaned thread), or null. */
  selectedAnchor(): ThreadAnchor | null;
}

/** How a card is drawn besides its thread. */
export interface ThreadCardView {
  /** The passage no longer exists in the live document. */
  orphaned: boolean;
  active: boolean;
  /** The editor holds a non-empty text selection (a passage an orphaned thread can be re-attached to). */
  selection: boolean;
}

/** A mounted thread card; its reply and decision boxes keep what is typed across updates. */
export interface ThreadCard {
  readonly element: HTMLLIElement;
  update(thread: PublicThread, view: ThreadCardView): void;
}

/** The organisation's name, or the drafting group's for threads filed by no organisation. */
function organizationName(thread: PublicThread): string {
  return thread.organization?.name ?? t('comments.draftingGroup');
}

/** "{number} {title}" of the thread's section, or null outside any section. */
function sectionLine(thread: PublicThread): string | null {
  const { sectionNumber, sectionTitle } = thread.position;
  if (sectionNumber === null && sectionTitle === null) return null;
  return [sectionNumber, sectionTitle].filter((part) => part !== null && part !== '').join(' ');
}

function renderComment(comment: ThreadComment, reply: boolean): HTMLLIElement {
  return h('li', { className: reply ? 'thread-comment thread-comment--reply' : 'thread-comment', attrs: { 'data-comment-id': comment.id } }, [
    h('div', { className: 'thread-comment__meta' }, [
      h('span', { className: 'thread-comment__author', text: comment.author.displayName }),
      h('time', { className: 'thread-comment__time muted', text: formatDateTime(comment.createdAt), attrs: { datetime: comment.createdAt } }),
    ]),
    // Plain text, never markup: comment bodies come from other people.
    h('p', { className: 'thread-comment__body', text: comment.body }),
  ]);
}

/** The read-only part of a card: who, where, what, and the decision. */
function renderSummary(thread: PublicThread, view: ThreadCardView, context: ThreadCardContext): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const locate = h('button', { className: 'thread-card__locate', attrs: { type: 'button' }, i18nTitle: 'comments.thread.locate', on: { click: () => context.reveal(thread) } }, [
    h('span', { className: 'thread-card__organization', text: organizationName(thread) }),
    h('span', { className: `status-badge status-badge--${thread.status}`, i18n: statusLabelKey(thread.status), attrs: { 'data-status': thread.status } }),
    // A draft of the organisation's response: only its own officers ever receive it.
    ...(thread.draft ? [h('span', { className: 'status-badge draft-badge', i18n: 'comments.thread.draft', i18nTitle: 'comments.thread.draftHint' })] : []),
  ]);
  parts.push(locate);
  parts.push(
    h('p', { className: 'thread-card__meta muted' }, [
      h('span', { className: 'thread-card__author', text: thread.author.displayName }),
      ' · ',
      h('time', { className: 'thread-card__time', text: formatDateTime(thread.createdAt), attrs: { datetime: thread.createdAt } }),
      ' · ',
      h('span', { className: 'thread-card__source', i18n: sourceLabelKey(thread.source) }),
      ' · ',
      h('span', { className: 'thread-card__ref', text: t('comments.thread.ref', { ref: threadRef(thread.id) }) }),
    ]),
  );
  const mark = setAsideMark(thread);
  if (mark !== null) parts.push(mark);
  const section = sectionLine(thread);
  if (section !== null) parts.push(h('p', { className: 'thread-card__section', text: section }));
  if (view.orphaned) parts.push(h('p', { className: 'thread-card__orphaned', i18n: 'comments.thread.orphaned' }));
  if (thread.position.text !== '') {
    parts.push(h('blockquote', { className: view.orphaned ? 'thread-card__quote thread-card__quote--orphaned' : 'thread-card__quote', text: thread.position.text }));
  }
  parts.push(...renderAnchorHistory(thread));
  if (thread.meeting !== null) {
    parts.push(h('p', { className: 'thread-card__meeting muted', text: t('comments.thread.meeting', { name: thread.meeting.name, date: formatCalendarDate(thread.meeting.date) }) }));
  }
  if (thread.proposal !== null) {
    parts.push(
      h('div', { className: 'thread-card__proposal' }, [
        h('span', { className: 'thread-card__explanation-label', i18n: 'comments.proposal.title' }),
        h('p', { className: 'thread-card__proposal-text', text: thread.proposal.text }),
        ...(thread.proposal.appliedAt !== null ? [h('p', { className: 'thread-card__proposal-applied muted', i18n: 'comments.proposal.applied' })] : []),
      ]),
    );
  }
  if (thread.explanation !== null && thread.explanation !== '') {
    parts.push(
      h('div', { className: 'thread-card__explanation' }, [
        h('span', { className: 'thread-card__explanation-label', i18n: 'comments.thread.explanation' }),
        h('p', { className: 'thread-card__explanation-text', text: thread.explanation }),
      ]),
    );
  }
  const [first, ...replies] = thread.comments;
  const comments: HTMLLIElement[] = [];
  if (first !== undefined) comments.push(renderComment(first, false));
  for (const reply of replies) comments.push(renderComment(reply, true));
  parts.push(h('ol', { className: 'thread-card__comments' }, comments));
  return parts;
}

/**
 * One thread in the sidebar: organisation and status badge (a button that shows the
 * passage in the editor), author, time and how it was received, "{number} {title}" of its
 * section, the quoted passage (or "Đoạn văn đã bị xóa" with the original quote when it is
 * gone) and who re-attached it to a new passage, when, the meeting of an oral comment, the explanation, the comment and its replies. Below
 * them, as the person's role allows: the reply box, the secretariat's decision bar, and a
 * ministry officer's "Rút ý kiến" on their organisation's undecided threads, and on an
 * orphaned thread the secretariat's "Gắn lại vào đoạn đang chọn"; the secretariat also leaves
 * a thread out of the synthesis table there, and a thread left out says so ("Không đưa vào
 * bảng tổng hợp — trùng với ý kiến #…"). All text from
 * people goes in as text, never as markup.
 */
export function createThreadCard(initial: PublicThread, initialView: ThreadCardView, context: ThreadCardContext): ThreadCard {
  const element = h('li', { className: 'thread-card', attrs: { 'data-thread-id': initial.id } });
  const summary = h('div', { className: 'thread-card__summary' });
  const actions = h('div', { className: 'thread-card__actions' });
  const replyForm = createReplyForm(context.documentId, initial.id, context.onUpdated);
  const decisionBar: DecisionBar | null = canDecide(context.actor) ? createDecisionBar(context.documentId, initial, context.onUpdated) : null;
  const setAside: SetAsideControl | null = canDecide(context.actor)
    ? createSetAsideControl(context.documentId, initial, () => context.threads?.() ?? [], context.onUpdated)
    : null;
  const reattach: ReattachControl | null = canDecide(context.actor)
    ? createReattachControl(initial, {
        documentId: context.documentId,
        selectedAnchor: context.selectedAnchor,
        onReattached: (thread) => {
          context.onUpdated(thread);
          context.reveal(thread);
        },
      })
    : null;
  const withdrawError = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const withdraw = h('button', { className: 'button button--quiet thread-card__withdraw', i18n: 'comments.thread.withdraw', attrs: { type: 'button' } });
  let thread = initial;
  withdraw.addEventListener('click', () => {
    withdraw.disabled = true;
    withdrawError.textContent = '';
    setThreadStatus(context.documentId, thread.id, 'withdrawn', '', thread.version)
      .then(context.onUpdated)
      .catch((failure: unknown) => {
        withdrawError.textContent = commentErrorMessage(failure);
      })
      .finally(() => {
        withdraw.disabled = false;
      });
  });
  element.append(summary, actions);

  const update = (next: PublicThread, view: ThreadCardView): void => {
    thread = next;
    element.dataset.status = next.status;
    element.classList.toggle('thread-card--set-aside', next.setAside !== null);
    element.classList.toggle('thread-card--active', view.active);
    element.classList.toggle('thread-card--orphaned', view.orphaned);
    summary.replaceChildren(...renderSummary(next, view, context));
    const controls: HTMLElement[] = [];
    if (canReply(context.actor, next)) controls.push(replyForm);
    if (decisionBar !== null) {
      decisionBar.update(next);
      controls.push(decisionBar.element);
    }
    if (setAside !== null) {
      setAside.update(next);
      controls.push(setAside.element);
    }
    if (canWithdraw(context.actor, next)) controls.push(withdraw, withdrawError);
    if (reattach !== null && view.orphaned && next.status !== 'withdrawn') {
      reattach.update(next, view.selection);
      controls.push(...reattach.elements);
    }
    // Replacing with the same nodes keeps their typed text and focus state intact.
    if (controls.length !== actions.childNodes.length || controls.some((control, index) => actions.childNodes[index] !== control)) actions.replaceChildren(...controls);
  };
  update(initial, initialView);
  return { element, update };
}
