import type { Revision } from '../api/revision-records.ts';
import { t } from '../i18n/index.ts';
import { renderInlineConfirm } from '../ui/inline-confirm.ts';
import { revisionLabel } from './labels.ts';

/**
 * The confirm step of "Khôi phục": a question naming the revision and what happens, with
 * "Xác nhận khôi phục" and "Hủy". Shown in place of the row's buttons (`onCancel` puts them
 * back); `onConfirm` runs once, the buttons are disabled while it does.
 */
export function renderRestoreConfirm(revision: Revision, onConfirm: () => Promise<void>, onCancel: () => void): HTMLElement {
  return renderInlineConfirm({
    question: t('revisions.restoreConfirm', { name: revisionLabel(revision) }),
    confirmKey: 'revisions.restoreYes',
    cancelKey: 'revisions.restoreCancel',
    action: 'restore',
    className: 'restore-confirm',
    onConfirm,
    onCancel,
  });
}
