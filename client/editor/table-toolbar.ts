import type { EditorView } from 'prosemirror-view';
import { isInTable } from 'prosemirror-tables';
import type { MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { headerRowActive, insertTable, MAX_TABLE_SIZE, TABLE_ACTIONS, clampTableSize } from './table-commands.ts';
import { canEdit } from './read-only-plugin.ts';

/** A part of the toolbar that follows the editor state. */
export interface ToolbarPart {
  readonly element: HTMLElement;
  update(view: EditorView): void;
}

const ACTION_LOOK: Readonly<Record<string, { label: MessageKey; glyph: string }>> = {
  'table-row-before': { label: 'table.rowBefore', glyph: '+↑' },
  'table-row-after': { label: 'table.rowAfter', glyph: '+↓' },
  'table-column-before': { label: 'table.columnBefore', glyph: '+←' },
  'table-column-after': { label: 'table.columnAfter', glyph: '+→' },
  'table-delete-row': { label: 'table.deleteRow', glyph: '−↕' },
  'table-delete-column': { label: 'table.deleteColumn', glyph: '−↔' },
  'table-merge-cells': { label: 'table.mergeCells', glyph: '⊏⊐' },
  'table-split-cell': { label: 'table.splitCell', glyph: '⊐⊏' },
  'table-header-row': { label: 'table.headerRow', glyph: 'TH' },
  'table-delete': { label: 'table.delete', glyph: '⌫' },
};

function toolbarButton(id: string, label: MessageKey, glyph: string): HTMLButtonElement {
  const button = h(
    'button',
    { className: `toolbar__button toolbar__button--${id}`, i18nTitle: label, attrs: { type: 'button', 'data-command': id } },
    [h('span', { text: glyph, attrs: { 'aria-hidden': 'true' } }), h('span', { className: 'visually-hidden', i18n: label })],
  );
  // Keep the editor's focus and selection: the commands act on the cell under the cursor.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  return button;
}

function numberField(name: string, label: MessageKey, value: number): { field: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { attrs: { type: 'number', name, min: '1', max: String(MAX_TABLE_SIZE), value: String(value), required: '' } });
  return { field: h('label', { className: 'table-insert__field' }, [h('span', { i18n: label }), input]), input };
}

/**
 * The "Chèn bảng" button and its small form (rows, columns, header row; Enter inserts,
 * Escape cancels), placed after the block holding the cursor.
 */
function createInsertControl(view: EditorView): ToolbarPart {
  const button = toolbarButton('insert-table', 'table.insert', '⊞');
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  const rows = numberField('rows', 'table.rows', 3);
  const columns = numberField('columns', 'table.columns', 3);
  const header = h('input', { attrs: { type: 'checkbox', name: 'headerRow', checked: '' } });
  const form = h('form', { className: 'table-insert', i18nAriaLabel: 'table.insertForm', attrs: { role: 'dialog' } }, [
    rows.field,
    columns.field,
    h('label', { className: 'table-insert__check' }, [header, h('span', { i18n: 'table.withHeaderRow' })]),
    h('div', { className: 'table-insert__actions' }, [
      h('button', { className: 'button button--primary', i18n: 'table.insertConfirm', attrs: { type: 'submit', 'data-command': 'insert-table-confirm' } }),
      h('button', { className: 'button', i18n: 'table.cancel', attrs: { type: 'button', 'data-command': 'insert-table-cancel' }, on: { click: () => close(true) } }),
    ]),
  ]);
  form.hidden = true;
  const element = h('div', { className: 'table-insert__root' }, [button, form]);

  function close(refocusEditor: boolean): void {
    form.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (refocusEditor) view.focus();
  }
  button.addEventListener('click', () => {
    if (!form.hidden) return close(true);
    form.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    rows.input.focus();
    rows.input.select();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    insertTable(clampTableSize(rows.input.value), clampTableSize(columns.input.value), header.checked)(view.state, view.dispatch, view);
    close(true);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(false);
      button.focus();
    }
  });
  return {
    element,
    update: (current) => {
      button.disabled = !canEdit(current) || !insertTable(1, 1, false)(current.state);
      if (button.disabled && !form.hidden) close(false);
    },
  };
}

/**
 * The toolbar's table group: "Chèn bảng" always, and while the cursor is in a table the
 * table edits (rows and columns above/below/left/right, delete row/column, merge and split
 * cells, header row, delete the table), each disabled when it cannot apply.
 */
export function createTableToolbarGroup(view: EditorView): ToolbarPart {
  const insert = createInsertControl(view);
  const actions = TABLE_ACTIONS.map((action) => {
    const look = ACTION_LOOK[action.id];
    const button = toolbarButton(action.id, look?.label ?? 'table.toolbar', look?.glyph ?? '?');
    button.addEventListener('click', () => {
      action.command(view.state, view.dispatch, view);
      view.focus();
    });
    return { action, button };
  });
  const tableEdits = h('div', { className: 'toolbar__table-edits' }, actions.map(({ button }) => button));
  const element = h('div', { className: 'toolbar__group toolbar__group--table', i18nAriaLabel: 'table.toolbar', attrs: { role: 'group' } }, [insert.element, tableEdits]);
  const update = (current: EditorView): void => {
    insert.update(current);
    const inTable = isInTable(current.state);
    tableEdits.hidden = !inTable;
    for (const { action, button } of actions) {
      button.disabled = !canEdit(current) || !inTable || !action.command(current.state, undefined, current);
      if (action.id === 'table-header-row') button.setAttribute('aria-pressed', String(headerRowActive(current.state)));
    }
  };
  update(view);
  return { element, update };
}
