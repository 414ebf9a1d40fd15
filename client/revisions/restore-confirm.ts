import type { Revision } from '../api/revision-records.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { revisionLabel } from './labels.ts';

/**
 * The confirm step of "Khôi phục": a question naming the revision and what happens, with
 * "Xác nhận khôi phục" and "Hủy". Shown in place of the row's buttons (`onCancel` puts them
 * back); `onConfirm` runs once, the buttons are disabled while it does.
 */
export function renderRestoreConfirm(revision: Revision, onConfirm: () => Promise<void>, onCancel: () => void): HTMLElement {
  const confirm = h('button', { className: 'button button--primary', i18n: 'revisions.restoreYes', attrs: { type: 'button', 'data-action': 'restore-confirm' } });
  const cancel = h('button', { className: 'button button--quiet', i18n: 'revisions.restoreCancel', attrs: { type: 'button', 'data-action': 'restore-cancel' }, on: { click: onCancel } });
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    cancel.disabled = true;
    onConfirm().finally(() => {
      confirm.disabled = false;
      cancel.disabled = false;
    });
  });
  return h('div', { className: 'restore-confirm', attrs: { role: 'alertdialog', 'aria-live': 'assertive' } }, [
    h('p', { className: 'restore-confirm__question', text: t('revisions.restoreConfirm', { name: revisionLabel(revision) }) }),
    h('div', { className: 'restore-confirm__buttons' }, [confirm, cancel]),
  ]);
}
