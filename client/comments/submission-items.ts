import type { ThreadAnchor } from '../api/comment-records.ts';
import type { SubmissionItem } from '../api/comment-endpoints.ts';
import type { OutlineHeading } from '../../document-model/headings.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { field } from '../ui/field.ts';
import { sectionSelect } from './section-select.ts';

/** What the item list needs from the page. */
export interface SubmissionItemsOptions {
  /** The passage selected in the editor now, or null. */
  currentSelection(): ThreadAnchor | null;
  /** The outline's headings now. */
  headings(): readonly OutlineHeading[];
}

/** The items of a submission being written. */
export interface SubmissionItems {
  readonly element: HTMLElement;
  /** The items as typed; `'incomplete'` when one has no text or no passage/section. Empty items are skipped. */
  read(): SubmissionItem[] | 'incomplete';
  /** Back to one empty item. */
  reset(): void;
  setDisabled(disabled: boolean): void;
}

/** The value of the target select that stands for the captured passage. */
const PASSAGE = '__passage__';

/** One item: what it is about (the passage captured from the selection, or a section) and the comment. */
function createItem(options: SubmissionItemsOptions, onRemove: (item: HTMLElement) => void): { element: HTMLElement; read(): SubmissionItem | 'incomplete' | null } {
  let anchor: ThreadAnchor | null = null;
  const target = sectionSelect(options.headings(), true);
  target.setAttribute('name', 'target');
  const quote = h('blockquote', { className: 'submission-item__quote' });
  quote.hidden = true;
  const body = h('textarea', { className: 'submission-item__body', attrs: { name: 'itemBody', rows: '3', maxlength: '20000' } });
  const useSelection = h('button', { className: 'button button--quiet submission-item__use-selection', i18n: 'comments.submission.useSelection', attrs: { type: 'button' } });
  const hint = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  // Pressing the button must not take the selection away from the editor before it is read.
  useSelection.addEventListener('mousedown', (event) => event.preventDefault());
  useSelection.addEventListener('click', () => {
    const captured = options.currentSelection();
    if (captured === null) {
      hint.textContent = t('comments.new.noSelection');
      return;
    }
    hint.textContent = '';
    anchor = captured;
    quote.textContent = captured.quote;
    quote.hidden = false;
    target.querySelector(`option[value="${PASSAGE}"]`)?.remove();
    const passage = h('option', { i18n: 'comments.submission.passageOption', attrs: { value: PASSAGE } });
    target.insertBefore(passage, target.options[1] ?? null);
    target.value = PASSAGE;
  });
  target.addEventListener('change', () => {
    quote.hidden = target.value !== PASSAGE;
  });
  const remove = h('button', { className: 'button button--quiet submission-item__remove', i18n: 'comments.submission.removeItem', attrs: { type: 'button' } });
  const element = h('li', { className: 'submission-item' }, [
    field('comments.submission.target', target),
    useSelection,
    hint,
    quote,
    field('comments.submission.itemBody', body),
    remove,
  ]);
  remove.addEventListener('click', () => onRemove(element));
  return {
    element,
    read() {
      const text = body.value.normalize('NFC').trim();
      if (text === '' && target.value === '') return null;
      if (text === '') return 'incomplete';
      if (target.value === PASSAGE && anchor !== null) return { body: text, anchor };
      if (target.value !== '' && target.value !== PASSAGE) return { body: text, sectionBlockId: target.value };
      return 'incomplete';
    },
  };
}

/**
 * The list of comments in a written submission, one per passage or section: each item
 * takes the passage selected in the editor ("Dùng đoạn đang chọn") or a section heading
 * from the outline, and its text. "Thêm ý kiến" adds an item, "Xóa" removes one.
 */
export function createSubmissionItems(options: SubmissionItemsOptions): SubmissionItems {
  const list = h('ol', { className: 'submission-items' });
  let items: Array<ReturnType<typeof createItem>> = [];
  const add = (): void => {
    const item = createItem(options, (element) => {
      items = items.filter((entry) => entry.element !== element);
      element.remove();
    });
    items.push(item);
    list.append(item.element);
  };
  const addButton = h('button', { className: 'button submission-items__add', i18n: 'comments.submission.addItem', attrs: { type: 'button' }, on: { click: add } });
  const element = h('fieldset', { className: 'submission-items__fieldset' }, [h('legend', { i18n: 'comments.submission.items' }), list, addButton]);
  const reset = (): void => {
    items = [];
    list.replaceChildren();
    add();
  };
  reset();
  return {
    element,
    read() {
      const read: SubmissionItem[] = [];
      for (const item of items) {
        const value = item.read();
        if (value === 'incomplete') return 'incomplete';
        if (value !== null) read.push(value);
      }
      return read;
    },
    reset,
    setDisabled(disabled) {
      element.disabled = disabled;
    },
  };
}
