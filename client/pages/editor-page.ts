import { fetchDocument, fetchMe } from '../api/endpoints.ts';
import { canEditText, isSecretariat } from '../account/roles.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { openCollabSession } from '../editor/collab-session.ts';
import { watchConnectionCloses } from '../editor/close-watcher.ts';
import { createOutlineEditor } from '../editor/create-editor.ts';
import { createOutlinePanel } from '../editor/outline-panel.ts';
import { createPresenceList } from '../editor/presence-list.ts';
import { createStatusIndicator } from '../editor/status-indicator.ts';
import { createToolbar } from '../editor/toolbar.ts';
import { createCommentsPanel } from '../comments/comments-panel.ts';
import { renderExportLinks } from '../exports/export-links.ts';
import { createRoundBanner } from '../rounds/round-banner.ts';
import { auditPath, reviewPath, revisionsPath, roundsPath } from '../router.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';

/**
 * The editor page of `/documents/:id`: title, connection status, toolbar, outline panel
 * (left), the ProseMirror editor (centre), and on the right who is here and the comments
 * sidebar ("Góp ý", with highlights in the text). Roles that cannot
 * edit (ministry, observer) get a read-only editor (a caret and keyboard selection for
 * commenting, but no change to the text), no toolbar and the banner "Chỉ xem";
 * the server drops their edits anyway, the UI only avoids offering them. Everyone gets a
 * link to the document's revisions ("Phiên bản"), the secretariat also one to its audit
 * log, and everyone the draft's downloads (Word, print view, PDF). A ministry officer consulted
 * in an open round sees a bar with the round and its deadline, linking to the response panel. When the socket reports withdrawn access the editor turns read-only and says why.
 */
export async function renderEditorPage(root: HTMLElement, documentId: string): Promise<void> {
  const [me, document] = await Promise.all([fetchMe(), fetchDocument(documentId)]);
  const editable = canEditText(me.user.role);
  window.document.title = `${document.title} — Draftroom`;

  const session = openCollabSession(document.id, me.user);
  const editorMount = h('div', { className: 'editor-surface' });
  const comments = createCommentsPanel(document.id, me, { openThreadId: new URLSearchParams(location.search).get('thread') });
  const editor = createOutlineEditor(editorMount, session, { canEdit: editable, label: t('editor.content'), plugins: [comments.plugin] });
  comments.attach(editor);
  const toolbar = editable ? createToolbar(editor.view, true) : null;
  const outline = createOutlinePanel(editor.view);
  const presence = createPresenceList(session.provider.awareness);
  const page = h('main', { className: 'editor-page' });
  // While not online the indicator stays in view and others' presence and cursors, which can
  // no longer be trusted, are hidden.
  const status = createStatusIndicator(session.provider, (connection) => {
    page.dataset.connection = connection;
  });
  editor.onChange((view) => {
    toolbar?.update(view);
    outline.update(view);
  });

  const connectionNotice = h('p', { className: 'notice connection-notice', attrs: { role: 'alert' } });
  connectionNotice.hidden = true;
  watchConnectionCloses(session.provider, document.id, (reason: MessageKey) => {
    editor.view.setProps({ editable: () => false });
    if (toolbar) toolbar.element.hidden = true;
    connectionNotice.dataset.i18n = reason;
    connectionNotice.textContent = t(reason);
    connectionNotice.hidden = false;
  });
  const readOnlyNotice = editable ? [] : [h('p', { className: 'notice read-only-notice', i18n: 'editor.readOnly', attrs: { role: 'status' } })];
  // A consulted ministry sees the open round and its deadline above the text it answers on.
  const roundBanner = me.user.role === 'ministry' ? [createRoundBanner(document.id)] : [];
  const headingLinks = [
    h('a', { className: 'back-link', i18n: 'editor.backToList', attrs: { href: '/' } }),
    h('a', { className: 'back-link revisions-link', i18n: 'revisions.open', attrs: { href: revisionsPath(document.id) } }),
    h('a', { className: 'back-link rounds-link', i18n: 'rounds.open', attrs: { href: roundsPath(document.id) } }),
  ];
  if (isSecretariat(me.user.role)) {
    headingLinks.push(
      h('a', { className: 'back-link review-link', i18n: 'review.open', attrs: { href: reviewPath(document.id) } }),
      h('a', { className: 'back-link audit-link', i18n: 'audit.open', attrs: { href: auditPath(document.id) } }),
    );
  }

  page.append(
    h('div', { className: 'editor-page__top' }, [
      h('div', { className: 'editor-page__heading' }, [
        h('div', { className: 'editor-page__links' }, headingLinks),
        h('h1', { className: 'document-title', text: document.title, attrs: { 'data-document-id': document.id } }),
        renderExportLinks(document.id, null),
      ]),
      status.element,
    ]),
    ...(toolbar ? [toolbar.element] : []),
    connectionNotice,
    ...readOnlyNotice,
    ...roundBanner,
    h('div', { className: 'editor-layout editor-layout--comments' }, [
      outline.element,
      h('div', { className: 'editor-paper' }, [editorMount]),
      h('div', { className: 'editor-side' }, [presence.element, comments.element]),
    ]),
  );
  root.replaceChildren(renderHeader(me), page);

  window.addEventListener('pagehide', () => {
    comments.destroy();
    presence.destroy();
    status.destroy();
    editor.destroy();
    session.destroy();
  }, { once: true });
}
