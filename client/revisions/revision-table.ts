import type { Revision } from '../api/revision-records.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { revisionDocxUrl } from '../exports/export-links.ts';
import { comparePath, revisionPath } from '../router.ts';
import { h } from '../ui/dom.ts';
import { reasonText, revisionLabel, revisionTime, sizeDetails, storedSize } from './labels.ts';
import { renderRestoreConfirm } from './restore-confirm.ts';
import { renderRevisionThreads } from './revision-threads.ts';

/** What a revision table needs besides the revisions. */
export interface RevisionTableOptions {
  documentId: string;
  /** Whether to offer "Khôi phục" (the secretariat; the server refuses everyone else). */
  canRestore: boolean;
  /** Restores after the confirm step; rejects to keep the confirm step open. */
  restore(revision: Revision): Promise<void>;
  /** Names of revisions by id, to say what a restore checkpoint restored. */
  nameOf(id: string): string | null;
}

function nameCell(revision: Revision, options: RevisionTableOptions): HTMLTableCellElement {
  const lines: HTMLElement[] = [];
  if (revision.kind === 'named') {
    lines.push(h('a', { className: 'revision-name', text: revision.name, attrs: { href: revisionPath(options.documentId, revision.id) } }));
  } else {
    lines.push(h('span', { className: 'revision-reason', text: reasonText(revision), attrs: { 'data-reason': revision.reason } }));
  }
  if (revision.note !== '') lines.push(h('p', { className: 'revision-note muted', text: revision.note }));
  const restored = revision.restoredFrom === null ? null : options.nameOf(revision.restoredFrom);
  if (restored !== null) lines.push(h('p', { className: 'muted revision-restored-from', text: t('revisions.restoredFrom', { name: restored }) }));
  const threads = renderRevisionThreads(options.documentId, revision);
  if (threads !== null) lines.push(threads);
  return h('td', {}, lines);
}

function actionButtons(revision: Revision, options: RevisionTableOptions, cell: HTMLTableCellElement): HTMLElement[] {
  const buttons: HTMLElement[] = [
    h('a', { className: 'button', i18n: 'revisions.view', attrs: { href: revisionPath(options.documentId, revision.id), 'data-action': 'view' } }),
    h('a', { className: 'button button--quiet', i18n: 'revisions.compareWithCurrent', attrs: { href: comparePath(options.documentId, revision.id, 'current'), 'data-action': 'compare-current' } }),
  ];
  // A named revision is what is sent to the ministries: its Word file is one click away (print and PDF on its page).
  if (revision.kind === 'named') {
    buttons.push(h('a', { className: 'button button--quiet', i18n: 'exports.docx', attrs: { href: revisionDocxUrl(options.documentId, revision.id), download: '', 'data-action': 'export-docx' } }));
  }
  if (options.canRestore) {
    const showButtons = (): void => cell.replaceChildren(...actionButtons(revision, options, cell));
    buttons.push(
      h('button', {
        className: 'button',
        i18n: 'revisions.restore',
        attrs: { type: 'button', 'data-action': 'restore' },
        on: { click: () => cell.replaceChildren(renderRestoreConfirm(revision, () => options.restore(revision), showButtons)) },
      }),
    );
  }
  return buttons;
}

function revisionRow(revision: Revision, options: RevisionTableOptions): HTMLTableRowElement {
  const actions = h('td', { className: 'revision-actions' });
  actions.append(...actionButtons(revision, options, actions));
  return h('tr', { attrs: { 'data-revision-id': revision.id, 'data-kind': revision.kind, 'data-label': revisionLabel(revision) } }, [
    nameCell(revision, options),
    revision.createdBy === null ? h('td', { className: 'muted', i18n: 'revisions.system' }) : h('td', { text: revision.createdBy.displayName }),
    h('td', { className: 'nowrap', text: revisionTime(revision), attrs: { title: revision.createdAt } }),
    h('td', { className: 'numeric nowrap', text: storedSize(revision), attrs: { title: sizeDetails(revision) } }),
    actions,
  ]);
}

/**
 * A table of revisions of one kind: the name (a link to read it) or, for a checkpoint, the
 * translated reason; the note; who saved it; when (Vietnamese date-time format); its size
 * on disk in KB; and "Xem", "So sánh với bản hiện hành", "Tải Word" (named revisions) and, when allowed, "Khôi phục" with
 * a confirm step. `empty` is shown instead of an empty table.
 */
export function renderRevisionTable(revisions: readonly Revision[], options: RevisionTableOptions, empty: MessageKey): HTMLElement {
  if (revisions.length === 0) return h('p', { className: 'muted', i18n: empty });
  const first: MessageKey = revisions[0]?.kind === 'checkpoint' ? 'revisions.column.reason' : 'revisions.column.name';
  const columns: MessageKey[] = [first, 'revisions.column.author', 'revisions.column.time', 'revisions.column.size', 'revisions.column.actions'];
  return h('div', { className: 'table-scroll' }, [
    h('table', { className: 'data-table revisions-table' }, [
      h('thead', {}, [h('tr', {}, columns.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })))]),
      h('tbody', {}, revisions.map((revision) => revisionRow(revision, options))),
    ]),
  ]);
}
