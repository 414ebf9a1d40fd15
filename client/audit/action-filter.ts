import { MESSAGES } from '../i18n/messages.ts';
import type { MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';

/** Groups of a document's actions the filter offers, by the prefix the server filters on. */
const GROUPS: ReadonlyArray<{ prefix: string; label: MessageKey }> = [
  { prefix: 'document.', label: 'audit.filter.group.document' },
  { prefix: 'revision.', label: 'audit.filter.group.revision' },
  { prefix: 'thread.', label: 'audit.filter.group.thread' },
  { prefix: 'export.', label: 'audit.filter.group.export' },
];

// Account and organisation actions belong to no document: the document's log never has them.
const NOT_OF_A_DOCUMENT = ['user.', 'organization.'];

/**
 * The actions a document's log can hold, as `[action, label key]`, in the order of the
 * labels (the client knows actions by their labels, `audit.action.<action>`; the server's
 * list is checked against them by a test).
 */
export function documentActions(): Array<[string, MessageKey]> {
  return Object.keys(MESSAGES.vi)
    .filter((key) => key.startsWith('audit.action.'))
    .map((key): [string, MessageKey] => [key.slice('audit.action.'.length), key as MessageKey])
    .filter(([action]) => !NOT_OF_A_DOCUMENT.some((prefix) => action.startsWith(prefix)));
}

/**
 * The audit page's action filter: all actions, a group (a prefix such as `thread.`), or one
 * action. `onChange` receives the value for the `action` query ('' for all).
 */
export function createActionFilter(onChange: (action: string) => void): HTMLLabelElement {
  const select = h('select', { className: 'audit-filter__select', attrs: { name: 'action' } }, [
    h('option', { i18n: 'audit.filter.all', attrs: { value: '' } }),
    // Groups first (their labels name a domain), then each action (labels name a deed).
    ...GROUPS.map((group) => h('option', { className: 'audit-filter__group', i18n: group.label, attrs: { value: group.prefix } })),
    ...documentActions().map(([action, label]) => h('option', { i18n: label, attrs: { value: action } })),
  ]);
  select.addEventListener('change', () => onChange(select.value));
  return h('label', { className: 'field audit-filter' }, [h('span', { i18n: 'audit.filter.label' }), select]);
}
