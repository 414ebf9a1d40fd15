import type { ThreadStatus } from '../api/comment-records.ts';
import { applyProposal, decideThread, revertProposal, type ReviewThread } from '../api/review-endpoints.ts';
import { commentErrorMessage } from '../comments/comment-errors.ts';
import { needsExplanation } from '../comments/status-labels.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { decideMany, outcomeOf, type SaveOutcome } from './desk-actions.ts';
import { deskKeyAction, filterRows, NO_DESK_FILTER, sortRows, toRow, upsertRow, type DeskFilter, type DeskRow, type DeskSort, type SectionPaths } from './desk-model.ts';
import { renderRow, type RowActions } from './desk-row.ts';
import { VirtualRows } from './virtual-rows.ts';

/** Height of a folded row, in pixels (CSS clamps the cells to it). */
export const ROW_HEIGHT = 76;

/** The explanation being edited: on which thread, from which version, and for which decision. */
interface Editing {
  threadId: string;
  textarea: HTMLTextAreaElement;
  /** The version the edit started from (or the other person's, once their change was shown). */
  baseVersion: number;
  /** A decision chosen before the explanation (a key press on a thread without one). */
  status: ThreadStatus | null;
}

/**
 * The review desk's state and behaviour: all threads as rows, the filter and order, the
 * active row, selection, the explanation editor, conflicts and messages; keyboard and buttons
 * call into it, and it re-renders the virtual rows. Every save carries the version the person
 * saw, so someone else's change is shown (and kept) instead of overwritten.
 */
export class Desk {
  private rows: DeskRow[];
  private view: DeskRow[] = [];
  private filter: DeskFilter = NO_DESK_FILTER;
  private sort: DeskSort = 'document';
  private activeId: string | null = null;
  private expandedId: string | null = null;
  private editing: Editing | null = null;
  private readonly selected = new Set<string>();
  private readonly conflicts = new Map<string, ReviewThread>();
  private readonly messages = new Map<string, string>();
  private readonly busy = new Set<string>();
  private list: VirtualRows | null = null;
  /** Called after the shown rows or the selection changed (counts, bulk bar). */
  onChange: () => void = () => undefined;

  constructor(private readonly documentId: string, threads: readonly ReviewThread[], private readonly paths: SectionPaths) {
    this.rows = threads.map((thread) => toRow(thread, paths));
    this.refresh();
  }

  /** Binds the desk to its scrolling container and draws it. */
  mount(scroller: HTMLElement): void {
    const actions: RowActions = {
      select: (id, on) => this.setSelected(id, on),
      toggleHistory: (id) => this.toggleHistory(id),
      apply: (id) => void this.proposal(id, 'apply'),
      revert: (id) => void this.proposal(id, 'revert'),
      activate: (id) => {
        if (this.activeId === id) return;
        this.activeId = id;
        this.draw();
      },
    };
    this.list = new VirtualRows(
      scroller,
      {
        count: () => this.view.length,
        key: (index) => this.rowKey(index),
        render: (index) => this.renderAt(index, actions),
        expanded: () => this.view.findIndex((row) => row.thread.id === this.expandedId || row.thread.id === this.editing?.threadId),
      },
      ROW_HEIGHT,
    );
    this.draw();
  }

  /** Rows shown, and all rows. */
  counts(): { shown: number; total: number; selected: number } {
    return { shown: this.view.length, total: this.rows.length, selected: this.selected.size };
  }

  /** The rows in the current filter and order. */
  shownRows(): readonly DeskRow[] {
    return this.view;
  }

  /** Applies a new filter. */
  setFilter(filter: DeskFilter): void {
    this.filter = filter;
    this.refresh();
  }

  /** Applies a new order. */
  setSort(sort: DeskSort): void {
    this.sort = sort;
    this.refresh();
  }

