import type { OutlineHeading } from '../../document-model/headings.ts';
import { h } from '../ui/dom.ts';

/**
 * A select of the outline's sections ("{number} {title}", indented by level), each
 * valued by its heading's block id; headings without an id yet are left out. With
 * `placeholder`, an empty first choice ("Chọn mục…") comes first.
 */
export function sectionSelect(headings: readonly OutlineHeading[], placeholder: boolean): HTMLSelectElement {
  const options: HTMLOptionElement[] = [];
  if (placeholder) options.push(h('option', { i18n: 'comments.sectionPlaceholder', attrs: { value: '' } }));
  for (const heading of headings) {
    if (heading.id === null) continue;
    // Non-breaking spaces indent sub-sections; option elements ignore CSS padding.
    const indent = '\u00a0\u00a0'.repeat(Math.max(0, heading.level - 1));
    options.push(h('option', { text: `${indent}${heading.number} ${heading.text}`.trimEnd(), attrs: { value: heading.id } }));
  }
  return h('select', { attrs: { name: 'section' } }, options);
}
