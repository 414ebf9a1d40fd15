import type { PublicThread } from '../api/comment-records.ts';
import { setThreadAside, undoThreadSetAside, type SetAsideReason } from '../api/comment-endpoints.ts';
import { conflictCurrent } from '../api/review-endpoints.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { threadRef } from './thread-ref.ts';

const REASONS: ReadonlyArray<[SetAsideReason, MessageKey]> = [
  ['duplicate', 'comments.setAside.reason.duplicate'],
  ['out_of_scope', 'comments.setAside.reason.out_of_scope'],
  ['other', 'comments.setAside.reason.other'],
];

/** The UI string key of a set-aside reason. */
export function setAsideReasonKey(reason: SetAsideReason): MessageKey {
  return REASONS.find(([candidate]) => candidate === reason)?.[1] ?? 'comments.setAside.reason.other';
}

/**
 * The mark a set-aside thread carries in the workspace: "Không đưa vào bảng tổng hợp — trùng
 * với ý kiến #Ab3xYz", or the reason, with the note; null for a thread in the table.
 */
export function setAsideMark(thread: PublicThread): HTMLElement | null {
  const setAside = thread.setAside;
  if (setAside === null) return null;
  const text =
    setAside.reason === 'duplicate' && setAside.duplicateOf !== null
      ? t('comments.setAside.markDuplicate', { ref: threadRef(setAside.duplicateOf) })
      : t('comments.setAside.mark', { reason: t(setAsideReasonKey(setAside.reason)) });
  return h('div', { className: 'thread-card__set-aside', attrs: { 'data-reason': setAside.reason } }, [
    h('p', { className: 'thread-card__set-aside-mark', text }),
    ...(setAside.note === '' ? [] : [h('p', { className: 'thread-card__set-aside-note muted', text: setAside.note })]),
  ]);
}

/** A mounted set-aside control. */
export interface SetAsideControl {
  readonly element: HTMLElement;
  update(thread: PublicThread): void;
}

/**
 * The secretariat's control to leave a thread out of the synthesis table: a button opening a
 * small form (reason; for a duplicate, which other thread it repeats; a note, needed for
 * "other"), or, once set aside, a button putting it back. The answer goes to `onUpdated`.
 */
export function createSetAsideControl(
  documentId: string,
  initial: PublicThread,
  others: () => readonly PublicThread[],
  onUpdated: (thread: PublicThread) => void,
): SetAsideControl {
  let thread = initial;
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const reason = h('select', { attrs: { name: 'reason' } }, REASONS.map(([value, key]) => h('option', { i18n: key, attrs: { value } })));
  const duplicateOf = h('select', { attrs: { name: 'duplicateOf' } });
  const duplicateField = h('label', { className: 'field set-aside__duplicate' }, [h('span', { i18n: 'comments.setAside.duplicateOf' }), duplicateOf]);
  const note = h('textarea', { attrs: { name: 'note', rows: '2', maxlength: '2000' } });
  const save = h('button', { className: 'button', i18n: 'comments.setAside.save', attrs: { type: 'submit' } });
  const cancel = h('button', { className: 'button button--quiet', i18n: 'comments.setAside.cancel', attrs: { type: 'button' } });
  const form = h('form', { className: 'set-aside__form' }, [
    h('label', { className: 'field' }, [h('span', { i18n: 'comments.setAside.reasonLabel' }), reason]),
    duplicateField,
    h('label', { className: 'field' }, [h('span', { i18n: 'comments.setAside.note' }), note]),
    h('div', { className: 'set-aside__buttons' }, [save, cancel]),
  ]);
  const open = h('button', { className: 'button button--quiet set-aside__open', i18n: 'comments.setAside.open', attrs: { type: 'button' } });
  const undo = h('button', { className: 'button button--quiet set-aside__undo', i18n: 'comments.setAside.undo', attrs: { type: 'button' } });
  const element = h('div', { className: 'set-aside' });

  const fillDuplicates = (): void => {
    const choices = others().filter((candidate) => candidate.id !== thread.id);
    duplicateOf.replaceChildren(
      ...choices.map((candidate) =>
        h('option', {
          text: `#${threadRef(candidate.id)} · ${candidate.organization?.name ?? t('comments.draftingGroup')} · ${(candidate.comments[0]?.body ?? '').slice(0, 60)}`,
          attrs: { value: candidate.id },
        }),
      ),
    );
  };
  const showDuplicate = (): void => {
    duplicateField.hidden = reason.value !== 'duplicate';
  };
  const render = (editing: boolean): void => {
    error.textContent = '';
    if (thread.setAside !== null) element.replaceChildren(undo, error);
    else if (editing) element.replaceChildren(form, error);
    else element.replaceChildren(open, error);
  };
  const run = (request: Promise<PublicThread>, buttons: HTMLButtonElement[]): void => {
    for (const button of buttons) button.disabled = true;
    request
      .then((next) => {
        thread = next;
        render(false);
        onUpdated(next);
      })
      .catch((failure: unknown) => {
        // Someone else changed the thread meanwhile: show it as it is now; saving again confirms over it.
        const current = conflictCurrent(failure);
        if (current) {
          thread = current;
          onUpdated(current);
        }
        error.textContent = commentErrorMessage(failure);
      })
      .finally(() => {
        for (const button of buttons) button.disabled = false;
      });
  };

  reason.addEventListener('change', showDuplicate);
  open.addEventListener('click', () => {
    fillDuplicates();
    showDuplicate();
    render(true);
    reason.focus();
  });
  cancel.addEventListener('click', () => render(false));
  undo.addEventListener('click', () => run(undoThreadSetAside(documentId, thread.id), [undo]));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = reason.value as SetAsideReason;
    const text = note.value.normalize('NFC').trim();
    if (chosen === 'duplicate' && duplicateOf.value === '') {
      error.textContent = t('comments.setAside.duplicateRequired');
      return;
    }
    if (chosen === 'other' && text === '') {
      error.textContent = t('comments.setAside.noteRequired');
      note.focus();
      return;
    }
    run(setThreadAside(documentId, thread.id, { reason: chosen, note: text, expectedVersion: thread.version, ...(chosen === 'duplicate' ? { duplicateOf: duplicateOf.value } : {}) }), [save, cancel]);
  });

  const update = (next: PublicThread): void => {
    const changed = (next.setAside === null) !== (thread.setAside === null);
    thread = next;
    // Keep an open form while the thread changes under it, unless it was set aside meanwhile.
    if (changed || !element.contains(form)) render(false);
  };
  render(false);
  return { element, update };
}
