import type { tablesVi } from './tables-vi.ts';

/** English UI strings of tables in the editor, spread into `en`; exactly the keys of `tablesVi`. */
export const tablesEn: Record<keyof typeof tablesVi, string> = {
  'table.toolbar': 'Table',
  'table.insert': 'Insert table',
  'table.insertForm': 'Insert a new table',
  'table.rows': 'Rows',
  'table.columns': 'Columns',
  'table.withHeaderRow': 'Header row',
  'table.insertConfirm': 'Insert',
  'table.cancel': 'Cancel',
  'table.rowBefore': 'Insert row above',
  'table.rowAfter': 'Insert row below',
  'table.columnBefore': 'Insert column left',
  'table.columnAfter': 'Insert column right',
  'table.deleteRow': 'Delete row',
  'table.deleteColumn': 'Delete column',
  'table.mergeCells': 'Merge cells',
  'table.splitCell': 'Split cell',
  'table.headerRow': 'Header row',
  'table.delete': 'Delete table',
} as const;
