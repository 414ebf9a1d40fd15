import { THREAD_STATUSES, type PublicThread, type ThreadStatus } from '../api/comment-records.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { statusLabelKey } from './status-labels.ts';
import { countThreads, DRAFTING_GROUP, organizationOptions, sectionOptions, type ThreadFilter } from './thread-filters.ts';

/** A mounted filter bar. */
export interface FilterBar {
  readonly element: HTMLElement;
  /** Redraws the choices and their counts for `threads` (all of them, before filtering); the choice made stays. */
  update(threads: readonly PublicThread[]): void;
  /** The current choice. */
  value(): ThreadFilter;
}

function counted(label: string, count: number): string {
  return t('comments.filter.count', { label, count });
}

function option(value: string, text: string, selected: string): HTMLOptionElement {
  const element = h('option', { text, attrs: { value } });
  element.selected = value === selected;
  return element;
}

/**
 * The sidebar's filters: organisation, status and section, each with how many threads it
 * holds (counted over every visible thread, like the server's counts). A choice that no
 * longer has threads stays listed (with 0) so the list does not jump under the person.
 */
export function createFilterBar(onChange: (filter: ThreadFilter) => void): FilterBar {
  const organization = h('select', { className: 'filter-bar__organization', i18nAriaLabel: 'comments.filter.organization', attrs: { name: 'organization' } });
  const status = h('select', { className: 'filter-bar__status', i18nAriaLabel: 'comments.filter.status', attrs: { name: 'status' } });
  const section = h('select', { className: 'filter-bar__section', i18nAriaLabel: 'comments.filter.section', attrs: { name: 'section' } });
  const value = (): ThreadFilter => ({
    organizationId: organization.value === '' ? null : organization.value,
    status: THREAD_STATUSES.find((candidate) => candidate === status.value) ?? null,
    sectionId: section.value === '' ? null : section.value,
  });
  for (const select of [organization, status, section]) select.addEventListener('change', () => onChange(value()));

  const update = (threads: readonly PublicThread[]): void => {
    const current = value();
    const counts = countThreads(threads);
    const organizations = organizationOptions(threads);
    const chosenOrganization = current.organizationId ?? '';
    if (chosenOrganization !== '' && !organizations.some((entry) => entry.id === chosenOrganization)) {
      organizations.push({ id: chosenOrganization, name: organization.selectedOptions[0]?.dataset.name ?? chosenOrganization, count: 0 });
    }
    organization.replaceChildren(
      option('', counted(t('comments.filter.allOrganizations'), threads.length), chosenOrganization),
      ...organizations.map((entry) => {
        const name = entry.id === DRAFTING_GROUP ? t('comments.draftingGroup') : entry.name;
        const element = option(entry.id, counted(name, entry.count), chosenOrganization);
        element.dataset.name = name;
        return element;
      }),
    );
    const chosenStatus: string = current.status ?? '';
    status.replaceChildren(
      option('', counted(t('comments.filter.allStatuses'), threads.length), chosenStatus),
      ...THREAD_STATUSES.map((entry: ThreadStatus) => option(entry, counted(t(statusLabelKey(entry)), counts.byStatus[entry]), chosenStatus)),
    );
    const sections = sectionOptions(threads);
    const chosenSection = current.sectionId ?? '';
    if (chosenSection !== '' && !sections.some((entry) => entry.id === chosenSection)) {
      sections.push({ id: chosenSection, number: '', title: section.selectedOptions[0]?.dataset.name ?? chosenSection, count: 0 });
    }
    section.replaceChildren(
      option('', t('comments.filter.allSections'), chosenSection),
      ...sections.map((entry) => {
        const name = `${entry.number} ${entry.title}`.trim();
        const element = option(entry.id, counted(name, entry.count), chosenSection);
        element.dataset.name = name;
        return element;
      }),
    );
  };

  const element = h('div', { className: 'filter-bar', attrs: { role: 'group' }, i18nAriaLabel: 'comments.filter.label' }, [organization, status, section]);
  return { element, update, value };
}
