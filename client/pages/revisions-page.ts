import { fetchDocument, fetchMe } from '../api/endpoints.ts';
import { listRevisions, restoreRevision } from '../api/revision-endpoints.ts';
import type { Revision } from '../api/revision-records.ts';
import { canManageDocuments, isSecretariat } from '../account/roles.ts';
import { renderImportPanel } from '../import/import-panel.ts';
import { onLocaleChange, t } from '../i18n/index.ts';
import { renderComparePicker } from '../revisions/compare-picker.ts';
import { renderFreezeForm } from '../revisions/freeze-form.ts';
import { groupRevisions } from '../revisions/grouping.ts';
import { revisionLabel } from '../revisions/labels.ts';
import { renderRevisionTable, type RevisionTableOptions } from '../revisions/revision-table.ts';
import { comparePath, documentPath, roundsPath } from '../router.ts';
import { h } from '../ui/dom.ts';
import { createFeedback } from '../ui/feedback.ts';
import { renderHeader } from '../ui/header.ts';
import { documentPageHeading } from '../ui/page-heading.ts';

/**
 * `/documents/:id/revisions`: the named revisions ("Phiên bản đã lưu") apart from the
 * automatic checkpoints ("Điểm lưu tự động", with their translated reason), each with its
 * note, author, time and size and the actions "Xem", "So sánh với bản hiện hành" and, for
 * the secretariat, "Khôi phục" (after a confirm step); the compare picker; and for the
 * secretariat the "Lưu phiên bản" form. Anyone who may open the document may read the page;
 * the server refuses freezing and restoring to everyone but the secretariat.
 */
export async function renderRevisionsPage(root: HTMLElement, documentId: string): Promise<void> {
  const [me, document] = await Promise.all([fetchMe(), fetchDocument(documentId)]);
  const secretariat = isSecretariat(me.user.role);
  window.document.title = `${t('revisions.title')} — ${document.title} — Draftroom`;

  let revisions: Revision[] = [];
  const feedback = createFeedback();
  const namedSlot = h('div', { className: 'revisions-named' });
  const checkpointSlot = h('div', { className: 'revisions-checkpoints' });
  const pickerSlot = h('div');

  const render = (): void => {
    const { named, checkpoints } = groupRevisions(revisions);
    namedSlot.replaceChildren(renderRevisionTable(named, tableOptions, 'revisions.namedEmpty'));
    checkpointSlot.replaceChildren(renderRevisionTable(checkpoints, tableOptions, 'revisions.checkpointsEmpty'));
    pickerSlot.replaceChildren(renderComparePicker(document.id, revisions, (path) => location.assign(path)));
  };
  const reload = async (): Promise<void> => {
    revisions = await listRevisions(document.id);
    render();
  };
  const tableOptions: RevisionTableOptions = {
    documentId: document.id,
    canRestore: secretariat,
    restore: async (revision) => {
      feedback.clear();
      try {
        await restoreRevision(document.id, revision.id);
        feedback.success(t('revisions.restored', { name: revisionLabel(revision) }));
        await reload();
      } catch (error) {
        // The confirm step stays open so the person can try again or cancel.
        feedback.error(error);
      }
    },
    nameOf: (id) => {
      const found = revisions.find((revision) => revision.id === id);
      return found === undefined ? null : revisionLabel(found);
    },
  };

  const side: HTMLElement[] = [pickerSlot];
  if (secretariat) side.unshift(renderFreezeForm(document.id, reload));
  if (canManageDocuments(me.user.role)) {
    // A new version from Word: the revision taken first is the left side of the comparison offered after.
    const importSlot = h('div');
    importSlot.append(
      renderImportPanel({ kind: 'version', documentId: document.id }, (result) => {
        importSlot.replaceChildren(
          h('section', { className: 'card import-done', attrs: { 'data-section': 'import-done' } }, [
            h('p', { className: 'form-success', i18n: 'import.doneVersion', attrs: { role: 'status' } }),
            ...(result.beforeRevisionId === null
              ? []
              : [h('a', { className: 'button', i18n: 'import.compare', attrs: { href: comparePath(document.id, result.beforeRevisionId, 'current') } })]),
          ]),
        );
        void reload().catch((error: unknown) => feedback.error(error));
      }),
    );
    side.push(importSlot);
  }
  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page page--wide revisions-page' }, [
      ...documentPageHeading({ page: 'revisions-page', back: { label: 'revisions.backToDocument', href: documentPath(document.id) }, title: 'revisions.title', document }),
      h('a', { className: 'back-link rounds-link', i18n: 'rounds.open', attrs: { href: roundsPath(document.id) } }),
      feedback.element,
      h('div', { className: 'revisions-layout' }, [
        h('div', { className: 'revisions-layout__main' }, [
          h('section', { className: 'card revisions-section', attrs: { 'data-section': 'named' } }, [h('h2', { i18n: 'revisions.named' }), namedSlot]),
          h('section', { className: 'card revisions-section', attrs: { 'data-section': 'checkpoints' } }, [h('h2', { i18n: 'revisions.checkpoints' }), checkpointSlot]),
        ]),
        h('div', { className: 'revisions-layout__side' }, side),
      ]),
    ]),
  );
  // Times, sizes and reasons are written for the language, so the lists are redrawn when it changes.
  onLocaleChange(render);
  await reload();
}
