import type { MessageKey } from '../i18n/index.ts';
import { h } from './dom.ts';

/**
 * A labelled form field: the translated label above `control`. The label wraps the control,
 * so it names it without needing an id.
 */
export function field(label: MessageKey, control: HTMLElement, hint?: MessageKey): HTMLLabelElement {
  const children: HTMLElement[] = [h('span', { i18n: label }), control];
  if (hint !== undefined) children.push(h('small', { className: 'muted field__hint', i18n: hint }));
  return h('label', { className: 'field' }, children);
}
