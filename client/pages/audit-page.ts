import { listAudit, listUsers } from '../api/admin-endpoints.ts';
import type { AuditEntry } from '../api/audit-records.ts';
import { fetchDocument, fetchMe, listOrganizations } from '../api/endpoints.ts';
import { isSecretariat } from '../account/roles.ts';
import { formatDateTime } from '../../document-model/date-time.ts';
import { auditActionKey } from '../audit/actions.ts';
import { createActionFilter } from '../audit/action-filter.ts';
import { describeDetails, type DetailNames } from '../audit/details.ts';
import { onLocaleChange, t, type MessageKey } from '../i18n/index.ts';
import { documentPath } from '../router.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';
import { errorMessage } from '../ui/error-message.ts';

const COLUMNS: readonly MessageKey[] = ['audit.time', 'audit.actor', 'audit.action', 'audit.details'];

function detailsCell(entry: AuditEntry, names: DetailNames): HTMLTableCellElement {
  const lines = describeDetails(entry.details, names).map((line) =>
    h('li', {}, [
      'key' in line.label ? h('span', { className: 'audit-detail__label', i18n: line.label.key }) : h('span', { className: 'audit-detail__label mono', text: line.label.raw }),
      ': ',
      'key' in line.value ? h('span', { i18n: line.value.key }) : h('span', { text: line.value.text }),
    ]),
  );
  return h('td', {}, lines.length === 0 ? [] : [h('ul', { className: 'audit-details' }, lines)]);
}

function entryRow(entry: AuditEntry, names: DetailNames): HTMLTableRowElement {
  const actionKey = auditActionKey(entry.action);
  return h('tr', { attrs: { 'data-action': entry.action } }, [
    h('td', { className: 'nowrap', text: names.time(entry.at), attrs: { title: entry.at } }),
    entry.actor === null ? h('td', { className: 'muted', i18n: 'audit.system' }) : h('td', { text: entry.actor.displayName }),
    actionKey === null ? h('td', { className: 'mono', text: entry.action }) : h('td', { i18n: actionKey }),
    detailsCell(entry, names),
  ]);
}

/**
 * `/documents/:id/audit`, for the secretariat: the document's activity, newest first, as
 * a table of time (Vietnamese date-time format in Vietnamese), actor, translated action
 * and readable details (ids of people and organisations shown by name), filtered by action
 * (all, a group such as every comment decision, or one action). Other roles see
 * the "not allowed" message; the server refuses them the trail anyway.
 */
export async function renderAuditPage(root: HTMLElement, documentId: string): Promise<void> {
  const me = await fetchMe();
  if (!isSecretariat(me.user.role)) {
    root.replaceChildren(renderHeader(me), h('main', { className: 'page' }, [h('p', { className: 'notice audit-forbidden', i18n: 'error.forbidden', attrs: { role: 'alert' } })]));
    return;
  }
  const [document, firstEntries, users, organizations] = await Promise.all([
    fetchDocument(documentId),
    listAudit(documentId),
    listUsers(),
    listOrganizations(),
  ]);
  window.document.title = `${t('audit.title')} — ${document.title} — Draftroom`;
  const userNames = new Map(users.map((user) => [user.id, user.displayName]));
  const organizationNames = new Map(organizations.map((organization) => [organization.id, organization.name]));
  const names: DetailNames = {
    userName: (id) => userNames.get(id) ?? null,
    organizationName: (id) => organizationNames.get(id) ?? null,
    time: (iso) => formatDateTime(iso),
  };

  const tableContainer = h('div', { className: 'table-scroll' });
  let entries = firstEntries;
  let shown = 0;
  const filter = createActionFilter((action) => {
    const request = ++shown;
    listAudit(documentId, 500, action)
      .then((found) => {
        // A slower answer to an earlier choice must not replace a newer one.
        if (request !== shown) return;
        entries = found;
        render();
      })
      .catch((failure: unknown) => {
        tableContainer.replaceChildren(h('p', { className: 'form-error', attrs: { role: 'alert' }, text: errorMessage(failure) }));
      });
  });
  const render = (): void => {
    if (entries.length === 0) {
      tableContainer.replaceChildren(h('p', { className: 'muted', i18n: 'audit.empty' }));
      return;
    }
    const head = h('tr', {}, COLUMNS.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })));
    tableContainer.replaceChildren(
      h('table', { className: 'data-table audit-table' }, [h('thead', {}, [head]), h('tbody', {}, entries.map((entry) => entryRow(entry, names)))]),
    );
  };
  render();
  // Times are formatted for the language, so the table is redrawn when it changes.
  onLocaleChange(render);

  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page page--wide audit-page' }, [
      h('section', { className: 'card' }, [
        h('a', { className: 'back-link', i18n: 'audit.backToDocument', attrs: { href: documentPath(document.id) } }),
        h('h1', { i18n: 'audit.title' }),
        h('p', { className: 'document-title audit-page__document', text: document.title }),
        filter,
        tableContainer,
      ]),
    ]),
  );
}
