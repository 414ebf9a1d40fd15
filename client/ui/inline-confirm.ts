import type { MessageKey } from '../i18n/index.ts';
import { h } from './dom.ts';

/** What an inline confirm step says and does. */
export interface InlineConfirm {
  /** The question, already translated, naming the thing and what will happen. */
  question: string;
  /** Label of the confirming button, e.g. "Xác nhận lưu trữ". */
  confirmKey: MessageKey;
  /** Label of the cancelling button. */
  cancelKey: MessageKey;
  /** `data-action` of the two buttons: `<action>-confirm` and `<action>-cancel`. */
  action: string;
  /** Extra class on the box (its own look), besides `inline-confirm`. */
  className?: string;
  /** Runs once per confirmation; both buttons are disabled while it does. */
  onConfirm(): Promise<void>;
  /** Puts back what the confirm step replaced. */
  onCancel(): void;
}

/**
 * A confirm step shown in place of a row's buttons before an action that changes what others
 * see (archive, restore): the question and two buttons, announced to screen readers, focus on
 * "Hủy" so Enter does not confirm by accident.
 */
export function renderInlineConfirm(options: InlineConfirm): HTMLElement {
  const confirm = h('button', { className: 'button button--primary', i18n: options.confirmKey, attrs: { type: 'button', 'data-action': `${options.action}-confirm` } });
  const cancel = h('button', {
    className: 'button button--quiet',
    i18n: options.cancelKey,
    attrs: { type: 'button', 'data-action': `${options.action}-cancel` },
    on: { click: () => options.onCancel() },
  });
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    cancel.disabled = true;
    options.onConfirm().finally(() => {
      confirm.disabled = false;
      cancel.disabled = false;
    });
  });
  const prefix = options.className ?? 'inline-confirm';
  const box = h('div', { className: `inline-confirm ${prefix}`.trim(), attrs: { role: 'alertdialog', 'aria-live': 'assertive' } }, [
    h('p', { className: `inline-confirm__question ${prefix}__question`, text: options.question }),
    h('div', { className: `inline-confirm__buttons ${prefix}__buttons` }, [confirm, cancel]),
  ]);
  queueMicrotask(() => cancel.focus());
  return box;
}