  /** Takes in a thread changed elsewhere (live event) or by a save. An older version than shown is ignored. */
  receive(thread: ReviewThread): void {
    const known = this.rows.find((row) => row.thread.id === thread.id);
    if (known && known.thread.version > thread.version) return;
    this.rows = upsertRow(this.rows, toRow(thread, this.paths));
    this.refresh();
  }

  /** Selects or unselects every shown row. */
  selectAll(on: boolean): void {
    for (const row of this.view) {
      if (on) this.selected.add(row.thread.id);
      else this.selected.delete(row.thread.id);
    }
    this.draw();
  }

  /** Handles a key press on the desk; true when it was the desk's. */
  handleKey(event: KeyboardEvent): boolean {
    const action = deskKeyAction(event, this.editing !== null);
    if (action === null) return false;
    const row = this.activeRow();
    switch (action.kind) {
      case 'move':
        this.move(action.by);
        return true;
      case 'search':
        return false;
      case 'cancel':
        if (!this.editing) return false;
        this.editing = null;
        this.draw();
        return true;
      case 'save':
        if (!this.editing) return false;
        void this.saveEditor();
        return true;
    }
    if (!row) return false;
    switch (action.kind) {
      case 'toggleSelect':
        this.setSelected(row.thread.id, !this.selected.has(row.thread.id));
        return true;
      case 'toggleHistory':
        this.toggleHistory(row.thread.id);
        return true;
      case 'edit':
        this.startEditing(row, null);
        return true;
      case 'decide':
        if (needsExplanation(action.status) && (row.thread.explanation ?? '') === '') this.startEditing(row, action.status);
        else void this.decide(row.thread.id, action.status, row.thread.explanation ?? '', row.thread.version);
        return true;
    }
    return false;
  }

  /**
   * Applies `status` to every selected row, each with the version shown; `explanation` ('' to
   * keep each row's own). Resolves with how many were saved, refused (conflict) and failed.
   */
  async decideSelected(status: ThreadStatus, explanation: string): Promise<{ saved: number; conflicts: number; failed: number }> {
    const targets = this.rows
      .filter((row) => this.selected.has(row.thread.id))
      .map((row) => ({ threadId: row.thread.id, version: row.thread.version, explanation: row.thread.explanation ?? '' }));
    const tally = { saved: 0, conflicts: 0, failed: 0 };
    await decideMany(this.documentId, targets, status, explanation, (threadId, outcome) => {
      if (outcome.kind === 'saved') {
        tally.saved += 1;
        this.selected.delete(threadId);
      } else if (outcome.kind === 'conflict') tally.conflicts += 1;
      else tally.failed += 1;
      this.settle(threadId, outcome);
    });
    return tally;
  }

  private refresh(): void {
    this.view = sortRows(filterRows(this.rows, this.filter), this.sort);
    if (this.activeId === null || !this.view.some((row) => row.thread.id === this.activeId)) this.activeId = this.view[0]?.thread.id ?? null;
    this.draw();
  }

  private draw(): void {
    this.list?.render();
    this.onChange();
  }

  private activeIndex(): number {
    return this.view.findIndex((row) => row.thread.id === this.activeId);
  }

  private activeRow(): DeskRow | undefined {
    return this.view[this.activeIndex()];
  }

  private move(by: 1 | -1): void {
    const next = Math.min(this.view.length - 1, Math.max(0, this.activeIndex() + by));
    this.activeId = this.view[next]?.thread.id ?? null;
    this.list?.reveal(next);
    this.onChange();
  }

  private setSelected(threadId: string, on: boolean): void {
    if (on) this.selected.add(threadId);
    else this.selected.delete(threadId);
    this.draw();
  }

  private toggleHistory(threadId: string): void {
    this.expandedId = this.expandedId === threadId ? null : threadId;
    this.activeId = threadId;
    this.draw();
  }

  private rowKey(index: number): string {
    const row = this.view[index];
    if (!row) return `missing-${index}`;
    const id = row.thread.id;
    const flags = [
      id === this.activeId ? 'a' : '',
      this.selected.has(id) ? 's' : '',
      id === this.expandedId ? 'x' : '',
      id === this.editing?.threadId ? 'e' : '',
      this.conflicts.has(id) ? 'c' : '',
      this.busy.has(id) ? 'b' : '',
    ].join('');
    return `${id}|${row.thread.version}|${index}|${flags}|${this.messages.get(id) ?? ''}`;
  }

