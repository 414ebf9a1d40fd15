import { fetchDocument, fetchMe } from '../api/endpoints.ts';
import { fetchRevision } from '../api/revision-endpoints.ts';
import type { Revision } from '../api/revision-records.ts';
import { createOutlinePanel } from '../editor/outline-panel.ts';
import { renderExportLinks } from '../exports/export-links.ts';
import { createStaticOutlineView } from '../editor/static-outline-view.ts';
import { onLocaleChange, t } from '../i18n/index.ts';
import { revisionLabel, revisionTime } from '../revisions/labels.ts';
import { comparePath, revisionsPath } from '../router.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';

function savedLine(revision: Revision): string {
  const time = revisionTime(revision);
  return revision.createdBy === null ? t('revision.savedAt', { time }) : t('revision.savedBy', { name: revision.createdBy.displayName, time });
}

/**
 * `/documents/:id/revisions/:revisionId`: one stored version, read-only and numbered as it
 * was then (a non-editable ProseMirror view fed from the revision's JSON, no Yjs), with the
 * outline panel, who saved it and when, its note, a link comparing it with the live draft, and
 * its downloads (Word, print view, PDF).
 */
export async function renderRevisionPage(root: HTMLElement, documentId: string, revisionId: string): Promise<void> {
  const [me, document, { revision, content }] = await Promise.all([fetchMe(), fetchDocument(documentId), fetchRevision(documentId, revisionId)]);
  window.document.title = `${revisionLabel(revision)} — ${document.title} — Draftroom`;

  const mount = h('div', { className: 'editor-surface' });
  const view = createStaticOutlineView(mount, content, t('editor.content'));
  const outline = createOutlinePanel(view);
  const label = h('h2', { className: 'revision-page__name', text: revisionLabel(revision), attrs: { 'data-revision-id': revision.id } });
  const saved = h('p', { className: 'muted revision-page__saved', text: savedLine(revision) });
  onLocaleChange(() => {
    label.textContent = revisionLabel(revision);
    saved.textContent = savedLine(revision);
  });

  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'editor-page revision-page' }, [
      h('div', { className: 'editor-page__top' }, [
        h('div', { className: 'editor-page__heading' }, [
          h('div', { className: 'editor-page__links' }, [
            h('a', { className: 'back-link', i18n: 'revisions.backToList', attrs: { href: revisionsPath(document.id) } }),
            h('a', { className: 'back-link', i18n: 'revisions.compareWithCurrent', attrs: { href: comparePath(document.id, revision.id, 'current'), 'data-action': 'compare-current' } }),
          ]),
          h('h1', { className: 'document-title', text: document.title, attrs: { 'data-document-id': document.id } }),
          label,
          saved,
          ...(revision.note === '' ? [] : [h('p', { className: 'revision-note', text: revision.note })]),
          renderExportLinks(document.id, revision.id),
        ]),
      ]),
      h('p', { className: 'notice read-only-notice', i18n: 'revision.readOnly', attrs: { role: 'status' } }),
      h('div', { className: 'editor-layout editor-layout--no-presence' }, [outline.element, h('div', { className: 'editor-paper' }, [mount])]),
    ]),
  );
  window.addEventListener('pagehide', () => view.destroy(), { once: true });
}
