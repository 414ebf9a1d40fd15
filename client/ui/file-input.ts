import { t } from '../i18n/index.ts';
import { h } from './dom.ts';

/** A file chooser labelled in the UI language. */
export interface FileInput {
  /** The whole control, to place in a field. */
  readonly element: HTMLElement;
  /** The underlying file input (its `files`, its `name` for forms and tests). */
  readonly input: HTMLInputElement;
  /** Forgets the chosen file. */
  clear(): void;
}

/**
 * A file chooser whose button and "no file" text are ours ("Chọn tệp…", "Chưa chọn tệp"),
 * since the browser's own follow the browser's language ("Choose File"). The real input stays
 * in the page, visually hidden but focusable, so keyboard users and form code work as usual.
 */
export function createFileInput(attrs: { name: string; accept?: string }): FileInput {
  const input = h('input', { className: 'visually-hidden', attrs: { type: 'file', name: attrs.name, ...(attrs.accept ? { accept: attrs.accept } : {}) } });
  const chosen = h('span', { className: 'file-input__name muted', i18n: 'file.none' });
  const button = h('button', { className: 'button file-input__button', i18n: 'file.choose', attrs: { type: 'button', tabindex: '-1', 'aria-hidden': 'true' } });
  button.addEventListener('click', () => input.click());
  const show = (): void => {
    const file = input.files?.[0];
    if (file) {
      delete chosen.dataset.i18n;
      chosen.textContent = file.name;
      chosen.classList.remove('muted');
    } else {
      chosen.dataset.i18n = 'file.none';
      chosen.textContent = t('file.none');
      chosen.classList.add('muted');
    }
  };
  input.addEventListener('change', show);
  return {
    element: h('span', { className: 'file-input' }, [input, button, chosen]),
    input,
    clear() {
      input.value = '';
      show();
    },
  };
}
