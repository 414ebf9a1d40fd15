import type { Revision } from '../api/revision-records.ts';
import { t } from '../i18n/index.ts';
import { comparePath } from '../router.ts';
import { h } from '../ui/dom.ts';
import { field } from '../ui/field.ts';
import { defaultComparePair, groupRevisions } from './grouping.ts';
import { revisionLabel } from './labels.ts';

function versionSelect(name: string, revisions: readonly Revision[], selected: string): HTMLSelectElement {
  const { named, checkpoints } = groupRevisions(revisions);
  const select = h('select', { attrs: { name } }, [h('option', { i18n: 'revisions.current', attrs: { value: 'current' } })]);
  const group = (label: string, items: readonly Revision[]): void => {
    if (items.length === 0) return;
    select.append(h('optgroup', { attrs: { label } }, items.map((revision) => h('option', { text: revisionLabel(revision), attrs: { value: revision.id } }))));
  };
  group(t('revisions.named'), named);
  group(t('revisions.checkpoints'), checkpoints);
  select.value = selected;
  return select;
}

/**
 * The compare picker: two selects ("Bản gốc", "Bản so sánh") offering "Bản hiện hành"
 * (`current`) and every revision (named ones, then checkpoints), and "So sánh", which opens
 * `/documents/:id/compare?from=…&to=…`. Starts at the newest named revision against the
 * live draft. Labels are in the language of the moment it was built (the page rebuilds it).
 */
export function renderComparePicker(documentId: string, revisions: readonly Revision[], navigate: (path: string) => void): HTMLFormElement {
  const initial = defaultComparePair(revisions);
  const from = versionSelect('from', revisions, initial.from);
  const to = versionSelect('to', revisions, initial.to);
  const form = h('form', { className: 'card compare-picker' }, [
    h('h2', { i18n: 'revisions.picker.title' }),
    h('div', { className: 'compare-picker__fields' }, [
      field('revisions.picker.from', from),
      field('revisions.picker.to', to),
      h('button', { className: 'button button--primary', i18n: 'revisions.picker.submit', attrs: { type: 'submit' } }),
    ]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(comparePath(documentId, from.value, to.value));
  });
  return form;
}
