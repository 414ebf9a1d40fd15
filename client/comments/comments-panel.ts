import type { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Me } from '../api/account-records.ts';
import type { PublicThread } from '../api/comment-records.ts';
import { listThreads } from '../api/comment-endpoints.ts';
import { listOrganizations } from '../api/endpoints.ts';
import type { OutlineEditor } from '../editor/create-editor.ts';
import { syncSelectionFromDom } from '../editor/dom-selection.ts';
import { numberingPluginKey } from '../editor/numbering-plugin.ts';
import { getLocale, onLocaleChange, t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { captureAnchor } from './anchor-capture.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { activateMeta, commentsPlugin, commentsPluginKey, setThreadsMeta } from './comments-plugin.ts';
import { createFilterBar } from './filter-bar.ts';
import { mergeThread, sortThreads } from './merge-threads.ts';
import { createNewThreadForm } from './new-thread-form.ts';
import { canDecide, canFileSubmission, canStartThread, type CommentActor } from './permissions.ts';
import { revealThread } from './reveal.ts';
import { isNewThreadShortcut } from './shortcut.ts';
import { createSettingsBar } from './settings-bar.ts';
import { createSubmissionPanel } from './submission-form.ts';
import { subscribeThreadEvents } from './thread-events.ts';
import { filterThreads, NO_FILTER, type ThreadFilter } from './thread-filters.ts';
import { createThreadCard, type ThreadCard, type ThreadCardView } from './thread-card.ts';

/** The comments sidebar of an editor page. */
export interface CommentsPanel {
  readonly element: HTMLElement;
  /** The editor plugin drawing the highlights; pass it to the editor before `attach`. */
  readonly plugin: Plugin;
  /** Connects the sidebar to the mounted editor: loads the threads and follows live events. */
  attach(editor: OutlineEditor): void;
  destroy(): void;
}

/**
 * "Góp ý": the threads of the document in document order, with filters and counts, the
 * "Góp ý" button (and Ctrl+Alt+M) that starts a thread on the editor's selection (also in a
 * read-only editor: selecting is not editing), the secretariat's visibility switch and
 * synthesis downloads, and a ministry officer's written submission form. Threads arrive
 * live through Server-Sent Events and are merged by id; the editor's highlights follow.
 * Clicking a highlight opens its thread here; clicking a thread shows its passage there.
 * `openThreadId` (a link's `?thread=`, e.g. from a notification) is opened once the threads load.
 */
export function createCommentsPanel(documentId: string, me: Me, options: { openThreadId?: string | null } = {}): CommentsPanel {
  const actor: CommentActor = { role: me.user.role, organizationId: me.user.organizationId };
  let view: EditorView | null = null;
  let threads: PublicThread[] = [];
  let filter: ThreadFilter = NO_FILTER;
  let activeId: string | null = null;
  let pendingThreadId = options.openThreadId ?? null;
  const cards = new Map<string, { card: ThreadCard; signature: string }>();
  const cleanups: Array<() => void> = [];

  const list = h('ol', { className: 'comments-panel__list' });
  const empty = h('p', { className: 'muted comments-panel__empty' });
  const feedback = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const formSlot = h('div', { className: 'comments-panel__form' });
  const filterBar = createFilterBar((next) => {
    filter = next;
    renderList();
  });
  const settings = createSettingsBar(documentId, actor);
  // Without the list the secretariat can still comment; only the oral-comment fields are left out.
  const organizations = canDecide(actor) ? listOrganizations().catch(() => []) : Promise.resolve([]);

  /** True when the editor holds a text selection an orphaned thread could be re-attached to. */
  const hasSelection = (): boolean => view !== null && !view.state.selection.empty && view.state.doc.textBetween(view.state.selection.from, view.state.selection.to, '\n').trim() !== '';

  /** How a thread's card is drawn now: orphaned per the live editor once it resolved the anchors. */
  const viewOf = (thread: PublicThread): ThreadCardView => {
    const state = view === null ? undefined : commentsPluginKey.getState(view.state);
    const gone = thread.anchor !== null && state !== undefined && state.resolved && !state.ranges.has(thread.id);
    const orphaned = thread.position.status === 'orphaned' || gone;
    // Only the cards offering "Gắn lại" follow the selection, so selecting text redraws no other card.
    return { orphaned, active: thread.id === activeId, selection: orphaned && canDecide(actor) && hasSelection() };
  };

  const cardContext = {
    documentId,
    actor,
    reveal: (thread: PublicThread) => {
      activeId = thread.id;
      if (view !== null) revealThread(view, thread);
      renderList();
    },
    onUpdated: (thread: PublicThread) => receive(thread),
    threads: () => threads,
    selectedAnchor: () => (view === null ? null : captureAnchor(view.state)),
  };

  function renderList(): void {
    const shown = filterThreads(threads, filter);
    const locale = getLocale();
    const elements = shown.map((thread) => {
      const cardView = viewOf(thread);
      const signature = `${thread.updatedAt}|${thread.position.order}|${thread.position.text}|${cardView.orphaned}|${cardView.active}|${cardView.selection}|${locale}`;
      const held = cards.get(thread.id);
      if (held === undefined) {
        const card = createThreadCard(thread, cardView, cardContext);
        cards.set(thread.id, { card, signature });
        return card.element;
      }
      if (held.signature !== signature) {
        held.card.update(thread, cardView);
        held.signature = signature;
      }
      return held.card.element;
    });
    // Moving a focused reply box out of the document would drop its focus: reorder only when needed.
    const same = elements.length === list.children.length && elements.every((element, index) => list.children[index] === element);
    if (!same) list.replaceChildren(...elements);
    const emptyKey: MessageKey = threads.length === 0 ? 'comments.empty' : 'comments.emptyFiltered';
    empty.dataset.i18n = emptyKey;
    empty.textContent = t(emptyKey);
    empty.hidden = elements.length > 0;
  }

  /** Hands the thread anchors to the editor plugin (which resolves them) and redraws. */
  const threadsChanged = (): void => {
    if (view !== null) view.dispatch(setThreadsMeta(view.state.tr, threads.map((thread) => ({ id: thread.id, anchor: thread.anchor }))));
    filterBar.update(threads);
    renderList();
  };

  function receive(thread: PublicThread): void {
    threads = mergeThread(threads, thread);
    threadsChanged();
  }

  // Screen readers hear of a comment someone else just made (not of every change to a thread).
  const announcer = h('p', { className: 'visually-hidden comments-panel__announcer', attrs: { role: 'status', 'aria-live': 'polite' } });
  function receiveLive(thread: PublicThread): void {
    const isNew = !threads.some((known) => known.id === thread.id);
    if (isNew && thread.author.id !== me.user.id) {
      const from = thread.organization?.name ?? thread.author.displayName;
      announcer.textContent = t('comments.announce.new', { from });
    }
    receive(thread);
  }

  const activate = (threadId: string): void => {
    activeId = threadId;
    if (view !== null) view.dispatch(activateMeta(view.state.tr, threadId));
    renderList();
    cards.get(threadId)?.card.element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const openNewThread = (): void => {
    if (view === null || !canStartThread(actor)) return;
    // The shortcut can come before the editor has read the last Shift+arrow's selection.
    syncSelectionFromDom(view);
    const anchor = captureAnchor(view.state);
    const headings = numberingPluginKey.getState(view.state)?.headings ?? [];
    void organizations.then((orgs) => {
      const form = createNewThreadForm({
        documentId,
        anchor,
        headings,
        organizations: orgs,
        onCreated: (thread) => {
          formSlot.replaceChildren();
          receive(thread);
          activate(thread.id);
        },
        onCancel: () => formSlot.replaceChildren(),
      });
      formSlot.replaceChildren(form);
      form.querySelector('textarea')?.focus();
    });
  };

  const plugin = commentsPlugin({ onActivate: activate });

  const load = (): void => {
    listThreads(documentId)
      .then((loaded) => {
        feedback.textContent = '';
        threads = loaded.threads.reduce((merged, thread) => mergeThread(merged, thread), sortThreads(threads));
        settings?.setVisibility(loaded.visibility);
        threadsChanged();
        const wanted = pendingThreadId;
        pendingThreadId = null;
        if (wanted !== null && threads.some((thread) => thread.id === wanted)) activate(wanted);
      })
      .catch((failure: unknown) => {
        feedback.textContent = commentErrorMessage(failure);
      });
  };

  const newButton = h('button', {
    className: 'button button--primary comments-panel__new',
    i18n: 'comments.new.button',
    i18nTitle: 'comments.new.buttonTitle',
    attrs: { type: 'button', 'aria-keyshortcuts': 'Control+Alt+M' },
  });
  // Keep the editor's selection: pressing the button must not move it before it is read.
  newButton.addEventListener('mousedown', (event) => event.preventDefault());
  newButton.addEventListener('click', openNewThread);

  const head = h('div', { className: 'comments-panel__head' }, [h('h2', { className: 'panel-title', i18n: 'comments.title' }), ...(canStartThread(actor) ? [newButton] : [])]);
  const children: HTMLElement[] = [head];
  if (settings !== null) children.push(settings.element);
  children.push(formSlot, filterBar.element, feedback, empty, list);
  children.push(announcer);
  const element = h('aside', { className: 'comments-panel', i18nAriaLabel: 'comments.title' }, children);

  return {
    element,
    plugin,
    attach(editor) {
      view = editor.view;
      if (canFileSubmission(actor)) {
        const current = editor.view;
        // The ministry's main official action comes right under the panel's title, before
        // the threads, however many there are.
        head.after(
          createSubmissionPanel(documentId, {
            currentSelection: () => captureAnchor(current.state),
            headings: () => numberingPluginKey.getState(current.state)?.headings ?? [],
          }),
        );
      }
      cleanups.push(editor.onChange(() => renderList()));
      const onKey = (event: KeyboardEvent): void => {
        if (!isNewThreadShortcut(event)) return;
        event.preventDefault();
        openNewThread();
      };
      window.addEventListener('keydown', onKey);
      cleanups.push(() => window.removeEventListener('keydown', onKey));
      cleanups.push(onLocaleChange(() => {
        filterBar.update(threads);
        renderList();
      }));
      cleanups.push(subscribeThreadEvents(documentId, { onThread: receiveLive, onReconnect: load, onSettingsChanged: load }));
      load();
    },
    destroy() {
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}
