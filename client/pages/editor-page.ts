import { fetchDocument, fetchMe } from '../api/endpoints.ts';
import { canEditText } from '../api/records.ts';
import { t } from '../i18n/index.ts';
import { openCollabSession } from '../editor/collab-session.ts';
import { createOutlineEditor } from '../editor/create-editor.ts';
import { createOutlinePanel } from '../editor/outline-panel.ts';
import { createPresenceList } from '../editor/presence-list.ts';
import { createStatusIndicator } from '../editor/status-indicator.ts';
import { createToolbar } from '../editor/toolbar.ts';
import { closeAction } from '../editor/connection-status.ts';
import type { WebsocketProvider } from 'y-websocket';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';

/**
 * The editor page of `/documents/:id`: title, connection status, toolbar, outline panel
 * (left), the ProseMirror editor (centre) and who is here (right). Roles that cannot
 * edit get a read-only editor; the server enforces this too, the UI only avoids
 * offering edits that would be dropped.
 */
export async function renderEditorPage(root: HTMLElement, documentId: string): Promise<void> {
  const [user, document] = await Promise.all([fetchMe(), fetchDocument(documentId)]);
  const editable = canEditText(user.role);
  window.document.title = `${document.title} — Draftroom`;

  const session = openCollabSession(document.id, user);
  const editorMount = h('div', { className: 'editor-surface' });
  const editor = createOutlineEditor(editorMount, session, { editable, label: t('editor.content') });
  const toolbar = createToolbar(editor.view, editable);
  const outline = createOutlinePanel(editor.view);
  const presence = createPresenceList(session.provider.awareness);
  const status = createStatusIndicator(session.provider);
  editor.onChange((view) => {
    toolbar.update(view);
    outline.update(view);
  });

  const connectionNotice = h('p', { className: 'notice', attrs: { role: 'alert' } });
  connectionNotice.hidden = true;
  watchConnectionCloses(session.provider, connectionNotice);
  const notice = editable ? [connectionNotice] : [connectionNotice, h('p', { className: 'notice', i18n: 'editor.readOnly' })];
  root.replaceChildren(
    renderHeader(user),
    h('main', { className: 'editor-page' }, [
      h('div', { className: 'editor-page__top' }, [
        h('div', { className: 'editor-page__heading' }, [
          h('a', { className: 'back-link', i18n: 'editor.backToList', attrs: { href: '/' } }),
          h('h1', { className: 'document-title', text: document.title, attrs: { 'data-document-id': document.id } }),
        ]),
        status.element,
      ]),
      toolbar.element,
      ...notice,
      h('div', { className: 'editor-layout' }, [outline.element, h('div', { className: 'editor-paper' }, [editorMount]), presence.element]),
    ]),
  );

  window.addEventListener('pagehide', () => {
    presence.destroy();
    status.destroy();
    editor.destroy();
    session.destroy();
  }, { once: true });
}

const SESSION_CHECK_INTERVAL_MS = 10_000;

/**
 * Reacts to the collaboration socket closing: a lost session leads to /login (via the
 * 401 of `GET /api/auth/me`), a forbidden or missing document stops the retries and says
 * why; other closes are left to the provider's reconnection with backoff.
 */
function watchConnectionCloses(provider: WebsocketProvider, notice: HTMLElement): void {
  let lastCheck = 0;
  provider.on('connection-close', (event) => {
    const action = closeAction(event?.code);
    if (action === 'check-session' && Date.now() - lastCheck > SESSION_CHECK_INTERVAL_MS) {
      lastCheck = Date.now();
      // fetchMe redirects on 401; any other failure just means the server is unreachable.
      fetchMe().catch(() => undefined);
    } else if (action === 'stop-forbidden' || action === 'stop-not-found') {
      provider.disconnect();
      notice.dataset.i18n = action === 'stop-forbidden' ? 'error.forbidden' : 'error.notFound';
      notice.textContent = t(action === 'stop-forbidden' ? 'error.forbidden' : 'error.notFound');
      notice.hidden = false;
    }
  });
}
