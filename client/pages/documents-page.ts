import { createDocument, fetchMe, listDocuments, listTemplates, updateDocument } from '../api/endpoints.ts';
import { formatDateTime } from '../../document-model/date-time.ts';
import type { DocumentRecord, Role, Template } from '../api/records.ts';
import { canManageDocuments, isSecretariat } from '../account/roles.ts';
import { openAccessDialog } from '../admin/access-dialog.ts';
import { getLocale, onLocaleChange, t, type MessageKey } from '../i18n/index.ts';
import { auditPath, documentPath, reviewPath, revisionsPath } from '../router.ts';
import { clear, h } from '../ui/dom.ts';
import { errorMessage } from '../ui/error-message.ts';
import { renderHeader } from '../ui/header.ts';
import { onSubmitOnce } from '../ui/submit-once.ts';
import { renderInlineConfirm } from '../ui/inline-confirm.ts';
import { renderImportPanel } from '../import/import-panel.ts';

/**
 * The documents list: the documents this person may open (the server filters them), with
 * "Phiên bản" (revisions) on every active row, rename and archive for the roles that may
 * manage documents, archived ones on demand (with restore), and the create form with a
 * template picker for those roles. The
 * secretariat also gets "Quyền truy cập" and "Nhật ký" on every row. Any 401 has already
 * sent the browser to /login (see `apiRequest`).
 */
export async function renderDocumentsPage(root: HTMLElement): Promise<void> {
  const me = await fetchMe();
  const role = me.user.role;
  const status = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const activeList = h('div', { className: 'documents-list' });
  const archivedList = h('div', { className: 'documents-list documents-list--archived' });
  archivedList.hidden = true;
  let showArchived = false;

  const reportError = (error: unknown): void => {
    status.textContent = errorMessage(error);
  };

  const refresh = async (): Promise<void> => {
    status.textContent = '';
    const active = await listDocuments(false);
    renderTable(activeList, active, false, role, actions);
    if (showArchived) renderTable(archivedList, await listDocuments(true), true, role, actions);
  };

  const actions: RowActions = {
    rename: (document, title) => updateDocument(document.id, { title }).then(refresh).catch(reportError),
    setArchived: (document, archived) => updateDocument(document.id, { archived }).then(refresh).catch(reportError),
    editAccess: (document) => openAccessDialog(document).catch(reportError),
  };

  const toggleArchived = h('button', {
    className: 'button button--quiet',
    i18n: 'documents.showArchived',
    attrs: { type: 'button', 'aria-expanded': 'false' },
  });
  toggleArchived.addEventListener('click', () => {
    showArchived = !showArchived;
    archivedList.hidden = !showArchived;
    toggleArchived.setAttribute('aria-expanded', String(showArchived));
    toggleArchived.dataset.i18n = showArchived ? 'documents.hideArchived' : 'documents.showArchived';
    toggleArchived.textContent = t(showArchived ? 'documents.hideArchived' : 'documents.showArchived');
    refresh().catch(reportError);
  });

  const createForm = await renderCreateForm(role, reportError);
  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page' }, [
      // The create form sits above the list, one line wide, so the list keeps the page's width.
      h('div', { className: 'documents-layout' }, [
        ...(createForm ? [createForm] : []),
        // Importing a Word file is another way to create a document, for the same roles.
        ...(canManageDocuments(role) ? [renderImportPanel({ kind: 'new' }, (result) => location.assign(documentPath(result.document.id)))] : []),
        h('section', { className: 'card documents-section' }, [
          h('h1', { i18n: 'documents.title' }),
          status,
          activeList,
          toggleArchived,
          h('div', {}, [archivedList]),
        ]),
      ]),
    ]),
  );
  // Dates are formatted for the locale, so the tables are redrawn when it changes.
  onLocaleChange(() => void refresh().catch(reportError));
  await refresh();
}

interface RowActions {
  rename(document: DocumentRecord, title: string): Promise<void>;
  setArchived(document: DocumentRecord, archived: boolean): Promise<void>;
  editAccess(document: DocumentRecord): Promise<void>;
}

function renderTable(container: HTMLElement, documents: readonly DocumentRecord[], archived: boolean, role: Role, actions: RowActions): void {
  clear(container);
  if (archived) container.append(h('h2', { i18n: 'documents.archivedTitle' }));
  if (documents.length === 0) {
    container.append(h('p', { className: 'muted', i18n: archived ? 'documents.archivedEmpty' : 'documents.empty' }));
    return;
  }
  const body = h('tbody');
  for (const document of documents) body.append(renderRow(document, archived, role, actions));
  container.append(
    h('table', { className: 'documents-table' }, [
      h('thead', {}, [
        h('tr', {}, [
          h('th', { i18n: 'documents.column.title', attrs: { scope: 'col' } }),
          h('th', { i18n: 'documents.column.updated', attrs: { scope: 'col' } }),
          h('th', { i18n: 'documents.column.actions', attrs: { scope: 'col' } }),
        ]),
      ]),
      body,
    ]),
  );
}