  private renderAt(index: number, actions: RowActions): HTMLElement {
    const row = this.view[index];
    if (!row) return h('div');
    const id = row.thread.id;
    return renderRow(
      row,
      {
        number: index + 1,
        active: id === this.activeId,
        selected: this.selected.has(id),
        expanded: id === this.expandedId,
        editor: this.editing?.threadId === id ? this.editing.textarea : null,
        conflict: this.conflicts.get(id) ?? null,
        message: this.messages.get(id) ?? '',
        busy: this.busy.has(id),
      },
      actions,
    );
  }

  private startEditing(row: DeskRow, status: ThreadStatus | null): void {
    const textarea = h('textarea', { className: 'desk-editor', i18nPlaceholder: 'review.explanation.placeholder', attrs: { rows: '3', maxlength: '20000', name: 'explanation' } });
    textarea.value = row.thread.explanation ?? '';
    this.editing = { threadId: row.thread.id, textarea, baseVersion: row.thread.version, status };
    this.activeId = row.thread.id;
    this.draw();
    const index = this.activeIndex();
    if (index >= 0) this.list?.reveal(index);
    textarea.focus();
  }

  private async saveEditor(): Promise<void> {
    const editing = this.editing;
    if (!editing) return;
    const row = this.rows.find((candidate) => candidate.thread.id === editing.threadId);
    if (!row) return;
    const decided = row.thread.status === 'accepted' || row.thread.status === 'partially_accepted' || row.thread.status === 'not_accepted';
    const status = editing.status ?? (decided ? row.thread.status : null);
    if (status === null) {
      this.messages.set(row.thread.id, t('review.explanation.needDecision'));
      this.draw();
      editing.textarea.focus();
      return;
    }
    const text = editing.textarea.value.normalize('NFC').trim();
    await this.decide(row.thread.id, status, text, editing.baseVersion);
  }

  private async decide(threadId: string, status: ThreadStatus, explanation: string, version: number): Promise<void> {
    if (needsExplanation(status) && explanation === '') {
      this.messages.set(threadId, t('comments.error.explanationRequired'));
      this.draw();
      return;
    }
    this.busy.add(threadId);
    this.draw();
    this.settle(threadId, await outcomeOf(() => decideThread(this.documentId, threadId, status, explanation, version)));
  }

  private async proposal(threadId: string, action: 'apply' | 'revert'): Promise<void> {
    const row = this.rows.find((candidate) => candidate.thread.id === threadId);
    if (!row) return;
    this.activeId = threadId;
    this.busy.add(threadId);
    this.draw();
    const call = action === 'apply' ? applyProposal : revertProposal;
    this.settle(threadId, await outcomeOf(() => call(this.documentId, threadId, row.thread.version)));
  }

  /** Shows how a save ended: the new thread, or the other person's next to what was typed, or the error. */
  private settle(threadId: string, outcome: SaveOutcome): void {
    this.busy.delete(threadId);
    if (outcome.kind === 'saved') {
      this.conflicts.delete(threadId);
      this.messages.set(threadId, t('review.saved'));
      if (this.editing?.threadId === threadId) this.editing = null;
      this.receive(outcome.thread);
      return;
    }
    if (outcome.kind === 'conflict') {
      this.conflicts.set(threadId, outcome.current);
      this.messages.delete(threadId);
      // The next save confirms over the version now shown; what was typed stays in the editor.
      const editing = this.editing?.threadId === threadId ? this.editing : null;
      if (editing) editing.baseVersion = outcome.current.version;
      this.receive(outcome.current);
      editing?.textarea.focus();
      return;
    }
    this.messages.set(threadId, commentErrorMessage(outcome.error));
    this.draw();
  }
}