function renderRow(document: DocumentRecord, archived: boolean, role: Role, actions: RowActions): HTMLTableRowElement {
  const titleCell = h('td', { className: 'documents-table__title' });
  const showTitle = (): void => {
    const label = document.title.trim() === '' ? t('documents.untitled') : document.title;
    // Long titles are cut after three lines; the whole title is in the tooltip.
    const attrs = { title: label };
    titleCell.replaceChildren(archived ? h('span', { text: label, attrs }) : h('a', { text: label, attrs: { ...attrs, href: documentPath(document.id) } }));
  };
  showTitle();

  const startRename = (): void => {
    const input = h('input', { attrs: { name: 'title', value: document.title, required: '', maxlength: '300' } });
    const form = h('form', { className: 'inline-form' }, [
      input,
      h('button', { className: 'button button--primary', i18n: 'documents.save', attrs: { type: 'submit' } }),
      h('button', { className: 'button button--quiet', i18n: 'documents.cancel', attrs: { type: 'button' }, on: { click: showTitle } }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const title = input.value.normalize('NFC').trim();
      if (title !== '') void actions.rename(document, title);
    });
    titleCell.replaceChildren(form);
    input.focus();
    input.select();
  };

  const buttons = h('div', { className: 'row-actions' });
  const manage = canManageDocuments(role);
  if (archived) {
    if (manage) buttons.append(button('documents.unarchive', () => void actions.setArchived(document, false)));
  } else {
    buttons.append(
      h('a', { className: 'button', i18n: 'documents.open', attrs: { href: documentPath(document.id) } }),
      h('a', { className: 'button button--quiet', i18n: 'revisions.open', attrs: { href: revisionsPath(document.id), 'data-action': 'revisions' } }),
    );
    const confirmArchive = (): void => {
      const shown = [...buttons.childNodes];
      buttons.replaceChildren(
        renderInlineConfirm({
          question: t('documents.archiveConfirm', { title: document.title.trim() === '' ? t('documents.untitled') : document.title }),
          confirmKey: 'documents.archiveYes',
          cancelKey: 'documents.cancel',
          action: 'archive',
          onConfirm: () => actions.setArchived(document, true),
          onCancel: () => buttons.replaceChildren(...shown),
        }),
      );
    };
    if (manage) buttons.append(button('documents.rename', startRename), button('documents.archive', confirmArchive));
  }
  if (isSecretariat(role)) {
    buttons.append(
      button('access.open', () => void actions.editAccess(document)),
      h('a', { className: 'button button--quiet', i18n: 'review.open', attrs: { href: reviewPath(document.id), 'data-action': 'review' } }),
      h('a', { className: 'button button--quiet', i18n: 'audit.open', attrs: { href: auditPath(document.id) } }),
    );
  }
  return h('tr', { attrs: { 'data-document-id': document.id } }, [
    titleCell,
    h('td', { className: 'documents-table__updated', text: formatDateTime(document.updatedAt), attrs: { title: document.updatedAt } }),
    h('td', { className: 'documents-table__actions' }, [buttons]),
  ]);
}

function button(key: MessageKey, onClick: () => void): HTMLButtonElement {
  return h('button', { className: 'button', i18n: key, attrs: { type: 'button', 'data-action': key }, on: { click: onClick } });
}

async function renderCreateForm(role: Role, reportError: (error: unknown) => void): Promise<HTMLElement | null> {
  // Not even fetched for the roles that cannot create documents.
  if (!canManageDocuments(role)) return null;
  const title = h('input', { attrs: { name: 'title', id: 'create-title', required: '', maxlength: '300' } });
  const templateSelect = h('select', { attrs: { name: 'templateId', id: 'create-template' } });
  const description = h('p', { className: 'muted template-description' });
  let templates: Template[] = [];
  try {
    templates = await listTemplates();
  } catch (error) {
    reportError(error);
  }
  const fillTemplates = (): void => {
    const selected = templateSelect.value;
    const locale = getLocale();
    templateSelect.replaceChildren(h('option', { i18n: 'documents.create.noTemplate', attrs: { value: '' } }));
    for (const template of templates) {
      templateSelect.append(h('option', { text: template.title[locale], attrs: { value: template.id } }));
    }
    templateSelect.value = selected;
    description.textContent = templates.find((template) => template.id === templateSelect.value)?.description[locale] ?? '';
  };
  fillTemplates();
  templateSelect.addEventListener('change', fillTemplates);
  onLocaleChange(fillTemplates);

  const form = h('form', { className: 'card create-form' }, [
    h('h2', { i18n: 'documents.create.title' }),
    h('div', { className: 'create-form__fields' }, [
      h('label', { className: 'field create-form__title', attrs: { for: 'create-title' } }, [h('span', { i18n: 'documents.create.name' }), title]),
      h('label', { className: 'field create-form__template', attrs: { for: 'create-template' } }, [
        h('span', { i18n: 'documents.create.template' }),
        templateSelect,
      ]),
      h('button', { className: 'button button--primary create-form__submit', i18n: 'documents.create.submit', attrs: { type: 'submit' } }),
    ]),
    description,
  ]);
  onSubmitOnce(form, () => {
    const name = title.value.normalize('NFC').trim();
    if (name === '') return;
    // Stays busy after success too: the page is leaving for the new document.
    return createDocument(name, templateSelect.value === '' ? null : templateSelect.value).then(
      (document) => {
        location.assign(documentPath(document.id));
        return new Promise<never>(() => undefined);
      },
      reportError,
    );
  });
  return form;
}
